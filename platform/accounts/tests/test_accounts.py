from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.models import Role, User


@pytest.mark.django_db
def test_signup_makes_a_candidate_and_logs_in(client) -> None:
    response = client.post(
        reverse("accounts:signup"),
        {
            "username": "bob",
            "password1": "Tr1cky-pass-42",
            "password2": "Tr1cky-pass-42",
            "language": "zh-hans",
            "role": "admin",
        },  # a forged role field is ignored
    )
    assert response.status_code == 302
    user = User.objects.get(username="bob")
    assert user.role == Role.CANDIDATE and not user.is_staff
    assert user.language == "zh-hans"
    page = client.get(reverse("practice:problem_list"))
    assert "bob" in page.content.decode()
    assert "题目" in page.content.decode()  # the saved language wins


@pytest.mark.django_db
def test_login_and_logout(client, candidate) -> None:
    response = client.post(
        reverse("accounts:login"), {"username": "alice", "password": "pw-Secret-123"}
    )
    assert response.status_code == 302
    assert client.get(reverse("practice:history")).status_code == 200
    client.post(reverse("accounts:logout"))
    assert client.get(reverse("practice:history")).status_code == 302


@pytest.mark.django_db
def test_admin_role_reaches_the_admin(client, make_user) -> None:
    admin = make_user("root", role=Role.ADMIN)
    assert admin.is_staff
    client.force_login(admin)
    assert client.get("/admin/practice/submission/").status_code in (200, 403)
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "private"),
    [("candidate", False), ("interviewer", True), ("hiring_manager", True), ("admin", True)],
)
def test_roles(make_user, role: str, private: bool) -> None:
    assert make_user(role, role=role).sees_private_material is private


@pytest.mark.django_db
def test_language_switch_for_anonymous_and_user(client, candidate) -> None:
    client.post(reverse("accounts:set_language"), {"language": "zh-hans", "next": "/practice/"})
    assert "题目" in client.get("/practice/").content.decode()
    client.force_login(candidate)
    client.post(
        reverse("accounts:set_language"), {"language": "en", "next": "https://evil.example/"}
    )
    candidate.refresh_from_db()
    assert candidate.language == "en"
    assert "Problems" in client.get("/practice/").content.decode()
