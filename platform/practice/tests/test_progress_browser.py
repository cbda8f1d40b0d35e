"""In Chromium: the live grading panel (a clock while it runs; at the end, the step the
engine skipped is struck through with its reason) and the API docs page, which makes no
request to any other server. Screenshots go to /tmp/goconcur-progress-*.png."""

from __future__ import annotations

import pytest

from practice.tests.test_browser import ARGS, CHROMIUM

pytestmark = [
    pytest.mark.browser,
    pytest.mark.sandbox,
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True),
]


def test_progress_panel_and_offline_docs(bank, live_queue, live_web, candidate, client) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    live_queue.start()
    client.force_login(candidate)
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = browser.new_context(viewport={"width": 1366, "height": 900})
        context.add_cookies(
            [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_web}]
        )
        page = context.new_page()
        elsewhere: list[str] = []
        page.on(
            "request", lambda r: None if r.url.startswith(live_web) else elsewhere.append(r.url)
        )

        page.goto(f"{live_web}/api/docs/")
        page.wait_for_selector(".swagger-ui .opblock", timeout=30000)
        assert page.locator("text=/api/submissions/").count() >= 2  # GET (list) and POST
        page.screenshot(path="/tmp/goconcur-progress-docs.png")

        page.goto(f"{live_web}/practice/problems/safe-counter/")
        page.click("button[value=run]")
        clock = page.locator("[data-clock]")
        clock.filter(has_text="s elapsed").wait_for(timeout=30000)
        page.wait_for_selector("[data-result] .verdict", timeout=180000)
        bench = page.locator('[data-step="bench"]')
        assert "skipped" in bench.get_attribute("class")
        assert bench.get_attribute("data-skipped") == "not_in_run_mode"
        assert "Run only builds and tests" in bench.inner_text()
        for step in ("build", "test", "done"):
            assert "done" in page.locator(f'[data-step="{step}"]').get_attribute("class")
        page.locator("[data-progress]").screenshot(path="/tmp/goconcur-progress-panel.png")
        browser.close()
    assert elsewhere == []
