"""The first screen and the favicon, without a browser."""

from __future__ import annotations

import json

from django.test import Client

from practice.landing import EXAMPLE


def test_the_landing_page_explains_and_draws_a_real_finding(client: Client, db) -> None:
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    body = page.content.decode()
    assert page.status_code == 200
    assert "Practise Go concurrency" in body and 'href="/practice/"' in body
    example = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    assert example["result"]["schema_version"] >= 2  # regraded when the schema moved
    marked = {f["line"] for f in example["result"]["findings"] if f.get("file") == "solution.go"}
    for line in marked:  # every marked line of the example is drawn, with its source
        assert f'id="L{line}"' in body
    assert body.count('class="has-finding') >= len(marked)


def test_the_landing_page_in_chinese(client: Client, db) -> None:
    body = client.get("/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "在真正运行的代码上练习 Go 并发" in body and "处的写与更早在" in body


def test_favicon_is_served(client: Client) -> None:
    redirect = client.get("/favicon.ico")
    assert redirect.status_code == 301
    icon = client.get(redirect["Location"])
    assert icon.status_code == 200 and b"<svg" in b"".join(icon.streaming_content)
