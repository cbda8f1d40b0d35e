"""The whole candidate flow in the system Chromium: sign up (in Chinese), open a problem,
type a solution, run it, submit it, and see the verdict with the finding drawn on its line.
Screenshots go to /tmp/goconcur-*.png for a person to look at."""

from __future__ import annotations

import pytest

from practice.models import Submission

pytestmark = [
    pytest.mark.browser,
    pytest.mark.sandbox,
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True),
]

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

RACY = """package solution

// Counter counts events from many goroutines.
type Counter struct {
\tn int
}

func (c *Counter) Inc() {
\tc.n++
}

func (c *Counter) Value() int {
\treturn c.n
}
"""

FIXED = """package solution

import "sync"

// Counter counts events from many goroutines.
type Counter struct {
\tmu sync.Mutex
\tn  int
}

func (c *Counter) Inc() {
\tc.mu.Lock()
\tdefer c.mu.Unlock()
\tc.n++
}

func (c *Counter) Value() int {
\tc.mu.Lock()
\tdefer c.mu.Unlock()
\treturn c.n
}
"""


def _replace_code(page, source: str) -> None:
    page.click(".cm-content")
    page.keyboard.press("Control+a")
    page.keyboard.press("Delete")
    # insert_text types like a paste: no auto-indent or bracket closing to fight.
    page.keyboard.insert_text(source)


def test_candidate_flow(bank, live_queue, live_web) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    live_queue.start()
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1440, "height": 1000})
        page.goto(f"{live_web}/accounts/signup/")
        page.fill("#id_username", "xiaoming")
        page.fill("#id_password1", "Tr1cky-pass-42")
        page.fill("#id_password2", "Tr1cky-pass-42")
        page.select_option("#id_language", "zh-hans")
        page.click("button[type=submit].primary")
        page.wait_for_url(f"{live_web}/practice/")
        assert "题目" in page.content()
        page.screenshot(path="/tmp/goconcur-list.png", full_page=True)

        page.click("text=并发安全的计数器")
        page.wait_for_selector(".cm-content")
        assert "许多协程" in page.content()
        _replace_code(page, RACY)
        page.keyboard.press("Control+Enter")  # Run
        page.wait_for_selector("[data-result] [data-verdict]", timeout=60_000)
        _replace_code(page, RACY.replace("counts events", "counts events (submitted)"))
        page.click("button[value=submit]")
        verdict = page.wait_for_selector("[data-result] [data-verdict]", timeout=60_000)
        assert verdict.get_attribute("data-verdict") == "race"
        marked = page.wait_for_selector(".cm-finding[data-finding-line='9']")
        assert "c.n++" in marked.inner_text()
        assert "data race" in page.inner_text(".cm-finding-messages")
        assert "数据竞争" in verdict.inner_text()
        page.screenshot(path="/tmp/goconcur-race.png", full_page=True)

        _replace_code(page, FIXED)
        page.click("button[value=submit]")
        page.wait_for_selector("[data-result] [data-verdict=accepted]", timeout=60_000)
        page.screenshot(path="/tmp/goconcur-accepted.png", full_page=True)
        browser.close()
    modes = list(Submission.objects.order_by("id").values_list("mode", "verdict"))
    assert modes == [("run", "race"), ("submit", "race"), ("submit", "accepted")]
