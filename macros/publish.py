"""`python -m macros.publish site|offline` — safe publishing and the offline zip bundle.

`mkdocs build` empties site/ before it writes, so a failed build would leave a web server serving half a
site. Here the build goes to a temporary directory next to the target; only a strict build that passes
the checks of macros/sitecheck.py is swapped into place, with one atomic rename. MkDocs runs as a
subprocess: this module never imports it.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import fcntl
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from .sitecheck import check_site

BUNDLE_FOLDER = "verme-kasikirja"
# zip stores local times from 1980 on; an earlier SOURCE_DATE_EPOCH would be rejected.
_ZIP_EPOCH_MIN = 315532800


# ---------------------------------------------------------------- building


def source_date_epoch(root: Path) -> str:
    """SOURCE_DATE_EPOCH if set, else the last commit's time: the same input gives the same bytes."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return os.environ["SOURCE_DATE_EPOCH"]
    git = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=root, capture_output=True, text=True)
    return git.stdout.strip() if git.returncode == 0 and git.stdout.strip() else str(int(time.time()))


def build(root: Path, out: Path, *, offline: bool = False, config: str = "mkdocs.yml") -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "SOURCE_DATE_EPOCH": source_date_epoch(root),
        "VERME_OFFLINE": "true" if offline else "false",
    }
    command = [
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        "--strict",
        "--clean",
        "--quiet",
        "--config-file",
        str(root / config),
        "--site-dir",
        str(out),
    ]
    return subprocess.run(command, cwd=root, env=env, capture_output=True, text=True)


def _built_and_checked(root: Path, out: Path, *, offline: bool, config: str) -> list[str]:
    """Problems of the build in `out`, as report lines; empty when it may be published."""
    result = build(root, out, offline=offline, config=config)
    if result.returncode != 0:
        return ["mkdocs build --strict failed:", *result.stderr.strip().splitlines()[-40:]]
    return check_site(out, directory_urls=not offline)


# ---------------------------------------------------------------- swapping


@contextlib.contextmanager
def _publish_lock(target: Path):
    # Two publishes at once would swap each other's directories: the second waits for the first.
    lock = target.parent / f".{target.name}.lock"
    with open(lock, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths in one step (Linux renameat2 RENAME_EXCHANGE); False where that is unavailable."""
    libc = ctypes.CDLL(None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    at_fdcwd, rename_exchange = -100, 2
    return renameat2(at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second), rename_exchange) == 0


def swap_into_place(staging: Path, target: Path) -> None:
    if not target.exists():
        os.rename(staging, target)
        return
    if _exchange(staging, target):
        shutil.rmtree(staging)  # it now holds the previous site
        return
    # Without an atomic exchange the target is missing for the moment between two renames.
    previous = target.with_name(f".{target.name}.previous-{os.getpid()}")
    os.rename(target, previous)
    os.rename(staging, target)
    shutil.rmtree(previous)


def publish(root: Path, target: Path, *, config: str = "mkdocs.yml") -> list[str]:
    """Build, check and swap into `target`; on any problem `target` is left exactly as it was."""
    target = target.resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    with _publish_lock(target):
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.staging-", dir=target.parent))
        try:
            problems = _built_and_checked(root, staging, offline=False, config=config)
            if not problems:
                swap_into_place(staging, target)
            return problems
        finally:
            shutil.rmtree(staging, ignore_errors=True)


# ---------------------------------------------------------------- the offline bundle


def pack_zip(site: Path, archive: Path, epoch: int, folder: str = BUNDLE_FOLDER) -> None:
    """A zip whose bytes depend only on the files: sorted entries, one timestamp, fixed permissions."""
    stamp = time.gmtime(max(epoch, _ZIP_EPOCH_MIN))[:6]
    partial = archive.with_name(archive.name + ".partial")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as bundle:
        for path in sorted(p for p in site.rglob("*") if p.is_file()):
            entry = zipfile.ZipInfo(f"{folder}/{path.relative_to(site).as_posix()}", date_time=stamp)
            entry.external_attr = 0o100644 << 16
            entry.compress_type = zipfile.ZIP_DEFLATED
            bundle.writestr(entry, path.read_bytes(), compresslevel=9)
    os.replace(partial, archive)


def offline_bundle(root: Path, archive: Path, *, config: str = "mkdocs.yml") -> list[str]:
    archive = archive.resolve()
    archive.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="verme-offline-") as work:
        site = Path(work) / BUNDLE_FOLDER
        problems = _built_and_checked(root, site, offline=True, config=config)
        if not problems:
            pack_zip(site, archive, int(source_date_epoch(root)))
        return problems


# ---------------------------------------------------------------- command line


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m macros.publish", description="Publish the site safely or pack the offline zip."
    )
    parser.add_argument("--project", default=".", help="the folder of mkdocs.yml (default: the current one)")
    parser.add_argument("--config-file", default="mkdocs.yml", help="MkDocs configuration, relative to the project")
    sub = parser.add_subparsers(dest="command", required=True)
    site = sub.add_parser("site", help="build into a temporary directory, check, then swap into place")
    site.add_argument("target", nargs="?", default="site", help="the directory the web server serves")
    offline = sub.add_parser("offline", help="build the file:// variant and pack it as a zip")
    offline.add_argument("archive", nargs="?", default="dist/verme-kasikirja.zip")
    args = parser.parse_args(argv)
    root = Path(args.project).resolve()
    if args.command == "site":
        problems = publish(root, Path(args.target), config=args.config_file)
        done = f"Published to {Path(args.target).resolve()}"
    else:
        problems = offline_bundle(root, Path(args.archive), config=args.config_file)
        done = f"Offline bundle {Path(args.archive).resolve()}: {_size(Path(args.archive))}"
    if problems:
        print("\n".join([*problems, "Nothing was published: the previous version stays in place."]), file=sys.stderr)
        return 1
    print(done)
    return 0


def _size(path: Path) -> str:
    return f"{path.stat().st_size / 1_000_000:.1f} MB ({path.stat().st_size} bytes)"


if __name__ == "__main__":
    sys.exit(main())
