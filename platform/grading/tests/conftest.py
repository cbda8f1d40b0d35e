"""The queue's real-process fixtures live with the practice tests (the browser tests use
them too); the grading tests use the same ones."""

from practice.tests.conftest import held_queue, live_queue, live_web  # noqa: F401
