"""Where and how the sandbox runs: one object, read once from the environment by the caller
(`SandboxSettings.from_env()`), then handed down; nothing in sandbox/ reads the environment
on its own.

- GOCONCUR_SANDBOX: auto | docker | bwrap
- GOCONCUR_ROOTFS, GOCONCUR_IMAGE: the root filesystem and the Docker image; by default what
  the image build recorded in $GOCONCUR_CACHE_DIR/current.env
- GOCONCUR_POOL_SIZE: pre-started Docker containers
- GOCONCUR_JOBS_DIR: where bubblewrap boxes mount their scratch
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

DEFAULT_IMAGE = "goconcur-sandbox:latest"
DEFAULT_POOL_SIZE = 2
DEFAULT_CACHE_DIR = "/var/cache/goconcur"
DEFAULT_JOBS_DIR = "/var/lib/goconcur/jobs"


@dataclass(frozen=True, slots=True)
class SandboxSettings:
    backend: str = "auto"  # auto | docker | bwrap
    rootfs: str = ""  # bubblewrap's root filesystem (sandbox/image/build.sh output)
    image: str = DEFAULT_IMAGE
    pool_size: int = DEFAULT_POOL_SIZE
    cgroup_parent: str = "goconcur"
    jobs_dir: str = DEFAULT_JOBS_DIR  # bubblewrap boxes' mount points, one per box

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> SandboxSettings:
        env = dict(os.environ if env is None else env)
        built = read_env_file(env.get("GOCONCUR_CACHE_DIR", DEFAULT_CACHE_DIR))
        return cls(
            backend=env.get("GOCONCUR_SANDBOX", "auto"),
            rootfs=env.get("GOCONCUR_ROOTFS") or built.get("GOCONCUR_ROOTFS", ""),
            image=env.get("GOCONCUR_IMAGE") or built.get("GOCONCUR_IMAGE", DEFAULT_IMAGE),
            pool_size=int(env.get("GOCONCUR_POOL_SIZE", DEFAULT_POOL_SIZE)),
            jobs_dir=env.get("GOCONCUR_JOBS_DIR") or DEFAULT_JOBS_DIR,
        )


def read_env_file(cache_dir: str) -> dict[str, str]:
    """The image build records what it built in current.env; a missing file is no error."""
    values: dict[str, str] = {}
    try:
        with open(os.path.join(cache_dir, "current.env"), encoding="utf-8") as handle:
            for line in handle:
                key, sep, value = line.strip().partition("=")
                if sep:
                    values[key] = value
    except OSError:
        pass
    return values
