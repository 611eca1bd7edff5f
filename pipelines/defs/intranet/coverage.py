"""Intranet log coverage: which days of each programme's window the loaded logs cover (SPEC section 3).

A window day without any log line is not a quiet day but an unknown one: the programme's intranet
figures then read "at least", and the pages say which days the logs cover.
"""

from __future__ import annotations

from pathlib import Path

import dagster as dg

from pipelines.defs.resources import RefreshRun, Warehouse
from pipelines.sql import run_sql

SQL = Path(__file__).parent / "sql"


@dg.asset(
    key=["core", "log_coverage"],
    group_name="core",
    kinds={"duckdb", "sql"},
    deps=[dg.AssetKey(["staging", "intranet_requests"]), dg.AssetKey(["core", "programmes"])],
)
def log_coverage(warehouse: Warehouse, refresh: RefreshRun) -> dg.MaterializeResult:
    """One row per programme and window day up to as_of: the log lines of any intranet file that day, and covered."""
    with warehouse.get_connection() as connection:
        run_sql(connection, SQL / "log_coverage.sql", timezone=refresh.settings.timezone, as_of=refresh.as_of)
        rows, uncovered = connection.execute(
            "select count(*), count(*) filter (where not covered) from core.log_coverage"
        ).fetchone()
    return dg.MaterializeResult(metadata={"rows": rows, "uncovered_days": uncovered})
