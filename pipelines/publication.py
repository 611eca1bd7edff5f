"""The reports folder (SPEC section 6): where Uptake may publish, its mark, its lock and the swap that publishes.

Publishing replaces the whole folder, so Uptake publishes only into a folder that does not exist yet,
an empty folder, or one it marked as its own, and never where the exports or the warehouse live.
The pages are built beside it (`<reports>.next`) and swapped in with two renames; the refresh after
a crash between them puts the last good pages (`<reports>.old`) back first.
"""

from __future__ import annotations

import json
import os
import shutil
from contextlib import contextmanager, suppress
from datetime import datetime
from pathlib import Path

from filelock import FileLock, Timeout

MARKER = ".uptake-reports"
MARK_TEXT = "Uptake publishes this folder and replaces all of it at every refresh: keep nothing else here.\n"


class UnsafeReports(Exception):
    """A reports folder Uptake must not publish into: bad usage, exit status 2."""


class RefreshBusy(Exception):
    """Another refresh holds the warehouse's or the reports folder's lock."""


def reports_problem(reports: Path, raw: Path, warehouse: Path) -> str | None:
    """Why publishing into `reports` could destroy something Uptake did not make, or None when it is safe."""
    folder, exports, store = (Path(path).resolve() for path in (reports, raw, warehouse))
    given = f"The reports folder {reports}"
    advice = "Give --reports (or UPTAKE_REPORTS_DIR) a folder of its own, such as reports."
    lost = f"the exports would be lost. {advice}"
    if folder == exports:
        return f"{given} is the raw folder {raw}: publishing replaces the whole folder, so {lost}"
    if folder.is_relative_to(exports):
        return f"{given} lies inside the raw folder {raw}: its pages would be read as exports. {advice}"
    if exports.is_relative_to(folder):
        return f"{given} contains the raw folder {raw}: publishing replaces the whole folder, so {lost}"
    if store.is_relative_to(folder):
        return (
            f"{given} contains the warehouse {warehouse} and its salt: publishing replaces the whole folder, "
            f"so every figure and hashed key would be lost. {advice}"
        )
    if folder.is_file():
        return f"{given} is a file, not a folder (the raw folder is {raw}). {advice}"
    if folder.is_dir() and not is_marked(folder) and any(folder.iterdir()):
        example = sorted(path.name for path in folder.iterdir())[0]
        return (
            f"{given} already holds files Uptake did not publish (such as {example}), and publishing replaces the "
            f"whole folder (the raw folder is {raw}). Give --reports a new or empty folder; if an older Uptake "
            "published this one, delete it and refresh again."
        )
    return None


def check_reports(reports: Path, raw: Path, warehouse: Path) -> None:
    problem = reports_problem(reports, raw, warehouse)
    if problem:
        raise UnsafeReports(problem)


def is_marked(folder: Path) -> bool:
    return (Path(folder) / MARKER).is_file()


def mark(folder: Path) -> None:
    (Path(folder) / MARKER).write_text(MARK_TEXT, encoding="utf-8")


def working_folders(reports: Path) -> tuple[Path, Path]:
    """The folder the pages are built in, and the one the published pages wait in during the swap."""
    reports = Path(reports)
    return reports.with_name(reports.name + ".next"), reports.with_name(reports.name + ".old")


def recover(reports: Path) -> None:
    """Undo a swap a crash interrupted: the last good pages go back in place; a half-built folder goes."""
    reports = Path(reports)
    built, old = working_folders(reports)
    if old.is_dir() and is_marked(old):
        if reports.exists():
            shutil.rmtree(old)
        else:
            old.rename(reports)
    shutil.rmtree(built, ignore_errors=True)


def swap_in(built: Path, reports: Path) -> None:
    """Replace the published folder with the built one, keeping the old one until the new is in place."""
    reports = Path(reports)
    mark(built)
    _, old = working_folders(reports)
    if reports.exists():
        reports.rename(old)
    built.rename(reports)
    shutil.rmtree(old, ignore_errors=True)


@contextmanager
def held(lock_path: Path, busy: str, holder: str):
    """An operating-system lock (released if its holder dies); RefreshBusy at once, naming the holder, if taken."""
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(lock_path))
    try:
        lock.acquire(timeout=0)
    except Timeout as taken:
        first = _holder(lock_path)
        raise RefreshBusy(f"{busy}{f' ({first})' if first else ''}; wait for it to finish and try again.") from taken
    since = f"{datetime.now():%Y-%m-%d %H:%M}"
    try:
        _name_holder(lock_path, json.dumps({"holder": holder, "pid": os.getpid(), "since": since}))
        yield
    finally:
        _name_holder(lock_path, "")  # a lock file outlives its holder: no stale name for the next one
        lock.release()


def _name_holder(lock_path: Path, text: str) -> None:
    with suppress(OSError):  # naming the holder is a courtesy: a system that refuses the write still locks
        lock_path.write_text(text, encoding="utf-8")


def _holder(lock_path: Path) -> str | None:
    with suppress(OSError, ValueError, KeyError, TypeError):
        found = json.loads(lock_path.read_text(encoding="utf-8"))
        return f"{found['holder']}, process {found['pid']}, since {found['since']}"
    return None
