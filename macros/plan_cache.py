"""The generated pages of the last build, kept in the cache folder and used again while nothing they are
made from has changed.

Rendering every record and tag page is most of the plan's time (1.4 s of 2.2 s at 1,000 methods), and a
warm build of an unchanged curriculum renders the same Markdown again. The pages depend only on the
curriculum's files and this package's code and templates, so the key is a hash of exactly those bytes:
any edit, checkout or upgrade of either makes a new key, and the pages are rendered again. The curriculum
is still loaded and checked on every build; only the rendering is skipped.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
FILE_NAME = "pages.json"


def _tree_digest(digest, folder: Path, skip_folder: str | None = None) -> None:
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if skip_folder in relative.parts or not path.is_file():
            continue
        digest.update(relative.as_posix().encode("utf-8") + b"\0")
        digest.update(path.read_bytes() + b"\0")


def key(curriculum: Path) -> str:
    """A hash of the curriculum's files and of this package's code and templates."""
    digest = hashlib.blake2b(digest_size=20)
    _tree_digest(digest, Path(curriculum))
    digest.update(b"\1")
    _tree_digest(digest, PACKAGE, skip_folder="__pycache__")
    return digest.hexdigest()


def generated_pages(curriculum: Path, cache_dir: Path | None, render: Callable[[], dict[str, str]]) -> dict[str, str]:
    """`render()`'s pages, or the stored ones when their key still holds; stored after rendering."""
    if cache_dir is None:
        return render()
    file = cache_dir / "plan" / FILE_NAME
    current = key(curriculum)
    try:
        stored = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        stored = None
    if isinstance(stored, dict) and stored.get("key") == current and isinstance(stored.get("pages"), dict):
        return dict(stored["pages"])
    pages = render()
    file.parent.mkdir(parents=True, exist_ok=True)
    temporary = file.with_suffix(".tmp")
    temporary.write_text(json.dumps({"key": current, "pages": pages}, ensure_ascii=False), encoding="utf-8")
    temporary.replace(file)
    return pages
