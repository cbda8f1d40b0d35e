"""Files crossing the sandbox boundary. Everything coming out is hostile: no symlinks are
followed, only regular files are read, and every file is cut at a size cap."""

from __future__ import annotations

import errno
import io
import os
import stat
import tarfile
from collections.abc import Mapping, Sequence
from pathlib import PurePosixPath


class UnsafePath(ValueError):
    pass


def clean_relative(path: str) -> str:
    """A path relative to /work with no `..`, no absolute part and no empty name."""
    parts = PurePosixPath(path).parts
    if not parts or path.startswith("/") or any(p in ("..", "") for p in parts):
        raise UnsafePath(f"unsafe path: {path!r}")
    return str(PurePosixPath(*parts))


def read_regular_file(root: str, relative: str, max_bytes: int) -> bytes | None:
    """Read root/relative without following a symlink at any level; None if not a regular file."""
    parts = PurePosixPath(clean_relative(relative)).parts
    flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC
    dir_fd = os.open(root, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        for part in parts[:-1]:
            try:
                next_fd = os.open(part, flags | os.O_DIRECTORY, dir_fd=dir_fd)
            except OSError as error:
                if error.errno in (errno.ENOENT, errno.ELOOP, errno.ENOTDIR):
                    return None
                raise
            os.close(dir_fd)
            dir_fd = next_fd
        try:
            fd = os.open(parts[-1], flags | os.O_NONBLOCK, dir_fd=dir_fd)
        except OSError as error:
            if error.errno in (errno.ENOENT, errno.ELOOP, errno.ENOTDIR):
                return None
            raise
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                return None  # a FIFO or device could block or never end
            with os.fdopen(fd, "rb", closefd=False) as handle:
                return handle.read(max_bytes)
        finally:
            os.close(fd)
    finally:
        os.close(dir_fd)


def tar_of(files: Mapping[str, bytes], uid: int, gid: int) -> bytes:
    """An in-memory tar of regular files owned by the sandbox user (directories implied)."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as archive:
        made: set[str] = set()
        for name, content in files.items():
            relative = clean_relative(name)
            for parent in reversed(PurePosixPath(relative).parents[:-1]):
                if str(parent) not in made:
                    made.add(str(parent))
                    info = tarfile.TarInfo(str(parent))
                    info.type, info.mode, info.uid, info.gid = tarfile.DIRTYPE, 0o755, uid, gid
                    archive.addfile(info)
            info = tarfile.TarInfo(relative)
            info.size, info.mode, info.uid, info.gid = len(content), 0o644, uid, gid
            archive.addfile(info, io.BytesIO(content))
    return buffer.getvalue()


def regular_files_from_tar(
    chunks: Sequence[bytes] | bytes, wanted: str, max_bytes: int
) -> bytes | None:
    """The content of one regular member of a tar stream; links and devices are refused."""
    data = chunks if isinstance(chunks, bytes) else b"".join(chunks)
    try:
        with tarfile.open(fileobj=io.BytesIO(data), mode="r:") as archive:
            for member in archive:
                if PurePosixPath(member.name).name != wanted or not member.isreg():
                    continue
                extracted = archive.extractfile(member)
                return extracted.read(max_bytes) if extracted else None
    except tarfile.TarError:
        return None
    return None
