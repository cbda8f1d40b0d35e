"""Files coming out of a box are hostile: framing, paths and caps."""

import pytest

from sandbox.backends.docker import _unframe
from sandbox.files import UnsafePath, clean_relative


def test_frames_are_split_by_index_and_size() -> None:
    data = b"\n@@file 0 3\nabc\n@@file 2 2\nxy"
    assert _unframe(data, ["a", "b", "c"], 10) == {"a": b"abc", "c": b"xy"}


def test_forged_or_broken_frames_stop_the_read() -> None:
    assert _unframe(b"\n@@file 9 3\nabc", ["a"], 10) == {}
    assert _unframe(b"\n@@file x y\nabc", ["a"], 10) == {}
    assert _unframe(b"\n@@file 0 999999\nabc", ["a"], 2) == {"a": b"ab"}


@pytest.mark.parametrize("path", ["../etc/passwd", "/etc/passwd", "a/../../b", ""])
def test_unsafe_paths_are_refused(path: str) -> None:
    with pytest.raises(UnsafePath):
        clean_relative(path)
