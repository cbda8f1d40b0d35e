"""The sandbox's settings: read once from the environment into one object."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from sandbox.settings import DEFAULT_IMAGE, DEFAULT_JOBS_DIR, SandboxSettings


def test_settings_come_from_the_environment_then_what_the_image_build_recorded(
    tmp_path: Path,
) -> None:
    (tmp_path / "current.env").write_text("GOCONCUR_ROOTFS=/built/root\nGOCONCUR_IMAGE=img:k\n")
    recorded = SandboxSettings.from_env({"GOCONCUR_CACHE_DIR": str(tmp_path)})
    assert (recorded.rootfs, recorded.image, recorded.jobs_dir) == (
        "/built/root", "img:k", DEFAULT_JOBS_DIR,
    )  # fmt: skip
    forced = SandboxSettings.from_env({
        "GOCONCUR_CACHE_DIR": str(tmp_path), "GOCONCUR_SANDBOX": "bwrap",
        "GOCONCUR_ROOTFS": "/mine", "GOCONCUR_JOBS_DIR": "/jobs", "GOCONCUR_POOL_SIZE": "5",
    })  # fmt: skip
    assert (forced.backend, forced.rootfs, forced.jobs_dir, forced.pool_size) == (
        "bwrap", "/mine", "/jobs", 5,
    )  # fmt: skip
    nothing = SandboxSettings.from_env({"GOCONCUR_CACHE_DIR": str(tmp_path / "missing")})
    assert nothing.image == DEFAULT_IMAGE and nothing.rootfs == ""


def test_the_sandbox_and_its_selftest_import_neither_graders_nor_django() -> None:
    probe = (
        "import sys, sandbox, sandbox.selftest, sandbox.backends.bwrap; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('graders', 'django')))"
    )
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run([sys.executable, "-c", probe], cwd=root, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"
