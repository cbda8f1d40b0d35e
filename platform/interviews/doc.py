"""The shared document, server side: pycrdt reads and writes Yjs updates. Pure functions
over bytes; the models store them."""

from __future__ import annotations

from dataclasses import dataclass

from pycrdt import Doc, Text

TEXT = "code"  # the Y.Text both editors bind to (interview.js uses the same name)
PASTE_CHARS = 40  # one update inserting this much at once is marked as a paste


def starter_update(code: str) -> bytes:
    """The first update of an item's log: its starter code."""
    doc = Doc()
    doc.get(TEXT, type=Text).insert(0, code)
    return doc.get_update()


def load(updates: list[bytes]) -> Doc:
    doc = Doc()
    for update in updates:
        doc.apply_update(update)
    return doc


def text_of(updates: list[bytes]) -> str:
    return str(load(updates).get(TEXT, type=Text))


def inserted(delta: list[dict]) -> int:
    """Characters a Y.Text event's delta inserts."""
    return sum(len(c["insert"]) for c in delta if isinstance(c.get("insert"), str))


@dataclass(frozen=True, slots=True)
class Frame:
    """The code as it was right after one update."""

    at: float  # seconds since the session started
    who: str
    text: str
    paste: bool


def frames(start: float, updates: list[tuple[float, str, bytes, bool]]) -> list[Frame]:
    """Replays an item's log: (time, who, update, paste) in order -> the text after each."""
    doc = Doc()
    text = doc.get(TEXT, type=Text)
    out: list[Frame] = []
    for at, who, update, paste in updates:
        doc.apply_update(update)
        out.append(Frame(at=round(at - start, 3), who=who, text=str(text), paste=paste))
    return out
