"""The paths a refresh writes to (SPEC section 6): where Uptake may publish and keep its warehouse, the reports
folder's mark, the locks and the swap that publishes.

Publishing replaces the whole reports folder, so Uptake publishes only into a folder that does not exist yet,
an empty folder, or one it published (its mark, or the pages of an Uptake from before the mark), and never
where the exports or the warehouse live; the warehouse lives outside the raw folder, in a DuckDB file.
The pages are built beside the folder (`<reports>.uptake.next`) and swapped in with two renames, the
published pages waiting in `<reports>.uptake.old` between them. A journal (`<reports>.uptake.swap`), written
before the pages are built and removed once the swap is done, is what makes those two folders Uptake's: the
refresh after a crash puts the last good pages back first, and a folder of either name without the journal is
the user's, never deleted (bad usage).
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
JOURNAL_TEXT = "Uptake is publishing the pages beside this file; if no refresh is running, the next one tidies up.\n"
FOOTER = "Made by Uptake from the L&amp;OD team's"  # on the index page of every Uptake, before the mark and since
DUCKDB_MAGIC = b"DUCK"  # bytes 8 to 12 of every DuckDB database file


class UnsafePaths(Exception):
    """A reports folder or a warehouse Uptake must not write to: bad usage, exit status 2."""


class RefreshBusy(Exception):
    """Another refresh holds the warehouse's or the reports folder's lock."""


def check_paths(reports: Path, raw: Path, warehouse: Path) -> None:
    """Refuse, before any work, paths where a refresh could destroy or pollute what Uptake did not make."""
    problem = reports_problem(reports, raw, warehouse) or warehouse_problem(warehouse, raw)
    if problem:
        raise UnsafePaths(problem)


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
    if folder.is_dir() and not published_by_uptake(folder) and any(folder.iterdir()):
        example = sorted(path.name for path in folder.iterdir())[0]
        return (
            f"{given} already holds files Uptake did not publish (such as {example}), and publishing replaces the "
            f"whole folder (the raw folder is {raw}). Give --reports a new or empty folder."
        )
    in_the_way = [path for path in working_folders(folder) if path.exists()]
    if in_the_way and not journal(folder).exists():
        return (
            f"The folder {in_the_way[0]} is in the way: Uptake uses it while it swaps new pages into {reports}, "
            "and it did not make this one, so it will not delete it. Move or rename it, then refresh again."
        )
    return None


def warehouse_problem(warehouse: Path, raw: Path) -> str | None:
    """Why `warehouse` cannot hold Uptake's warehouse, or None when it can (a DuckDB file, or none yet)."""
    store, exports = Path(warehouse).resolve(), Path(raw).resolve()
    advice = "Give --warehouse (or UPTAKE_WAREHOUSE) a file of its own, such as data/warehouse/uptake.duckdb."
    if store.is_relative_to(exports):
        return (
            f"The warehouse {warehouse} lies inside the raw folder {raw}: its log, status, salt and locks would be "
            f"written among the exports and read as exports. {advice}"
        )
    if store.is_file() and not is_duckdb(store):
        return f"The warehouse {warehouse} is not a DuckDB database: Uptake leaves it as it is. {advice}"
    return None


def is_duckdb(path: Path) -> bool:
    with Path(path).open("rb") as file:
        return file.read(12)[8:] == DUCKDB_MAGIC


def published_by_uptake(folder: Path) -> bool:
    """Whether Uptake published `folder`: its mark, or the pages of an Uptake from before the mark (an index page
    with Uptake's footer, and a data-quality page), which the next publication marks."""
    folder = Path(folder)
    if (folder / MARKER).is_file():
        return True
    index = folder / "index.html"
    if not (index.is_file() and (folder / "data-quality.html").is_file()):
        return False
    return FOOTER in index.read_text(encoding="utf-8", errors="replace")


def working_folders(reports: Path) -> tuple[Path, Path]:
    """The folder the pages are built in, and the one the published pages wait in during the swap."""
    reports = Path(reports)
    return reports.with_name(reports.name + ".uptake.next"), reports.with_name(reports.name + ".uptake.old")


def journal(reports: Path) -> Path:
    """Present from before the pages are built until they are swapped in: the working folders are Uptake's."""
    reports = Path(reports)
    return reports.with_name(reports.name + ".uptake.swap")


def begin(reports: Path) -> Path:
    """Journal a publication; returns the folder to build the pages in (`check_paths` made sure it is free)."""
    journal(reports).write_text(JOURNAL_TEXT, encoding="utf-8")
    built, _ = working_folders(reports)
    return built


def swap_in(built: Path, reports: Path) -> None:
    """Replace the published folder with the built one, keeping the old one until the new is in place."""
    reports = Path(reports)
    mark(built)
    _, old = working_folders(reports)
    if reports.exists():
        reports.rename(old)
    built.rename(reports)
    if old.exists():
        shutil.rmtree(old)
    journal(reports).unlink()


def recover(reports: Path) -> None:
    """Undo a publication that did not finish (only if its journal says so): the last good pages go back in place,
    the half-built ones go."""
    if not journal(reports).exists():
        return
    reports = Path(reports)
    built, old = working_folders(reports)
    if old.exists():
        if reports.exists():  # the new pages were in place: only the old ones were left to remove
            shutil.rmtree(old)
        else:
            old.rename(reports)
    if built.exists():
        shutil.rmtree(built)
    journal(reports).unlink()


def mark(folder: Path) -> None:
    (Path(folder) / MARKER).write_text(MARK_TEXT, encoding="utf-8")


@contextmanager
def refresh_locks(reports: Path, raw: Path, warehouse: Path):
    """What every refresh starts with, before it reads or writes anything: the paths checked (`check_paths`), then
    the warehouse's and the reports folder's locks taken, for as long as the block runs."""
    reports = Path(reports).resolve()
    check_paths(reports, Path(raw), Path(warehouse))
    with (
        held(
            Path(warehouse).with_name(Path(warehouse).name + ".lock"),
            f"Another refresh is running on {warehouse}",
            f"publishing into {reports}",
        ),
        held(
            reports.with_name(reports.name + ".lock"),
            f"Another refresh is publishing into {reports}",
            f"the refresh of {warehouse}",
        ),
    ):
        yield


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
