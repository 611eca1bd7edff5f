"""What a refresh reads, as one digest, so that a refresh with nothing new publishes nothing again.

The published figures and pages are a function of the raw files, the settings (with a pinned `as_of`),
Uptake's own code, SQL, templates and suites and the libraries' versions (the salt of the person keys changes
no figure). The publication records the digest of those inputs, taken when its run started, in the warehouse
it publishes (meta.publication), with the files it wrote and their SHA-256. A refresh whose inputs have that
digest, into a reports folder still holding those files byte for byte (not pages another warehouse published
there since, nor pages edited) and showing no failure, has nothing to do: `uptake refresh` says so in about a
second, where running every step to find nothing new took ten. `uptake refresh --again` runs every step
anyway.

Raw files count as unchanged when their names, sizes and modification times are (the rule `make` and `rsync`
use, and the sensor's). Without a pinned `[refresh] as_of` the refresh's moment is part of what it reads (this
year so far, the headcount on the day), so every refresh runs.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict
from datetime import datetime
from importlib import metadata
from pathlib import Path

import duckdb

from pipelines.publication import journal, published_by_uptake
from pipelines.raw_files import found_paths, safe_name, sha256_of
from pipelines.settings import Settings

PACKAGE = Path(__file__).resolve().parent
SUITES = PACKAGE.parent / "expectations" / "suites"
CODE_SUFFIXES = {".py", ".sql", ".html", ".css", ".js", ".json", ".toml"}
PUBLICATION_DDL = """
create or replace table meta.publication (
    inputs varchar, published_at timestamp, files struct(file varchar, sha256 varchar)[]
)
"""


def raw_fingerprint(raw_dir: Path) -> str:
    """A digest of every file's name, size and modification time under the raw folder."""
    digest = hashlib.sha256()
    for path in found_paths(raw_dir, "."):
        stat = path.stat()
        digest.update(f"{safe_name(path.relative_to(raw_dir))}|{stat.st_size}|{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def inputs_digest(settings: Settings) -> str | None:
    """The digest of everything a refresh with these settings reads; None when its `as_of` is not pinned."""
    if settings.as_of is None:
        return None
    digest = hashlib.sha256()
    digest.update(raw_fingerprint(settings.raw_dir).encode())
    digest.update(json.dumps(asdict(settings), default=str, sort_keys=True).encode())
    digest.update(_versions().encode())
    for folder in (PACKAGE, SUITES):
        for path in sorted(folder.rglob("*")):
            if path.suffix in CODE_SUFFIXES and "__pycache__" not in path.parts:
                digest.update(f"{path.relative_to(folder)}\n".encode() + path.read_bytes())
    return digest.hexdigest()


def _same(path: Path, sha256: str) -> bool:
    return path.is_file() and sha256_of(path) == sha256


def _versions() -> str:
    """Uptake's libraries and their installed versions (plotly.js is copied beside the pages, DuckDB computes)."""
    required = [requirement for requirement in metadata.requires("uptake") or [] if "extra ==" not in requirement]
    names = sorted(re.match(r"[\w.-]+", requirement)[0] for requirement in required)
    return " ".join(f"{name}=={metadata.version(name)}" for name in names)


def record_publication(
    connection: duckdb.DuckDBPyConnection, inputs: str | None, published_at: datetime, built: Path, files: list[Path]
) -> None:
    """Kept in the warehouse being published, so that the record and what it describes are swapped in together:
    the inputs' digest and each file written (relative to the reports folder) with its SHA-256."""
    written = [{"file": file.relative_to(built).as_posix(), "sha256": sha256_of(file)} for file in sorted(files)]
    connection.execute(PUBLICATION_DDL)
    connection.execute("insert into meta.publication values (?, ?, ?)", [inputs, published_at, written])


def up_to_date(settings: Settings, last_failed: bool) -> datetime | None:
    """When the published reports were made from exactly these inputs and are still, byte for byte, the files that
    publication wrote (not pages another warehouse published into the folder since, nor pages edited), that
    moment; else None."""
    inputs = inputs_digest(settings)
    reports = Path(settings.reports_dir)
    if inputs is None or last_failed or not Path(settings.warehouse).is_file():
        return None
    if journal(reports).exists() or not published_by_uptake(reports):
        return None
    try:
        with duckdb.connect(str(settings.warehouse), read_only=True) as connection:
            row = connection.execute("select inputs, published_at, files from meta.publication").fetchone()
    except duckdb.Error:  # a warehouse from before this record, or one being written
        return None
    if row is None or row[0] != inputs:
        return None
    if not all(_same(reports / written["file"], written["sha256"]) for written in row[2]):
        return None
    return row[1]
