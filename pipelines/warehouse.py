"""Helpers every asset shares: finding raw files, recording them in the audit, quarantining rows,
running SQL files, and the salted person keys.

Data flows one way: raw file -> parsed rows (or a quarantined reject) -> staging -> core -> marts.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import dagster as dg
import duckdb
import pandas as pd

from pipelines.formats.tables import NotATable, Parsed, Reject

SCHEMAS = ("staging", "core", "marts", "audit", "quarantine", "meta")

AUDIT_DDL = """
create table if not exists audit.files_found (
    source varchar, file varchar, sha256 varchar, format varchar,
    status varchar, reason varchar, rows_read bigint, rows_quarantined bigint
);
create table if not exists quarantine.records (
    source varchar, stage varchar, file varchar, row_number bigint, column_name varchar,
    reason varchar, record varchar, whole_row boolean
);
"""


@dataclass(frozen=True)
class RawFile:
    path: Path
    name: str  # relative to the raw folder, with forward slashes
    sha256: str


# Keys used to link people across sources, defined once for every SQL file. A name reaches them
# without the labels meeting tools add ("(Guest)"): the attendance parsers drop those.
MACROS = r"""
create or replace macro name_key(full_name) as nullif(trim(regexp_replace(lower(strip_accents(
    regexp_replace(trim(full_name), '^([^,]+),\s*(.+)$', '\2 \1')
)), '\s+', ' ', 'g')), '');
-- A value as a correction names it: case and runs of spaces do not matter.
create or replace macro correction_key(text) as nullif(lower(trim(regexp_replace(text, '\s+', ' ', 'g'))), '');
create or replace macro user_key(login) as nullif(lower(trim(regexp_replace(login, '^.*\\', ''))), '');
create or replace macro page_path(raw_path) as case
    when regexp_replace(lower(split_part(raw_path, '?', 1)), '/+$', '') = '' then '/'
    else regexp_replace(lower(split_part(raw_path, '?', 1)), '/+$', '') end;
-- NPS = % scoring 9-10 minus % scoring 0-6, of those who answered.
create or replace macro nps_of(score) as
    100.0 * (count(*) filter (where score >= 9) - count(*) filter (where score <= 6)) / nullif(count(score), 0);
create or replace macro person_hash(salt, employee_id) as substr(sha256(salt || upper(trim(employee_id))), 1, 20);
"""


def prepare(connection: duckdb.DuckDBPyConnection) -> None:
    for schema in SCHEMAS:
        connection.execute(f"create schema if not exists {schema}")
    connection.execute(AUDIT_DDL)
    connection.execute(MACROS)


def raw_paths(raw_dir: Path, folder: str) -> list[Path]:
    """Every file under raw/<folder>, sorted, hidden files and editor lock files left out."""
    base = Path(raw_dir) / folder
    if not base.is_dir():
        return []
    return [path for path in sorted(base.rglob("*")) if path.is_file() and not path.name.startswith((".", "~$"))]


def raw_files(raw_dir: Path, folder: str) -> list[RawFile]:
    """The files of `raw_paths`, each with its name relative to the raw folder and its SHA-256."""
    return [raw_file(raw_dir, path) for path in raw_paths(raw_dir, folder)]


def raw_file(raw_dir: Path, path: Path) -> RawFile:
    return RawFile(path, path.relative_to(raw_dir).as_posix(), sha256_of(path))


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def split_duplicates(files: Iterable[RawFile]) -> tuple[list[RawFile], dict[RawFile, RawFile]]:
    """The files to read, and each copy of an identical file with the one read instead.

    Of identical files the one with the shortest name is read ("report.csv" before "report (1).csv").
    """
    first_by_hash: dict[str, RawFile] = {}
    unique, copies = [], {}
    for raw in sorted(files, key=lambda raw: (len(raw.name), raw.name)):
        if raw.sha256 in first_by_hash:
            copies[raw] = first_by_hash[raw.sha256]
        else:
            first_by_hash[raw.sha256] = raw
            unique.append(raw)
    return sorted(unique, key=lambda raw: raw.name), copies


def read_folder(raw_dir: Path, folder: str, parse: Callable[[Path], Parsed], log: "SourceLog") -> list[tuple[RawFile, Parsed]]:
    """Parse every file of a raw folder once: copies and unreadable files are skipped, rejects quarantined."""
    files, copies = split_duplicates(raw_files(raw_dir, folder))
    log.skip_copies(copies)
    parsed_files = []
    for raw in files:
        try:
            parsed = parse(raw.path)
        except NotATable as reason:
            log.skipped(raw, f"not read: {reason}")
            continue
        except Exception as error:  # a file no rule foresaw must not stop the refresh; the audit says why
            log.skipped(raw, f"not read: it could not be parsed ({type(error).__name__}: {error})")
            continue
        for reject in parsed.rejects:
            log.reject(raw.name, reject)
        log.ingested(raw, parsed.format, parsed.rows_read)
        parsed_files.append((raw, parsed))
    return parsed_files


def keep_first(frame: pd.DataFrame, keys: list[str], log: "SourceLog", column: str, describe: Callable[[dict], str]) -> pd.DataFrame:
    """A row repeating an earlier row's key (case-insensitively) is quarantined with `describe(row)`; the first is kept."""
    if frame.empty:
        return frame
    repeated = frame[keys].astype(str).apply(lambda column: column.str.strip().str.upper()).duplicated()
    for row in frame[repeated].to_dict("records"):
        log.reject(row["file"], Reject(int(row["row"]), column, describe(row), ""))
    return frame[~repeated]


def store_required(connection: duckdb.DuckDBPyConnection, log: "SourceLog", frame: pd.DataFrame, table: str, missing: str) -> None:
    """Record the source's audit, then its rows; with no rows at all the refresh stops with `missing`."""
    log.write(connection)
    if frame.empty:
        raise dg.Failure(description=missing)
    replace_table(connection, table, frame)


class SourceLog:
    """Collects one source's audit rows and quarantine records, then writes them in one go.

    Writing replaces what the same source and stage wrote last time, so re-running is idempotent.
    """

    def __init__(self, source: str, stage: str = "parse"):
        self.source, self.stage = source, stage
        self.files: list[dict] = []
        self.quarantine: list[dict] = []

    def ingested(self, raw: RawFile, format_name: str, rows_read: int, rows_quarantined: int | None = None) -> None:
        """`rows_quarantined` is given only where more rows are set aside than the quarantine keeps (logs)."""
        self.files.append(
            dict(file=raw.name, sha256=raw.sha256, format=format_name, status="ingested", reason=None, rows_read=rows_read, rows_quarantined=rows_quarantined)
        )

    def skipped(self, raw: RawFile, reason: str, format_name: str | None = None) -> None:
        self.files.append(dict(file=raw.name, sha256=raw.sha256, format=format_name, status="skipped", reason=reason, rows_read=0))

    def skip_copies(self, copies: dict[RawFile, RawFile]) -> None:
        for copy, original in copies.items():
            self.skipped(copy, f"the same file as {original.name}, which was read instead")

    def reject(self, file: str, reject: Reject) -> None:
        self.quarantine.append(
            dict(file=file, row_number=reject.row, column_name=reject.column, reason=reject.reason, record=reject.raw, whole_row=reject.whole_row)
        )

    def write(self, connection: duckdb.DuckDBPyConnection) -> None:
        prepare(connection)
        if self.stage == "parse":
            connection.execute("delete from audit.files_found where source = ?", [self.source])
            columns = ["file", "sha256", "format", "status", "reason", "rows_read", "rows_quarantined"]
            _insert(connection, "audit.files_found", pd.DataFrame(self.files, columns=columns), source=self.source)
        connection.execute("delete from quarantine.records where source = ? and stage = ?", [self.source, self.stage])
        columns = ["file", "row_number", "column_name", "reason", "record", "whole_row"]
        _insert(connection, "quarantine.records", pd.DataFrame(self.quarantine, columns=columns), source=self.source, stage=self.stage)


def _insert(connection: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame, **constants) -> None:
    if frame.empty:
        return
    frame = frame.assign(**constants)
    connection.register("incoming", frame)
    try:
        connection.execute(f"insert into {table} by name select * from incoming")
    finally:
        connection.unregister("incoming")


def replace_table(connection: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame) -> int:
    """Create or replace `table` with the frame's rows; returns the row count."""
    prepare(connection)
    connection.register("incoming", frame)
    try:
        connection.execute(f"create or replace table {table} as select * from incoming")
    finally:
        connection.unregister("incoming")
    return len(frame)


def run_sql(connection: duckdb.DuckDBPyConnection, path: Path, **parameters) -> None:
    """Run a SQL file of `;`-separated statements, binding `$name` parameters that each uses."""
    prepare(connection)
    for statement in _statements(path.read_text(encoding="utf-8")):
        used = {name: value for name, value in parameters.items() if f"${name}" in statement}
        connection.execute(statement, used or None)


def _statements(sql: str) -> list[str]:
    body = "\n".join(line for line in sql.splitlines() if not line.lstrip().startswith("--"))
    return [statement.strip() for statement in body.split(";") if statement.strip()]


def count(connection: duckdb.DuckDBPyConnection, table: str) -> int:
    return connection.execute(f"select count(*) from {table}").fetchone()[0]


def salt_for(warehouse: Path) -> str:
    """The salt for hashed person keys: beside the warehouse, made on first run, never committed."""
    path = Path(warehouse).with_name("person_key.salt")
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_hex(32), encoding="utf-8")
    return path.read_text(encoding="utf-8").strip()


def record_text(values: dict) -> str:
    return json.dumps({key: value for key, value in values.items() if value not in (None, "")}, ensure_ascii=False, default=str)
