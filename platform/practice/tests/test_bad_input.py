"""Bad input gets a clear refusal and creates nothing: bytes that are not UTF-8 in a
form-encoded or multipart body (Django would quietly replace them), and an empty form."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from practice.forms import find_undecodable
from practice.models import Submission

BAD_FORM = b"mode=run&source=package+solution%0A%2F%2F+caf%E9%0A"  # Latin-1 "café"
BOUNDARY = "goconcurBoundary"


def multipart(fields: dict[str, bytes]) -> tuple[bytes, str]:
    parts = b"".join(
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode()
        + value
        + b"\r\n"
        for name, value in fields.items()
    )
    return parts + f"--{BOUNDARY}--\r\n".encode(), f"multipart/form-data; boundary={BOUNDARY}"


def test_find_undecodable_names_the_field_byte_and_line() -> None:
    bad = find_undecodable("application/x-www-form-urlencoded", BAD_FORM)
    assert (bad.field, bad.byte, bad.line) == ("source", 0xE9, 2)
    body, content_type = multipart({"mode": b"run", "source": b"package x\n\n// \xff"})
    bad = find_undecodable(content_type, body)
    assert (bad.field, bad.byte, bad.line) == ("source", 0xFF, 3)
    # A real U+FFFD (valid UTF-8) and plain JSON are not this check's business.
    good, content_type = multipart({"source": "// \ufffd ok".encode()})
    assert find_undecodable(content_type, good) is None
    assert find_undecodable("application/json", b'{"source": "\xff"}') is None


def test_page_refuses_non_utf8_form_and_multipart(candidate, bank) -> None:
    client = Client(enforce_csrf_checks=True)  # the real CSRF check reads the form first
    client.force_login(candidate)
    page = client.get(reverse("practice:problem_detail", args=["safe-counter"]))
    token = page.cookies["csrftoken"].value
    url = reverse("practice:submit", args=["safe-counter"])
    form = client.post(
        url,
        data=BAD_FORM + f"&csrfmiddlewaretoken={token}".encode(),
        content_type="application/x-www-form-urlencoded",
        HTTP_ACCEPT="application/json",
    )
    assert form.status_code == 400
    assert form.json()["error"].startswith("The code is not UTF-8 text: byte 0xE9 on line 2")
    body, content_type = multipart(
        {"csrfmiddlewaretoken": token.encode(), "mode": b"run", "source": b"package x\n\xfe"}
    )
    sent = client.post(url, data=body, content_type=content_type, HTTP_X_CSRFTOKEN=token)
    assert sent.status_code == 400 and "byte 0xFE on line 2" in sent.content.decode()
    assert not Submission.objects.exists()
    # The same multipart body in good UTF-8 goes through the same path and is queued.
    body, content_type = multipart(
        {"csrfmiddlewaretoken": token.encode(), "mode": b"run", "source": "package x // é".encode()}
    )
    queued = client.post(url, data=body, content_type=content_type, HTTP_ACCEPT="application/json")
    assert queued.status_code == 202 and Submission.objects.get().source == "package x // é"
    # Without the CSRF token, still refused by CSRF.
    assert Client(enforce_csrf_checks=True).post(url, {"mode": "run"}).status_code == 403


def test_api_refuses_non_utf8_form_and_multipart(candidate, bank) -> None:
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=candidate).key}")
    form = api.post(
        "/api/submissions/",
        data=BAD_FORM + b"&problem=safe-counter",
        content_type="application/x-www-form-urlencoded",
    )
    assert form.status_code == 400 and "byte 0xE9 on line 2" in form.json()["detail"]
    body, content_type = multipart({"problem": b"safe-counter", "source": b"\x80"})
    sent = api.post("/api/submissions/", data=body, content_type=content_type)
    assert sent.status_code == 400 and sent.json()["source"] == ["not UTF-8"]
    assert not Submission.objects.exists()


@pytest.mark.parametrize("accept", ["application/json", "text/html"])
def test_empty_form_says_what_is_missing(candidate_client, bank, accept) -> None:
    response = candidate_client.post(
        reverse("practice:submit", args=["safe-counter"]), {}, HTTP_ACCEPT=accept
    )
    assert response.status_code == 400
    text = response.json()["error"] if accept == "application/json" else response.content.decode()
    assert "The code is empty" in text and "mode is" in text and "invalid form" not in text
    wrong_mode = candidate_client.post(
        reverse("practice:submit", args=["safe-counter"]),
        {"source": "package x", "mode": "fast"},
        HTTP_ACCEPT="application/json",
    )
    assert 'Unknown mode "fast"' in wrong_mode.json()["error"]
    assert not Submission.objects.exists()
