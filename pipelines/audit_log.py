"""Collecting what became of each source's files and rows: audit rows and quarantined records, written in one go."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import dagster as dg
import duckdb
import pandas as pd

from pipelines.formats.tables import NotATable, Parsed, Reject
from pipelines.raw_files import RawFile, raw_files, split_duplicates
from pipelines.sql import replace_table


def read_folder(
    raw_dir: Path, folder: str, parse: Callable[[Path], Parsed], log: AuditCollector
) -> list[tuple[RawFile, Parsed]]:
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


def keep_first(
    frame: pd.DataFrame, keys: list[str], log: AuditCollector, column: str, describe: Callable[[dict], str]
) -> pd.DataFrame:
    """A row repeating an earlier row's key (case-insensitively) is quarantined with `describe(row)`.

    The first is kept.
    """
    if frame.empty:
        return frame
    repeated = frame[keys].astype(str).apply(lambda column: column.str.strip().str.upper()).duplicated()
    for row in frame[repeated].to_dict("records"):
        log.reject(row["file"], Reject(int(row["row"]), column, describe(row), ""))
    return frame[~repeated]


def store_required(
    connection: duckdb.DuckDBPyConnection, log: AuditCollector, frame: pd.DataFrame, table: str, missing: str
) -> None:
    """Record the source's audit, then its rows; with no rows at all the refresh stops with `missing`."""
    log.write(connection)
    if frame.empty:
        raise dg.Failure(description=missing)
    replace_table(connection, table, frame)


class AuditCollector:
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
            dict(
                file=raw.name,
                sha256=raw.sha256,
                format=format_name,
                status="ingested",
                reason=None,
                rows_read=rows_read,
                rows_quarantined=rows_quarantined,
            )
        )

    def skipped(self, raw: RawFile, reason: str, format_name: str | None = None) -> None:
        self.files.append(
            dict(file=raw.name, sha256=raw.sha256, format=format_name, status="skipped", reason=reason, rows_read=0)
        )

    def skip_copies(self, copies: dict[RawFile, RawFile]) -> None:
        for copy, original in copies.items():
            self.skipped(copy, f"the same file as {original.name}, which was read instead")

    def reject(self, file: str, reject: Reject) -> None:
        self.quarantine.append(
            dict(
                file=file,
                row_number=reject.row,
                column_name=reject.column,
                reason=reject.reason,
                record=reject.raw,
                whole_row=reject.whole_row,
            )
        )

    def write(self, connection: duckdb.DuckDBPyConnection) -> None:
        if self.stage == "parse":
            connection.execute("delete from audit.files_found where source = ?", [self.source])
            columns = ["file", "sha256", "format", "status", "reason", "rows_read", "rows_quarantined"]
            _insert(connection, "audit.files_found", pd.DataFrame(self.files, columns=columns), source=self.source)
        connection.execute("delete from quarantine.records where source = ? and stage = ?", [self.source, self.stage])
        columns = ["file", "row_number", "column_name", "reason", "record", "whole_row"]
        _insert(
            connection,
            "quarantine.records",
            pd.DataFrame(self.quarantine, columns=columns),
            source=self.source,
            stage=self.stage,
        )


def _insert(connection: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame, **constants) -> None:
    if frame.empty:
        return
    frame = frame.assign(**constants)
    connection.register("incoming", frame)
    try:
        connection.execute(f"insert into {table} by name select * from incoming")
    finally:
        connection.unregister("incoming")


def record_text(values: dict) -> str:
    return json.dumps(
        {key: value for key, value in values.items() if value not in (None, "")}, ensure_ascii=False, default=str
    )
