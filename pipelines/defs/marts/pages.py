"""Marts the pages need beyond SPEC section 4's minimum: visits by day, reach by week, ratings,
directorates against the organisation, what the figures rest on, and the data-quality summary.

They exist so that pages never compute a figure: a page only formats what a mart holds. Each is one
asset built by `sql/<table>.sql`. A mart whose source tables are not in the warehouse is dropped, and
its page section says the data is not available.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import dagster as dg
import duckdb

from pipelines.defs.resources import RefreshRun, Warehouse
from pipelines.settings import Settings
from pipelines.sql import count, run_sql

SQL = Path(__file__).parent / "sql"


@dataclass(frozen=True)
class PageMart:
    name: str
    reads: tuple[str, ...]  # tables the SQL reads; all must exist for the mart to be built
    description: str

    @property
    def deps(self) -> list[dg.AssetKey]:
        """The assets that write what it reads: each table is an asset; the quarantine is complete with audit.files."""
        owners = (["audit", "files"] if table.startswith("quarantine.") else table.split(".") for table in self.reads)
        return list(dict.fromkeys(dg.AssetKey(owner) for owner in owners))


PAGE_MARTS = (
    PageMart(
        "visits_by_day",
        ("core.programme_page_views", "core.page_views", "core.programmes", "core.programme_paths", "core.sessions"),
        "Intranet visits, page views and visitors to a programme's pages per day of its window, with the sessions "
        "held that day.",
    ),
    PageMart(
        "reach_by_week",
        ("core.programmes", "core.headcount", "core.sessions", "core.attendance"),
        "Sessions, attendances, new and cumulative participants per week, for programmes longer than a week.",
    ),
    PageMart(
        "rating_distribution",
        ("core.responses",),
        "How many responses gave each rating (1-5) and each likelihood to recommend (0-10), with NPS groups.",
    ),
    PageMart(
        "directorate_reach",
        ("marts.reach_by_group", "marts.programme_reach"),
        "Each directorate's participation in each programme next to the whole organisation's.",
    ),
    PageMart(
        "programme_sources",
        ("core.programmes", "core.programme_paths", "core.headcount", "marts.session_metrics", "core.log_coverage"),
        "What each programme's figures rest on: roster snapshot, headcount date, sessions with attendance data, "
        "intranet window and the days of it the logs cover.",
    ),
    PageMart(
        "quarantine_reasons",
        ("quarantine.records", "audit.files"),
        "Why records were set aside, masked for publication, with counts and a few file/row/column examples.",
    ),
    PageMart(
        "data_quality_summary",
        ("audit.files", "quarantine.records", "marts.session_metrics"),
        "One row: files found, read and skipped; rows read, kept and quarantined; sessions without attendance data.",
    ),
)


def existing_tables(connection: duckdb.DuckDBPyConnection) -> set[str]:
    """Every table and view in the warehouse as 'schema.name'."""
    return {
        f"{schema}.{name}"
        for schema, name in connection.execute(
            "select table_schema, table_name from information_schema.tables"
        ).fetchall()
    }


def build_page_mart(connection: duckdb.DuckDBPyConnection, mart: PageMart, settings: Settings) -> list[str]:
    """(Re)build one page mart; returns the tables it needed but did not find (then the mart is dropped)."""
    missing = [table for table in mart.reads if table not in existing_tables(connection)]
    if missing:
        connection.execute(f"drop table if exists marts.{mart.name}")
        return missing
    run_sql(connection, SQL / f"{mart.name}.sql", timezone=settings.timezone)
    return []


def _asset_for(mart: PageMart) -> dg.AssetsDefinition:
    @dg.asset(
        key=["marts", mart.name],
        group_name="marts",
        kinds={"duckdb", "sql"},
        deps=mart.deps,
        description=mart.description,
    )
    def page_mart(warehouse: Warehouse, refresh: RefreshRun) -> dg.MaterializeResult:
        with warehouse.get_connection() as connection:
            missing = build_page_mart(connection, mart, refresh.settings)
            if missing:
                return dg.MaterializeResult(metadata={"rows": 0, "not built, missing": ", ".join(missing)})
            return dg.MaterializeResult(metadata={"rows": count(connection, f"marts.{mart.name}")})

    return page_mart


PAGE_MART_ASSETS = [_asset_for(mart) for mart in PAGE_MARTS]
PAGE_MART_KEYS = [dg.AssetKey(["marts", mart.name]) for mart in PAGE_MARTS]


@dg.definitions
def page_marts() -> dg.Definitions:
    return dg.Definitions(assets=PAGE_MART_ASSETS)
