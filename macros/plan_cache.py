"""What the last build's plan computed from the curriculum, kept in the cache folder and used again while
nothing it was made from has changed.

Loading the curriculum and rendering every record and tag page is nearly all of the plan's time (2.2 s
at 1,000 methods), and a warm build of an unchanged curriculum computes the same again. The kept part
(the generated pages, the glossary, the whole-handbook page's chapters and the planner's index) depends
only on the curriculum's files, this package's code and templates, the libraries that shape the text
(ICU's Finnish order among them) and whether pages have directory URLs. The key is a hash of exactly
those, so any edit, checkout or upgrade makes a new key and everything is computed again. A plan made
from kept data loads the curriculum only if something asks for it (macros/build.py).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from importlib import metadata
from pathlib import Path

from .files import write_whole

PACKAGE = Path(__file__).resolve().parent
FILE_NAME = "plan.json"
# Libraries whose versions can change the computed text: parsing, validation, templating, Finnish order.
LIBRARIES = ("PyYAML", "pydantic", "Jinja2", "MarkupSafe", "PyICU")


@dataclass
class Kept:
    pages: dict[str, str]
    glossary: dict[str, str]
    groups: dict[str, list[str]]
    index: dict


def _tree_digest(digest, folder: Path, skip_folder: str | None = None) -> None:
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if skip_folder in relative.parts or not path.is_file():
            continue
        digest.update(relative.as_posix().encode("utf-8") + b"\0")
        digest.update(path.read_bytes() + b"\0")


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "-"


def key(curriculum: Path, directory_urls: bool) -> str:
    """A hash of the curriculum's files, this package's code and templates, the libraries' versions."""
    import icu

    digest = hashlib.blake2b(digest_size=20)
    _tree_digest(digest, Path(curriculum))
    digest.update(b"\1")
    _tree_digest(digest, PACKAGE, skip_folder="__pycache__")
    versions = [f"{name}={_version(name)}" for name in LIBRARIES]
    digest.update("\1".join([*versions, f"ICU={icu.ICU_VERSION}", f"urls={directory_urls}"]).encode("utf-8"))
    return digest.hexdigest()


def read(cache_dir: Path | None, current: str) -> Kept | None:
    """The kept data under `current`'s key, else None."""
    if cache_dir is None:
        return None
    try:
        stored = json.loads((cache_dir / "plan" / FILE_NAME).read_text(encoding="utf-8"))
        if stored["key"] == current:
            return Kept(**stored["kept"])
    except (OSError, ValueError, KeyError, TypeError):
        pass
    return None


def write(cache_dir: Path | None, current: str, kept: Kept) -> None:
    if cache_dir is None:
        return
    write_whole(cache_dir / "plan" / FILE_NAME, json.dumps({"key": current, "kept": asdict(kept)}, ensure_ascii=False))
