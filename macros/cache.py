"""One Site per curriculum state: loaded once per build, reloaded by `mkdocs serve` only after an edit."""

from __future__ import annotations

from pathlib import Path

from .site import Site, build_site

_cache: dict[Path, tuple[tuple, Site]] = {}


def _signature(root: Path) -> tuple:
    return tuple(
        (path.as_posix(), stat.st_mtime_ns, stat.st_size)
        for path in sorted(root.rglob("*"))
        if path.is_file() and (stat := path.stat())
    )


def cached_site(root: Path) -> Site:
    root = root.resolve()
    signature = _signature(root)
    hit = _cache.get(root)
    if hit and hit[0] == signature:
        return hit[1]
    site = build_site(root)
    _cache[root] = (signature, site)
    return site
