#!/usr/bin/env python3
"""Live interview figures on loopback, one web process (uvicorn) and the embedded defaults
(SQLite, a private Redis as the channel layer):

1. edit-to-remote-display latency: two Yjs clients (pycrdt, the same protocol as the
   browser's y-websocket) in one session type at once; for every key of one person, the
   time from sending it to the other client's document holding it. p50/p95/p99 (target:
   p95 <= 100 ms).
2. 20 concurrent sessions, each with two typists typing at once at random places: after
   the last key, both documents of every session must be equal and hold every key each
   client typed, and the server's update log (what a reload reads) must hold the same text.
   Lost updates are counted, never assumed.

Nothing is asserted; the figures are printed with the load average (on a shared machine
they are comparable side by side only). Bench sessions and users are deleted at the end.
Usage: .venv/bin/python scripts/bench_interviews.py [--sessions 20] [--keys 60]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import signal
import statistics
import string
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "platform"), str(ROOT)]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
from bench_web import load_average, start_platform, wait_port  # noqa: E402

PREFIX = "bench-interview-"
RESYNC_SECONDS = 5  # interview.js sets the same resyncInterval
SETTLE_SECONDS = 60  # after the last key: how long updates may take to arrive


class Typist:
    """A Yjs peer over a real WebSocket: answers sync steps, applies what arrives, sends
    its own keys. `alphabet` marks its keys, so the other side can tell them apart."""

    def __init__(self, url: str, cookie: str, alphabet: str, watch: str) -> None:
        from pycrdt import Doc, Text

        self.url, self.cookie, self.alphabet, self.watch = url, cookie, alphabet, watch
        self.doc = Doc()
        self.text = self.doc.get("code", type=Text)
        self.sent: list[float] = []  # when each of my keys left
        self.seen: list[float] = []  # when each of the other's keys arrived here
        self.typed = ""
        self._outbox: list[bytes] = []
        self.doc.observe(lambda event: self._outbox.append(event.update))
        self.text.observe(self._arrived)
        self._remote = False
        self.synced = asyncio.Event()
        self.done_typing = asyncio.Event()
        self.stop = asyncio.Event()

    def settled(self, other: Typist) -> bool:
        """Both documents equal and holding every key either of us typed."""
        mine, theirs = str(self.text), str(other.text)
        return mine == theirs and all(
            mine.count(k) >= t.typed.count(k) for t in (self, other) for k in set(t.typed)
        )

    def _arrived(self, event) -> None:
        if not self._remote:
            return
        now = time.perf_counter()
        for change in event.delta:
            insert = change.get("insert")
            if isinstance(insert, str):
                self.seen.extend(now for ch in insert if ch in self.watch)

    async def run(self, keys: int, pace: float, rng: random.Random) -> None:
        import websockets
        from pycrdt import (
            YMessageType,
            YSyncMessageType,
            create_sync_message,
            create_update_message,
            handle_sync_message,
        )

        headers = {"Cookie": self.cookie, "Origin": "http://127.0.0.1"}
        async with websockets.connect(self.url, additional_headers=headers) as ws:

            async def reader() -> None:
                async for message in ws:
                    if not isinstance(message, bytes) or message[0] != YMessageType.SYNC:
                        continue
                    self._remote = True
                    self._outbox.clear()
                    reply = handle_sync_message(message[1:], self.doc)
                    self._outbox.clear()
                    self._remote = False
                    if message[1] == YSyncMessageType.SYNC_STEP2:
                        self.synced.set()
                    if reply is not None:
                        await ws.send(reply)

            task = asyncio.create_task(reader())

            async def resync() -> None:  # y-websocket's resyncInterval, as the browser has
                while True:
                    await asyncio.sleep(RESYNC_SECONDS)
                    await ws.send(create_sync_message(self.doc))

            resyncing = asyncio.create_task(resync())
            await ws.send(create_sync_message(self.doc))
            await asyncio.wait_for(self.synced.wait(), 30)
            for n in range(keys):
                key = self.alphabet[n % len(self.alphabet)]
                self._outbox.clear()
                self.text.insert(rng.randint(0, len(self.text)), key)
                self.typed += key
                for update in self._outbox:
                    self.sent.append(time.perf_counter())
                    await ws.send(create_update_message(update))
                self._outbox.clear()
                await asyncio.sleep(pace * rng.uniform(0.5, 1.5))
            self.done_typing.set()
            await self.stop.wait()  # stay connected until every session has settled
            task.cancel()
            resyncing.cancel()


def redis_round_trips(port: int, count: int = 300) -> list[float]:
    import redis

    client = redis.Redis(port=port)
    out = []
    for _ in range(count):
        started = time.perf_counter()
        client.ping()
        out.append((time.perf_counter() - started) * 1000)
    client.close()
    return out


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process, from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def cpu() -> float:
    usage = os.times()
    return usage.user + usage.system


def make_sessions(count: int):
    """`count` sessions, each with an interviewer and a joined candidate, and their cookies."""
    from accounts.models import User
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from interviews import services
    from interviews.access import remember

    User.objects.filter(username__startswith=PREFIX).delete()
    interviewer = User(username=f"{PREFIX}ivan", role="interviewer")
    interviewer.set_unusable_password()
    interviewer.save()
    login = SessionStore()
    login[SESSION_KEY] = str(interviewer.pk)
    login[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    login[HASH_SESSION_KEY] = interviewer.get_session_auth_hash()
    login.create()
    name = settings.SESSION_COOKIE_NAME
    out = []
    for n in range(count):
        session = services.create_session(interviewer, f"{PREFIX}{n}", [], True)
        candidate = SessionStore()
        remember(candidate, services.join(session.invite.token, f"typist {n}"))
        candidate.create()
        out.append(
            (
                session.pk,
                session.current_id,
                f"{name}={login.session_key}",
                f"{name}={candidate.session_key}",
            )
        )
    return interviewer, out


def typists(port: int, spec, a_keys: str, b_keys: str) -> tuple[Typist, Typist]:
    pk, item, ivan, cleo = spec
    url = f"ws://127.0.0.1:{port}/ws/interviews/{pk}/doc/{item}"
    return Typist(url, ivan, a_keys, b_keys), Typist(url, cleo, b_keys, a_keys)


def latencies(pair: tuple[Typist, Typist]) -> list[float]:
    a, b = pair
    out = [(seen - sent) * 1000 for sent, seen in zip(a.sent, b.seen, strict=False)]
    out += [(seen - sent) * 1000 for sent, seen in zip(b.sent, a.seen, strict=False)]
    return out


def quantiles(values: list[float]) -> str:
    if len(values) < 2:
        return "n/a"
    q = statistics.quantiles(values, n=100)
    return f"n={len(values)} p50={q[49]:.1f} ms p95={q[94]:.1f} ms p99={q[98]:.1f} ms"


async def session_round(port: int, specs, keys: int, pace: float) -> list[tuple]:
    # Neither alphabet occurs in the starter, so each side counts only the other's keys.
    pairs = [typists(port, spec, string.ascii_uppercase, string.digits) for spec in specs]
    rng = random.Random(7)
    jobs = []
    for a, b in pairs:
        jobs.append(a.run(keys, pace, random.Random(rng.random())))
        jobs.append(b.run(keys, pace, random.Random(rng.random())))
    running = asyncio.gather(*jobs)
    everyone = [t for pair in pairs for t in pair]
    await asyncio.wait_for(asyncio.gather(*(t.done_typing.wait() for t in everyone)), 600)
    deadline = time.monotonic() + SETTLE_SECONDS
    while time.monotonic() < deadline and not all(a.settled(b) for a, b in pairs):
        await asyncio.sleep(0.2)
    for typist in everyone:
        typist.stop.set()
    await running
    return pairs


def lost_updates(specs, pairs) -> tuple[int, int, int]:
    """(sessions whose two documents differ, keys missing from a document, sessions whose
    stored log differs from the clients' text)."""
    from interviews.doc import text_of
    from interviews.models import DocUpdate

    differ = missing = unstored = 0
    for (_pk, item, _ivan, _cleo), (a, b) in zip(specs, pairs, strict=True):
        final_a, final_b = str(a.text), str(b.text)
        differ += final_a != final_b
        for typist in (a, b):
            for doc_text in (final_a, final_b):
                for key in set(typist.typed):
                    missing += max(0, typist.typed.count(key) - doc_text.count(key))
        stored = text_of(  # the server stores before it reads the next message
            [
                bytes(u)
                for u in DocUpdate.objects.filter(item_id=item).values_list("update", flat=True)
            ]
        )
        unstored += stored != final_a
        if os.environ.get("BENCH_DEBUG") and (final_a != final_b or stored != final_a):
            print("A typed", a.typed, "B typed", b.typed)
            print("A doc", repr(final_a[-80:]), "\nB doc", repr(final_b[-80:]))
            print("stored", repr(stored[-80:]))
    return differ, missing, unstored


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--keys", type=int, default=60, help="keys per typist")
    parser.add_argument("--pace", type=float, default=0.12, help="seconds between keys")
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    interviewer, specs = make_sessions(args.sessions)
    # One web process, as the figure asks.
    children, redis_port, port = start_platform(log_level="WARNING")
    try:
        wait_port(port)
        print(f"interviews: one uvicorn process, {os.cpu_count()} cores, SQLite, Redis layer")
        print(f"load average before: {load_average()}")
        # Each key costs several Redis round trips in series (the group send, then one pop
        # per receiving consumer): on a busy machine their latency bounds the throughput.
        print(f"Redis round trip (PING) {quantiles(redis_round_trips(redis_port))}")
        pairs = asyncio.run(session_round(port, specs[:1], args.keys * 2, args.pace))
        ms = latencies(pairs[0])
        p95 = statistics.quantiles(ms, n=100)[94] if len(ms) > 1 else float("nan")
        print(
            f"edit -> remote display, 2 typists, 1 session   {quantiles(ms)}  "
            f"p95/target = {p95 / 100:.2f}x (target <= 100 ms)"
        )
        started, web_cpu, own_cpu = time.perf_counter(), cpu_seconds(children[-1].pid), cpu()
        pairs = asyncio.run(session_round(port, specs, args.keys, args.pace))
        seconds = time.perf_counter() - started
        web_cpu = cpu_seconds(children[-1].pid) - web_cpu
        own_cpu = cpu() - own_cpu
        ms = [m for pair in pairs for m in latencies(pair)]
        differ, missing, unstored = lost_updates(specs, pairs)
        keys = args.sessions * 2 * args.keys
        print(
            f"{args.sessions} sessions x 2 typists, {keys} keys in {seconds:.1f} s   "
            f"{quantiles(ms)}"
        )
        print(
            f"  CPU: web process {web_cpu:.1f} s, these {args.sessions * 2} clients "
            f"{own_cpu:.1f} s, in {seconds:.1f} s of wall time"
        )
        print(
            f"  lost updates: {missing} keys missing, {differ} sessions whose documents "
            f"differ, {unstored} whose stored log differs (all must be 0)"
        )
        print(f"load average after: {load_average()}")
    finally:
        for child in reversed(children):  # the web server first, then its Redis
            os.killpg(child.pid, signal.SIGTERM)
            child.wait(15)
        from interviews.models import Session

        Session.objects.filter(interviewer=interviewer).delete()
        interviewer.delete()


if __name__ == "__main__":
    main()
