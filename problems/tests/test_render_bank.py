"""The platform lists and renders every bank item, in English and in Chinese."""

from __future__ import annotations

import html

import pytest
from django.core.management import call_command
from django.urls import reverse

from problems.loader import load_bank
from problems.models import Problem
from problems.validation import BANK

ITEMS = load_bank(BANK)


@pytest.fixture
def loaded_bank(db) -> None:
    call_command("bank", "load", "--bank", str(BANK))


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_every_item_is_listed_and_renders(client, loaded_bank, language: str) -> None:
    assert Problem.objects.count() == len(ITEMS)
    client.cookies["django_language"] = language
    listing = client.get(reverse("practice:problem_list"), HTTP_ACCEPT_LANGUAGE=language)
    assert listing.status_code == 200
    page = html.unescape(listing.content.decode())
    for item in ITEMS:
        title = item.title.zh if language.startswith("zh") else item.title.en
        assert title in page, f"{item.slug} missing from the list in {language}"
        detail = client.get(reverse("practice:problem_detail", args=[item.slug]),
                            HTTP_ACCEPT_LANGUAGE=language)  # fmt: skip
        assert detail.status_code == 200, item.slug
        body = html.unescape(detail.content.decode())
        assert title in body, f"{item.slug}: title missing in {language}"
        assert body.count("<h1") == 1, f"{item.slug}: the title is printed twice in {language}"
        if item.quiz is None:
            assert item.reference.strip() not in body, f"{item.slug}: reference leaked"
            assert "func TestHidden" not in body or "func TestHidden" in item.public_tests


def test_a_list_right_under_a_paragraph_line_is_a_list() -> None:
    from problems.rendering import render_markdown

    html_out = render_markdown("Rules:\n- one\n- two\n  continued\n\n```\nx\n- not a list\n```")
    assert "<li>one</li>" in html_out and "two\n  continued</li>" in html_out
    assert "- not a list" in html_out
    assert '<pre tabindex="0">' in html_out  # a scrolling code block is reachable by keyboard
