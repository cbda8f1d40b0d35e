"""The hiring flow end to end in the system Chromium, on a real web server and a real
grading worker: a hiring manager creates a position and an assessment and invites three
candidates by e-mail; each takes it in a browser context of their own (a real answer graded
in the sandbox, the quiz, finish); the manager compares them, opens a report and follows a
score to its evidence, and exports the PDF and the CSV. Screenshots: /tmp/goconcur-hiring-*."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from assessments.models import ItemWork
from assessments.tests.conftest import FIXED
from practice.tests.conftest import live_queue, live_web  # noqa: F401 - fixtures
from practice.tests.test_browser import ARGS, CHROMIUM, RACY

pytestmark = [
    pytest.mark.browser,
    pytest.mark.sandbox,
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True),
]


# A real paste event (what the browser sends for Ctrl+V), with the text on its clipboard.
PASTE = """text => {
  const data = new DataTransfer();
  data.setData("text/plain", text);
  document.querySelector(".cm-content").dispatchEvent(
    new ClipboardEvent("paste", {clipboardData: data, bubbles: true, cancelable: true}));
}"""


def _log_in(page, base: str, username: str, next_url: str = "") -> None:
    page.goto(f"{base}/accounts/login/?next={next_url}")
    page.fill("#id_username", username)
    page.fill("#id_password", "pw-Secret-123")
    page.click("button[type=submit].primary")


def test_hiring_flow(bank, make_user, live_queue, live_web, tmp_path: Path, settings) -> None:  # noqa: F811
    sync_api = pytest.importorskip("playwright.sync_api")
    # Passwords the web server (default hashers) can check.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    make_user("hanna", role="hiring_manager")
    answers = {"ana": FIXED, "ben": RACY, "cho": None}  # cho answers only the quiz
    for name in answers:
        make_user(name)
    live_queue.start()
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        manager = browser.new_context(
            viewport={"width": 1400, "height": 1000}, accept_downloads=True
        )
        page = manager.new_page()
        _log_in(page, live_web, "hanna", "/hiring/")
        page.wait_for_url(f"{live_web}/hiring/")
        page.fill("#id_title", "Go backend engineer")
        page.click("text=Create position")
        page.click("text=New assessment")
        page.fill("#id_title", "Concurrency screen")
        page.select_option("#id_item_1", str(bank["safe-counter"].pk))
        page.select_option("#id_item_2", str(bank["quiz-unbuffered"].pk))
        page.fill("#id_time_limit_minutes", "30")
        page.click("text=Create assessment")
        page.fill("#id_emails", "\n".join(f"{name}@example.com" for name in answers))
        page.click("button:text('Invite')")
        page.wait_for_selector("text=Invited: 3")
        links = [e.input_value() for e in page.query_selector_all("input.invite-link")]
        assert len(links) == 3

        for (name, source), link in zip(answers.items(), links, strict=True):
            context = browser.new_context(viewport={"width": 1300, "height": 900})
            me = context.new_page()
            me.on("dialog", lambda dialog: dialog.accept())
            _log_in(me, live_web, name, link.split(live_web, 1)[1])
            me.click("[data-start]")
            me.wait_for_selector("[data-timer]")
            if source:  # item 1, the code, pasted into the editor
                me.click(".cm-content")
                me.keyboard.press("Control+a")
                me.keyboard.press("Delete")
                me.evaluate(PASTE, source)
                me.wait_for_selector("[data-save-state]:text('Saved')")
                me.reload()  # the draft is on the server
                assert "c.mu" in me.inner_text(".cm-content") or source == RACY
                me.click("text=Submit this item")
                me.wait_for_selector("text=Answer received.")
            me.click("text=Next item")
            me.check("input[name=choice][value=b]")  # item 2, the quiz
            me.click("button:text('Answer')")
            me.wait_for_selector("[data-answered]")
            me.click("text=Finish the assessment")
            me.wait_for_selector("[data-hidden-results]")
            assert "accepted" not in me.content() and "race" not in me.content()
            context.close()

        page.click("text=Compare candidates")
        page.wait_for_selector("[data-comparison]")
        for _poll in range(120):  # the worker grades the two answers
            if "(grading)" not in page.inner_text("[data-comparison]"):
                break
            page.wait_for_timeout(1000)
            page.reload()
        order = page.eval_on_selector_all(
            "[data-comparison] tbody tr", "rows => rows.map(r => r.dataset.candidate)"
        )
        assert order == ["ana", "cho", "ben"] or order[0] == "ana", order
        page.screenshot(path="/tmp/goconcur-hiring-compare.png", full_page=True)
        pastes = page.eval_on_selector_all(
            "[data-comparison] tbody tr",
            "rows => rows.map(r => r.children[r.children.length - 2].textContent)",
        )
        assert pastes[order.index("ana")] == "1" and pastes[order.index("cho")] == ""
        with page.expect_download() as csv_download:
            page.click("[data-export-csv]")
        csv = Path(csv_download.value.path()).read_bytes()
        assert csv.startswith(b"\xef\xbb\xbf") and len(csv.decode("utf-8-sig").splitlines()) == 4

        page.click("[data-candidate=ben] a")
        page.click("[data-item='1'] [data-score=race_free] a.evidence-link")
        assert page.is_visible("#evidence-1-race_free >> text=Race report")
        page.screenshot(path="/tmp/goconcur-hiring-report.png", full_page=True)
        with page.expect_download() as pdf_download:
            page.click("[data-export-pdf]")
        pdf = Path("/tmp/goconcur-hiring-report.pdf")
        pdf_download.value.save_as(pdf)
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
        assert "ben" in text and "Race report" in text, text[text.find("Failing") :][:3000]
        browser.close()
    assert set(ItemWork.objects.filter(item__position=0).values_list("state", flat=True)) == {
        "graded",
        "not_submitted",
    }
