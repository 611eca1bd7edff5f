"""Intranet visits: request logs parsed in DuckDB, only new or changed files read again, and the
tables built from them rebuilt only when what they read has changed."""

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import dagster as dg
import duckdb
import pandas as pd

from pipelines.audit_log import AuditCollector
from pipelines.defs.resources import RefreshRun, Warehouse
from pipelines.formats.tables import NotATable, Reject
from pipelines.formats.weblog import LINES, LINES_DDL, REJECTS_KEPT, LogLoad, load_requests
from pipelines.raw_files import raw_files, split_duplicates
from pipelines.salt import salt_for
from pipelines.sql import prepare, run_sql

SQL = Path(__file__).parent / "sql"
REQUESTS = "staging.intranet_requests"


@dataclass(frozen=True)
class Build:
    """SQL files run together, and the tables they read. The same SQL, settings and input tables make the
    same tables, so a build whose fingerprint is the one stored at its last run is not run again."""

    name: str
    sql_files: tuple[str, ...]
    reads: tuple[str, ...]

    def fingerprint(self, connection, parameters: dict) -> str | None:
        """A SHA-256 of the SQL, the settings it uses and the content of every table it reads (None: build it)."""
        texts = [(SQL / f"{name}.sql").read_text(encoding="utf-8") for name in self.sql_files]
        used = {name: value for name, value in parameters.items() if any(f"${name}" in text for text in texts)}
        try:
            tables = [
                connection.execute(f"select count(*), coalesce(sum(hash(t)), 0)::varchar from {table} as t").fetchall()[
                    0
                ]
                for table in self.reads
            ]
        except duckdb.Error:
            return None
        return hashlib.sha256(json.dumps([texts, used, tables], default=str).encode("utf-8")).hexdigest()


# In order: each reads what the one before wrote.
# The requests are whatever the logs in staging.intranet_files hold (a log is loaded once, by its SHA-256),
# so that small table stands for them: hashing millions of requests at every refresh would cost a second.
BUILDS = (
    Build(
        "intranet users",
        ("intranet_users",),
        ("staging.intranet_files", "staging.person_identifiers", "staging.corrections"),
    ),
    Build("page views and visits", ("page_views", "visits"), ("staging.intranet_files", "staging.intranet_users")),
    Build(
        "programme visits",
        ("programme_visits", "intranet_engaged"),
        ("core.page_views", "core.programmes", "core.programme_paths", "core.sessions"),
    ),
)
BUILDS_DDL = "create table if not exists meta.intranet_builds (build varchar, fingerprint varchar)"

LOADED_DDL = """
create table if not exists staging.intranet_files (
    file_id varchar primary key, format varchar, rows_read bigint, rows_kept bigint, rejects_total bigint
);
"""


@dg.asset(
    key=["staging", "intranet"], group_name="staging", kinds={"duckdb", "sql"}, deps=[dg.AssetKey(["raw", "intranet"])]
)
def staging_intranet(
    context: dg.AssetExecutionContext, warehouse: Warehouse, refresh: RefreshRun
) -> dg.MaterializeResult:
    """Every line of every log under raw/intranet, parsed by DuckDB's CSV reader into staging.intranet_lines
    (the requests, and the rejects with their reason; staging.intranet_requests is the view of the requests).

    Incremental: a file whose SHA-256 was loaded before is not read again; a file that
    disappeared takes its lines with it. The first 100 unreadable lines of each file
    are quarantined; all of them are counted.
    """
    log = AuditCollector("intranet")
    files, copies = split_duplicates(raw_files(refresh.settings.raw_dir, "intranet"))
    log.skip_copies(copies)
    parsed_now = 0
    with warehouse.get_connection() as connection:
        prepare(connection)
        connection.execute(LOADED_DDL)
        _upgrade(connection)
        connection.execute(LINES_DDL)
        loaded = {row[0] for row in connection.execute("select file_id from staging.intranet_files").fetchall()}
        present = [raw.sha256 for raw in files]
        _forget_missing(connection, present)
        for raw in files:
            if raw.sha256 not in loaded:
                try:
                    _load(connection, raw)
                except NotATable as reason:
                    log.skipped(raw, f"not read: {reason}")
                    continue
                parsed_now += 1
            _audit(connection, log, raw)
        log.write(connection)
        requests = connection.execute(f"select count(*) from {REQUESTS}").fetchone()[0] if files else 0
    context.log.info(f"{parsed_now} new or changed log files parsed, {len(files) - parsed_now} already loaded")
    return dg.MaterializeResult(metadata={"requests": requests, "files": len(files), "parsed_now": parsed_now})


def _load(connection, raw) -> None:
    record_load(connection, raw.sha256, load_requests(connection, raw.path, raw.sha256))


def record_load(connection, file_id: str, load: LogLoad) -> None:
    """The log's row in staging.intranet_files: its format and line counts (what the builds fingerprint)."""
    connection.execute(LOADED_DDL)
    connection.execute(
        "insert or replace into staging.intranet_files values (?, ?, ?, ?, ?)",
        [file_id, load.format, load.rows_read, load.rows_kept, load.rejects_total],
    )


def _audit(connection, log: AuditCollector, raw) -> None:
    format_name, rows_read, rejects_total = connection.execute(
        "select format, rows_read, rejects_total from staging.intranet_files where file_id = ?", [raw.sha256]
    ).fetchone()
    log.ingested(raw, format_name, rows_read, rows_quarantined=rejects_total)
    for row_number, column, reason, record in connection.execute(
        f"select line, reject_column, reject_reason, record from {LINES}"
        " where file_id = ? and reject_reason is not null order by line limit ?",
        [raw.sha256, REJECTS_KEPT],
    ).fetchall():
        log.reject(raw.name, Reject(row_number, column, reason, record))


def _upgrade(connection) -> None:
    """A warehouse written before staging.intranet_lines kept requests and rejects in two tables: its logs are
    read again."""
    kind = connection.execute(
        "select table_type from information_schema.tables"
        " where table_schema = 'staging' and table_name = 'intranet_requests'"
    ).fetchall()
    if kind == [("BASE TABLE",)]:
        connection.execute("drop table staging.intranet_requests")
        connection.execute("drop table if exists staging.intranet_rejects")
        connection.execute("delete from staging.intranet_files")


def _forget_missing(connection, present: list[str]) -> None:
    """A log removed from the raw folder no longer counts."""
    keep = pd.DataFrame({"file_id": present}, dtype="string")
    connection.register("present_files", keep)
    for table in (LINES, "staging.intranet_files"):
        exists = connection.execute(
            "select count(*) from information_schema.tables where table_schema || '.' || table_name = ?", [table]
        ).fetchone()[0]
        if exists:
            connection.execute(f"delete from {table} where file_id not in (select file_id from present_files)")
    connection.unregister("present_files")


@dg.asset(
    key=["core", "intranet"],
    group_name="core",
    kinds={"duckdb", "sql"},
    deps=[
        staging_intranet,
        *(
            dg.AssetKey(key)
            for key in (["core", "programmes"], ["core", "programme_paths"], ["staging", "person_identifiers"])
        ),
        dg.AssetKey(["core", "sessions"]),
        dg.AssetKey(["staging", "roster"]),
        dg.AssetKey(["staging", "corrections"]),
    ],
)
def core_intranet(context: dg.AssetExecutionContext, warehouse: Warehouse, refresh: RefreshRun) -> dg.MaterializeResult:
    """Page views, visits (no gap over visit_gap_minutes), programme and session visits inside each
    programme's window, and the employees who made an authenticated programme visit.

    Intranet users are linked to employees in staging.intranet_users; core keeps a salted hash
    of each visitor and the employee's person_key, never a user name, IP address or user agent.
    A build whose SQL, settings and input tables are those of its last run is not run again:
    a refresh with no new log does not sessionise millions of requests once more."""
    parameters = {"visit_gap_minutes": refresh.settings.visit_gap_minutes, "salt": salt_for(warehouse.published)}
    with warehouse.get_connection() as connection:
        prepare(connection)
        connection.execute(LOADED_DDL)
        _ensure_requests_table(connection)
        rebuilt = [build.name for build in BUILDS if _build(connection, build, parameters)]
        page_views, visits = connection.execute(
            "select (select count(*) from core.page_views), (select count(*) from core.visits)"
        ).fetchall()[0]
        programmes = connection.execute("select programme, programme_visits from core.programme_intranet").fetchall()
    context.log.info(f"rebuilt: {', '.join(rebuilt) or 'nothing, every input is unchanged'}")
    return dg.MaterializeResult(
        metadata={
            "page_views": page_views,
            "visits": visits,
            "programme_visits": dg.MetadataValue.json(dict(programmes)),
            "rebuilt": dg.MetadataValue.json(rebuilt),
        }
    )


def _build(connection, build: Build, parameters: dict) -> bool:
    """Run the build's SQL unless its fingerprint is the one stored at its last run; whether it ran."""
    connection.execute(BUILDS_DDL)
    fingerprint = build.fingerprint(connection, parameters)
    last = connection.execute("select fingerprint from meta.intranet_builds where build = ?", [build.name]).fetchall()
    if fingerprint is not None and last == [(fingerprint,)]:
        return False
    for name in build.sql_files:
        run_sql(connection, SQL / f"{name}.sql", **parameters)
    connection.execute("delete from meta.intranet_builds where build = ?", [build.name])
    connection.execute("insert into meta.intranet_builds values (?, ?)", [build.name, fingerprint])
    return True


def _ensure_requests_table(connection) -> None:
    """With no log at all, an empty table of lines keeps every figure at 0 rather than failing."""
    connection.execute(LINES_DDL)
