"""One Site per curriculum state: loaded once per build, reloaded by `mkdocs serve` only after an edit."""

from __future__ import annotations

from pathlib import Path

from jinja2 import BytecodeCache, FileSystemBytecodeCache

from . import files
from .site import Site, build_site

_cache: dict[Path, tuple[tuple, Site]] = {}
# Roots checked since the running build started: the curriculum does not change during one build,
# and statting thousands of files for every macro call would cost seconds at a large catalogue.
_checked: set[Path] = set()
_building = False


def cached_site(root: Path) -> Site:
    """The Site for `root`: checked against its files once per build (and on every call outside one)."""
    root = root.resolve()
    hit = _cache.get(root)
    if hit and root in _checked:
        return hit[1]
    signature = files.signature(root)
    if hit and hit[0] == signature:
        site = hit[1]
    else:
        site = build_site(root)
        _cache[root] = (signature, site)
    if _building:
        _checked.add(root)
    return site


def start_build() -> None:
    """A build starts: the first cached_site() call of each root checks its files, later ones trust them."""
    global _building
    _checked.clear()
    _building = True


def begin_build(root: Path) -> Site:
    """start_build(), then the Site for the build."""
    start_build()
    return cached_site(root)


def end_build() -> None:
    global _building
    _checked.clear()
    _building = False


class _SharedBytecodeCache(BytecodeCache):
    """Compiled theme templates kept for the life of the process, checked against their source.

    `mkdocs serve` makes a new Jinja environment for every rebuild and would compile Material's
    hundred templates again each time: a fifth of a rebuild of the shipped handbook. With a folder
    (`use_folder`), the code is also kept on disk between builds, as Jinja's own
    FileSystemBytecodeCache keeps it, so a fresh `mkdocs build` skips the compiling too.
    """

    def __init__(self):
        self._code: dict[str, bytes] = {}
        self._disk: FileSystemBytecodeCache | None = None

    def use_folder(self, folder: Path | None) -> None:
        if folder is None:
            self._disk = None
            return
        folder.mkdir(parents=True, exist_ok=True)
        self._disk = FileSystemBytecodeCache(str(folder))

    def load_bytecode(self, bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)  # ignored if the template's source has changed
        if bucket.code is None and self._disk is not None:
            # Jinja checks the stored code's checksum and its own version; stale code is not used.
            self._disk.load_bytecode(bucket)
            if bucket.code is not None:
                self._code[bucket.key] = bucket.bytecode_to_string()

    def dump_bytecode(self, bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()
        if self._disk is not None:
            self._disk.dump_bytecode(bucket)


# Material's templates and ours (views.ENV) share it.
COMPILED_TEMPLATES = _SharedBytecodeCache()
