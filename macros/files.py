"""File helpers every build step shares: a file written whole or not at all, and a folder's signature."""

from __future__ import annotations

from pathlib import Path


def write_whole(path: Path, text: str) -> None:
    """Write `text` to `path` through a temporary file beside it: a reader sees the old file or the new one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(path)


def signature(*places: Path) -> tuple:
    """Each file's path, modification time and size: of the files given, and of every file in the folders."""
    return tuple(
        (path.as_posix(), stat.st_mtime_ns, stat.st_size)
        for place in places
        for path in ([place] if place.is_file() else sorted(place.rglob("*")))
        if path.is_file() and (stat := path.stat())
    )
