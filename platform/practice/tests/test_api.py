"""REST API with token auth, its OpenAPI schema, and the signed webhook."""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from practice.models import Submission, Webhook
from practice.tasks import deliver_webhooks


@pytest.fixture
def api(candidate) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=candidate).key}")
    return client


def test_token_endpoint(client, candidate) -> None:
    response = client.post("/api/token/", {"username": "alice", "password": "pw-Secret-123"})
    assert response.status_code == 200 and len(response.json()["token"]) == 40


def test_anonymous_is_refused(client, bank) -> None:
    assert client.get("/api/problems/").status_code == 401


def test_list_and_detail(api, bank) -> None:
    listing = api.get("/api/problems/?kind=fix").json()
    assert [p["slug"] for p in listing["results"]] == ["safe-counter"]
    detail = api.get("/api/problems/safe-counter/").json()
    assert "Counter.Inc" in detail["statement"] and "c.n++" in detail["starter"]
    assert set(detail) == {
        "slug",
        "kind",
        "difficulty",
        "title",
        "title_en",
        "title_zh",
        "topics",
        "statement",
        "starter",
        "public_tests",
    }


@pytest.mark.sandbox
def test_submit_poll_result(api, bank, django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = api.post(
            "/api/submissions/",
            {"problem": "safe-counter", "source": bank["safe-counter"].starter, "mode": "submit"},
            format="json",
        )
    assert response.status_code == 202
    pk = response.json()["id"]
    polled = api.get(f"/api/submissions/{pk}/").json()
    assert polled["status"] == "done" and polled["verdict"] == "race"
    result = api.get(f"/api/submissions/{pk}/result/").json()
    assert result["schema_version"] == 2 and result["findings"][0]["line"] == 9


def test_result_before_done_is_409(api, bank, candidate) -> None:
    s = Submission.objects.create(
        user=candidate, problem=bank["safe-counter"], mode="run", source="x"
    )
    assert api.get(f"/api/submissions/{s.pk}/result/").status_code == 409


def test_refusals_are_clear(api, bank) -> None:
    big = api.post(
        "/api/submissions/", {"problem": "safe-counter", "source": "x" * 70000}, format="json"
    )
    assert big.status_code == 413 and "64 KiB" in big.json()["detail"]


def test_schema(api) -> None:
    response = api.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    schema = json.loads(response.content)
    assert "/api/submissions/" in schema["paths"] and "/api/problems/" in schema["paths"]


def test_webhook_is_signed(bank, candidate) -> None:
    received: dict = {}

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            received.update(body=body, signature=self.headers["X-Goconcur-Signature"])
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.handle_request, daemon=True)
    thread.start()
    Webhook.objects.create(
        user=candidate, url=f"http://127.0.0.1:{server.server_port}/hook", secret="s3cret"
    )
    s = Submission.objects.create(
        user=candidate,
        problem=bank["safe-counter"],
        mode="run",
        source="x",
        status="done",
        verdict="accepted",
        result={"verdict": "accepted", "schema_version": 1},
    )
    assert deliver_webhooks(s.pk) == 1
    thread.join(5)
    server.server_close()
    expected = hmac.new(b"s3cret", received["body"], hashlib.sha256).hexdigest()
    assert received["signature"] == f"sha256={expected}"
    assert json.loads(received["body"])["submission"]["result"]["verdict"] == "accepted"
