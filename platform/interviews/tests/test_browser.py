"""Two people in two browser contexts of the system Chromium, on uvicorn with the Redis
channel layer and real Celery workers: the interviewer creates a session, the candidate
joins through the link, both type at once and converge, the candidate's network drops and
comes back with nothing lost, the candidate's run reaches the interviewer, the
interviewer's note never reaches the candidate, and the replay shows the edits in order.
Screenshots go to /tmp/goconcur-interview-*.png."""

from __future__ import annotations

import json
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from practice.tests.test_browser import ARGS, CHROMIUM

pytestmark = [
    pytest.mark.browser,
    pytest.mark.sandbox,
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True),
]

NOTE = "NOTE-ONLY-FOR-IVAN"
CODE = "window.goconcurInterview.ytext.toString()"


def _connected(page) -> None:
    page.wait_for_selector("#connection[data-status=connected][data-synced]", timeout=30_000)


def _type_at_end(page, text: str) -> None:
    page.evaluate(
        "() => { const v = window.goconcurInterview.view;"
        " v.dispatch({selection: {anchor: v.state.doc.length}}); v.focus(); }"
    )
    page.keyboard.type(text)


def _converged(a, b, *words: str) -> str:
    """Waits until both documents are equal and hold each word's keys in order (the other
    person's keys may sit between them); returns the text."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        text = a.evaluate(CODE)
        if b.evaluate(CODE) == text and all(_has_in_order(text, w) for w in words):
            return text
        a.wait_for_timeout(100)
    raise AssertionError(f"no convergence: {a.evaluate(CODE)!r} vs {b.evaluate(CODE)!r}")


def test_two_people_in_one_session(bank, live_queue, live_web) -> None:
    from accounts.models import User

    sync_api = pytest.importorskip("playwright.sync_api")
    live_queue.start()
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        ivan_context = browser.new_context(viewport={"width": 1366, "height": 1000})
        cleo_context = browser.new_context(viewport={"width": 1366, "height": 1000})
        ivan, cleo = ivan_context.new_page(), cleo_context.new_page()
        heard: list[str] = []  # every frame the candidate's browser receives
        cleo.on(
            "websocket",
            lambda ws: ws.on(
                "framereceived",
                lambda frame: heard.append(
                    frame if isinstance(frame, str) else frame.decode("utf-8", "replace")
                ),
            ),
        )

        # 1. The interviewer creates a session; the candidate joins through the link.
        # Signed up in the browser (the web server's own password hasher), then made an
        # interviewer, as an admin would.
        ivan.goto(f"{live_web}/accounts/signup/")
        ivan.fill("#id_username", "ivan")
        ivan.fill("#id_password1", "Tr1cky-pass-42")
        ivan.fill("#id_password2", "Tr1cky-pass-42")
        ivan.click("button[type=submit].primary")
        ivan.wait_for_url(f"{live_web}/practice/")
        # Playwright's loop runs in this thread: Django's ORM goes to another one.
        with ThreadPoolExecutor(1) as pool:
            pool.submit(
                lambda: User.objects.filter(username="ivan").update(role="interviewer")
            ).result()
        ivan.goto(f"{live_web}/interviews/new/")
        ivan.fill("#id_title", "Counter round")
        ivan.select_option(
            "#id_problems", label="A counter safe for concurrent use · Fix · Easy (safe-counter)"
        )
        ivan.click("main button[type=submit]")
        _connected(ivan)
        link = ivan.input_value("#invite-link")
        cleo.goto(link)
        cleo.fill("#id_name", "Cleo")
        cleo.click("main button[type=submit]")
        _connected(cleo)
        assert "Interviewer panel" not in cleo.content()

        # 2. Both type at once, key by key, before either has heard of the other.
        for a, b in zip("// ivan was here", "// cleo was here", strict=True):
            _type_at_end(ivan, a)
            _type_at_end(cleo, b)
        _converged(ivan, cleo, "// ivan was here", "// cleo was here")

        # 3. The candidate's network drops; both go on typing; it comes back.
        cleo_context.set_offline(True)
        cleo.evaluate("window.goconcurInterview.provider.ws.close()")
        cleo.wait_for_selector("#connection:not([data-synced])")
        _type_at_end(cleo, "\n// offline edit")
        _type_at_end(ivan, "\n// edit meanwhile")
        cleo_context.set_offline(False)
        _connected(cleo)
        final = _converged(ivan, cleo, "// offline edit", "// edit meanwhile")
        assert "// offline edit" in final and "// edit meanwhile" in final
        ivan.screenshot(path="/tmp/goconcur-interview-ivan.png", full_page=True)
        cleo.screenshot(path="/tmp/goconcur-interview-cleo.png", full_page=True)

        # 4. The candidate runs the code (the starter races); the interviewer sees it.
        cleo.click("#run-public")
        ivan.wait_for_selector("#runs [data-verdict]", timeout=120_000)
        assert ivan.get_attribute("#runs [data-verdict]", "data-verdict") == "race"
        ivan.wait_for_selector("#panel-results li", timeout=30_000)

        # 5. A note the candidate's page never receives.
        ivan.fill("#notes", f"# {NOTE}\nfound the race quickly")
        ivan.wait_for_selector("#notes-saved[data-saved='1']", timeout=30_000)
        cleo.reload()
        _connected(cleo)
        assert NOTE not in cleo.content()
        assert not [frame for frame in heard if NOTE in frame or "TestConcurrent" in frame]

        # 6. End; the replay shows the edits in order and ends on the final code.
        ivan.once("dialog", lambda dialog: dialog.accept())
        ivan.click("button.danger")
        ivan.wait_for_url(f"{live_web}/interviews/*/scorecard/")
        assert NOTE in ivan.content()
        ivan.click("text=Replay the session")
        ivan.wait_for_selector("#replay-scrubber")
        ivan.wait_for_function("Number(document.querySelector('#replay-scrubber').max) > 10")
        data = json.loads(
            ivan.evaluate(
                "fetch(document.querySelector('#replay').dataset.url).then((r) => r.text())"
            )
        )
        texts = [frame["text"] for frame in data["items"][0]["frames"]]
        assert texts[-1] == final
        for word in ("// ivan was here", "// cleo was here"):
            # each longer prefix of what one person typed appears no earlier than the last
            firsts = [
                next(i for i, t in enumerate(texts) if _has_in_order(t, word[:n]))
                for n in range(1, len(word) + 1)
            ]
            assert firsts == sorted(firsts), word
        # Playing moves the scrubber on and shows the code of each moment...
        ivan.select_option("#replay-speed", "16")
        ivan.click("#replay-play")
        ivan.wait_for_function("Number(document.querySelector('#replay-scrubber').value) >= 5")
        ivan.click("#replay-play")  # pause
        at = int(ivan.input_value("#replay-scrubber"))  # the runs come after every edit
        assert at < len(texts) and ivan.text_content("#replay-code") == texts[at]
        # ...and the scrubber's end is the session's final code.
        ivan.evaluate(
            "() => { const s = document.querySelector('#replay-scrubber');"
            " s.value = s.max; s.dispatchEvent(new Event('input')); }"
        )
        assert ivan.text_content("#replay-code") == final
        ivan.screenshot(path="/tmp/goconcur-interview-replay.png", full_page=True)
        browser.close()


def _has_in_order(text: str, chars: str) -> bool:
    """Whether `chars` occur in `text` in order (other people's keys may sit between)."""
    at = 0
    for ch in chars:
        at = text.find(ch, at)
        if at < 0:
            return False
        at += 1
    return True
