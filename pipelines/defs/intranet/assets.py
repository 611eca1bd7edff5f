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
from pipelines.sql import count, run_sql

SQL = Path(__file__).parent / "sql"
REQUESTS = "staging.intranet_requests"


@dataclass(frozen=True)
class Build:
    """Tables built together, one SQL file each (named after its table), and the tables they read. The same SQL,
    settings and input tables make the same tables, so a build whose fingerprint is the one stored at its last run
    is not run again. Each table is its own asset; a build is one step."""

    name: str
    step: str  # the step's name in the run, as failures name it
    tables: dict[str, str]  # table -> what it holds
    reads: tuple[str, ...]

    @property
    def sql_files(self) -> tuple[str, ...]:
        return tuple(table.split(".")[1] for table in self.tables)

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
                if table not in STOOD_FOR
            ]
        except duckdb.Error:
            return None
        return hashlib.sha256(json.dumps([texts, used, tables], default=str).encode("utf-8")).hexdigest()


# The requests are whatever the logs in staging.intranet_files hold (a log is loaded once, by its SHA-256),
# so that small table stands for them in a fingerprint: hashing millions of lines at every refresh would cost a second.
STOOD_FOR = {LINES, REQUESTS}
# In order: each reads what the one before wrote.
BUILDS = (
    Build(
        "intranet users",
        "staging__intranet_users",
        {"staging.intranet_users": "Each intranet login (DOMAIN\\ dropped) and the employee it links to, if any."},
        (REQUESTS, "staging.intranet_files", "staging.person_identifiers", "staging.corrections"),
    ),
    Build(
        "page views and visits",
        "core__page_views_and_visits",
        {
            "core.page_views": "Page views by the SPEC's rule: visitor hashed, person_key of a linked user, visit_id.",
            "core.visits": "Visits: a visitor's run of page views with no gap over visit_gap_minutes.",
        },
        (REQUESTS, "staging.intranet_files", "staging.intranet_users"),
    ),
    Build(
        "programme visits",
        "core__programme_visits",
        {
            "core.programme_page_views": "Page views under a programme path inside the programme window.",
            "core.programme_intranet": "Per programme: page views, programme visits, unique and signed-in visitors.",
            "core.session_intranet": "Per session: page views and visits under its own path, in the window.",
            "core.intranet_engaged": "Employees who made an authenticated programme visit (engaged people).",
        },
        ("core.page_views", "core.programmes", "core.programme_paths", "core.sessions"),
    ),
)
BUILDS_DDL = "create table if not exists meta.intranet_builds (build varchar, fingerprint varchar)"

LOADED_DDL = """
create table if not exists staging.intranet_files (
    file_id varchar primary key, format varchar, rows_read bigint, rows_kept bigint, rejects_total bigint
);
"""


STAGED = {
    LINES: "Every data line of every log: the requests, and the rejects with their reason.",
    "staging.intranet_files": "Each log loaded (by SHA-256): its format and its lines read, kept and rejected.",
    REQUESTS: "The requests among the lines (a view).",
}


@dg.multi_asset(
    name="staging__intranet",
    specs=[
        dg.AssetSpec(
            table.split("."),
            group_name="staging",
            kinds={"duckdb", "sql"},
            description=description,
            deps=[dg.AssetKey(["raw", "intranet"])],
        )
        for table, description in STAGED.items()
    ],
)
def staging_intranet(context: dg.AssetExecutionContext, warehouse: Warehouse, refresh: RefreshRun):
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
        lines, requests = connection.execute(
            f"select count(*), count(*) filter (where reject_reason is null) from {LINES}"
        ).fetchone()
    if parsed_now:
        warehouse.reopen()
    context.log.info(f"{parsed_now} new or changed log files parsed, {len(files) - parsed_now} already loaded")
    counts = {LINES: lines, "staging.intranet_files": len(files), REQUESTS: requests}
    for table, rows in counts.items():
        metadata = {"rows": rows} | ({"parsed_now": parsed_now} if table == "staging.intranet_files" else {})
        yield dg.MaterializeResult(asset_key=dg.AssetKey(table.split(".")), metadata=metadata)


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


def _build_asset(build: Build) -> dg.AssetsDefinition:
    """One step per build, one asset per table it writes."""
    deps = [dg.AssetKey(table.split(".")) for table in build.reads]

    @dg.multi_asset(
        name=build.step,
        specs=[
            dg.AssetSpec(
                table.split("."),
                group_name=table.split(".")[0],
                kinds={"duckdb", "sql"},
                description=about,
                deps=deps + [dg.AssetKey(earlier.split(".")) for earlier in list(build.tables)[:position]],
            )
            for position, (table, about) in enumerate(build.tables.items())
        ],
    )
    def intranet_build(context: dg.AssetExecutionContext, warehouse: Warehouse, refresh: RefreshRun):
        """Intranet users are linked to employees in staging.intranet_users; core keeps a salted hash of each
        visitor and the employee's person_key, never a user name, IP address or user agent. A build whose SQL,
        settings and input tables are those of its last run is not run again: a refresh with no new log does
        not sessionise millions of requests once more."""
        parameters = {"visit_gap_minutes": refresh.settings.visit_gap_minutes, "salt": salt_for(warehouse.published)}
        with warehouse.get_connection() as connection:
            connection.execute(LOADED_DDL)
            _ensure_requests_table(connection)
            rebuilt = _build(connection, build, parameters)
            counts = {table: count(connection, table) for table in build.tables}
        context.log.info(f"{build.name}: {'rebuilt' if rebuilt else 'unchanged, not rebuilt'}")
        for table, rows in counts.items():
            yield dg.MaterializeResult(asset_key=dg.AssetKey(table.split(".")), metadata={"rows": rows})

    return intranet_build


intranet_users, page_views_and_visits, programme_visits = (_build_asset(build) for build in BUILDS)


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
