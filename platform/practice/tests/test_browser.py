"""A candidate's first visit in the system Chromium, in Chinese on a phone and in English on
a desktop: the landing page, sign-up, a quiz (a wrong answer, then the right one), a racy
submission with its finding drawn on the line and a link that brings that line into view,
the result page, and a fix. Every page is checked at 390 and 1366 px for horizontal overflow
and with axe-core (no serious or critical violation). Only two submissions are graded.
Screenshots go to /tmp/goconcur-<page>-<lang>-<width>.png for a person to look at."""

from __future__ import annotations

import pytest

from practice.models import Submission
from practice.tests.live import ROOT

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
# axe-core from npm (platform/frontend devDependencies; `make setup` installs it).
AXE = ROOT / "platform" / "frontend" / "node_modules" / "axe-core" / "axe.min.js"
PHONE, DESKTOP = 390, 1366

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


class Inspector:
    """Checks the page in the browser as it is now, at both widths, then restores the width."""

    def __init__(self, axe_source: str) -> None:
        self.axe_source = axe_source
        self.checked: list[str] = []

    def check(self, page, name: str, lang: str) -> None:
        width = page.viewport_size["width"]
        for size in (PHONE, DESKTOP):
            page.set_viewport_size({"width": size, "height": 900})
            overflow = page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 0, f"{name} ({lang}) scrolls sideways by {overflow}px at {size}px"
            problems = self.axe(page)
            assert problems == [], f"{name} ({lang}, {size}px): {problems}"
            page.screenshot(path=f"/tmp/goconcur-{name}-{lang}-{size}.png", full_page=True)
        page.set_viewport_size({"width": width, "height": 900})
        self.checked.append(f"{name}/{lang}")

    def axe(self, page) -> list[str]:
        if not page.evaluate("typeof axe !== 'undefined'"):
            page.add_script_tag(content=self.axe_source)
        violations = page.evaluate(
            "axe.run(document, {resultTypes: ['violations']}).then(r => r.violations)"
        )
        return [
            f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes'][:3]]}"
            for v in violations
            if v["impact"] in ("serious", "critical")
        ]


def _replace_code(page, source: str) -> None:
    page.click(".cm-content")
    page.keyboard.press("Control+a")
    page.keyboard.press("Delete")
    # insert_text types like a paste: no auto-indent or bracket closing to fight.
    page.keyboard.insert_text(source)


def _choose_language(page, code: str) -> None:
    with page.expect_navigation():
        page.select_option("header select[name=language]", code)


def _answer_quiz(page, choice: str) -> None:
    page.check(f"#quiz input[name=choice][value={choice}]")
    with page.expect_navigation():
        page.click("#quiz button.primary")


IN_VIEW = """(sel) => { const r = document.querySelector(sel).getBoundingClientRect();
                       return r.bottom > 0 && r.top < window.innerHeight; }"""


def _in_view(page, selector: str) -> bool:
    return page.evaluate(IN_VIEW, selector)


def test_candidate_flow(bank, live_queue, live_web) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    assert AXE.is_file(), f"{AXE} is missing: run `make frontend` (npm ci in platform/frontend)"
    inspector = Inspector(AXE.read_text(encoding="utf-8"))
    live_queue.start()
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = browser.new_context(
            viewport={"width": PHONE, "height": 900}, locale="zh-CN", is_mobile=True
        )
        page = context.new_page()
        favicon = page.request.get(f"{live_web}/favicon.ico")
        assert favicon.ok and "svg" in favicon.headers["content-type"]

        # The first screen says what this is, and shows a finding drawn on real code.
        page.goto(f"{live_web}/")
        assert "在真正运行的代码上练习 Go 并发" in page.inner_text("h1")
        assert page.locator(".example tr.has-finding .finding-kind").count() > 0
        inspector.check(page, "landing", "zh")

        page.click("header a.button")  # 注册, readable on the dark header
        page.fill("#id_username", "xiaoming")
        page.fill("#id_password1", "Tr1cky-pass-42")
        page.fill("#id_password2", "Tr1cky-pass-42")
        page.select_option("#id_language", "zh-hans")
        inspector.check(page, "signup", "zh")
        page.click("button[type=submit].primary")
        page.wait_for_url(f"{live_web}/practice/")
        assert page.get_by_label("难度").count() == 1  # filters have visible labels
        inspector.check(page, "list", "zh")

        # A wrong answer reveals nothing; the right one solves.
        page.goto(f"{live_web}/practice/problems/quiz-unbuffered/")
        assert page.locator("h1").count() == 1  # the title once
        assert page.locator(".codehilite").count() == 1  # the program once
        _answer_quiz(page, "a")
        assert page.locator("[data-quiz-state=attempted]").count() == 1
        assert "只有 main 一个协程" not in page.content()
        assert page.locator("[data-quiz-state=solved], .quiz-answer, #editorial").count() == 0
        inspector.check(page, "quiz-wrong", "zh")
        _answer_quiz(page, "b")
        assert page.locator("[data-quiz-state=solved]").count() == 1
        assert "只有 main 一个协程" in page.inner_text("#editorial")
        assert page.locator("h2", has_text="解析").count() == 1  # one heading, not two
        inspector.check(page, "quiz-solved", "zh")

        # A racy counter: the race is drawn on its line, in Chinese, and its link finds it.
        page.goto(f"{live_web}/practice/problems/safe-counter/")
        page.wait_for_selector(".cm-content")
        _replace_code(page, RACY)
        page.click("button[value=submit]")
        verdict = page.wait_for_selector("[data-result] [data-verdict]", timeout=90_000)
        assert verdict.get_attribute("data-verdict") == "race"
        assert "数据竞争" in verdict.inner_text()
        marked = page.wait_for_selector(".cm-finding[data-finding-line='9']")
        assert "c.n++" in marked.inner_text()
        messages = page.inner_text(".cm-finding-messages")
        assert "数据竞争" in messages and "data race" not in messages
        scores = page.inner_text("[data-result] dl.scores")
        assert "无数据竞争" in scores and "Race-free" not in scores
        assert "未检查" in scores and "本题没有基准测试" in scores  # performance: no benchmark
        link = page.locator("[data-result] a.loc[data-goto-line='9']").first
        # A short phone screen, the finding at its top: the marked line is out of sight above.
        page.set_viewport_size({"width": PHONE, "height": 480})
        link.evaluate("el => el.scrollIntoView({block: 'start'})")
        assert not _in_view(page, ".cm-finding[data-finding-line='9']")
        link.click()  # the editor scrolls on its next animation frame
        page.wait_for_function(IN_VIEW, arg=".cm-finding[data-finding-line='9']", timeout=5_000)
        assert page.evaluate("document.activeElement.classList.contains('cm-content')")
        head_line = page.evaluate(
            "(() => { const v = window.goconcurEditor;"
            " return v.state.doc.lineAt(v.state.selection.main.head).number; })()"
        )
        assert head_line == 9
        page.set_viewport_size({"width": PHONE, "height": 900})
        inspector.check(page, "problem-race", "zh")

        with page.expect_navigation():
            page.click("[data-result] a[href*='/practice/submissions/']")
        race_page = page.url
        page.locator("a.loc[data-goto-line='9']").first.click()
        assert page.evaluate("document.activeElement.id") == "L9"
        inspector.check(page, "result-race", "zh")

        # The same candidate in English on a desktop fixes it.
        page.set_viewport_size({"width": DESKTOP, "height": 900})
        page.goto(f"{live_web}/practice/problems/safe-counter/")
        _choose_language(page, "en")
        page.wait_for_selector(".cm-content")
        _replace_code(page, FIXED)
        page.click("button[value=submit]")
        page.wait_for_selector("[data-result] [data-verdict=accepted]", timeout=90_000)
        assert "Accepted" in page.inner_text("[data-result] [data-verdict]")
        inspector.check(page, "problem-accepted", "en")

        page.goto(race_page)
        assert "Data race" in page.inner_text(".findings")
        inspector.check(page, "result-race", "en")
        for name, path in (
            ("landing", "/"),
            ("list", "/practice/"),
            ("quiz-solved", "/practice/problems/quiz-unbuffered/"),
        ):
            page.goto(f"{live_web}{path}")
            assert page.locator("html[lang=en]").count() == 1
            inspector.check(page, name, "en")
        browser.close()
    modes = list(Submission.objects.order_by("id").values_list("mode", "verdict"))
    assert modes == [("submit", "race"), ("submit", "accepted")]
    assert len(inspector.checked) == 12
