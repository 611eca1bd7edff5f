"""Take-up by group: who each programme reached, by directorate, grade, manager, location and equality group."""

from __future__ import annotations

from pathlib import Path

import dagster as dg

from pipelines.defs.resources import RefreshRun, Warehouse
from pipelines.sql import run_sql

SQL = Path(__file__).parent / "sql"


@dg.asset(
    key=["marts", "reach_by_group"],
    group_name="marts",
    kinds={"duckdb", "sql"},
    deps=[
        *(dg.AssetKey(["core", name]) for name in ("headcount", "participants", "sessions")),
        dg.AssetKey(["staging", "roster"]),
    ],
)
def reach_by_group(warehouse: Warehouse, refresh: RefreshRun) -> dg.MaterializeResult:
    """Headcount, participants and participation % per group of each breakdown, with what publication hides.

    The mart keeps the true counts; publication shows a suppressed cell's participant figures as [c]
    (a count of 1 to min_cell - 1, a group under min_cell, and the one cell that would give a lone
    hidden cell away) and its headcount only when under min_cell. It also names the highest and lowest
    shown groups, and the order groups are listed in (grades in pay order).
    """
    with warehouse.get_connection() as connection:
        settings = refresh.settings
        run_sql(connection, SQL / "reach_by_group.sql", min_cell=settings.min_cell, grade_order=settings.grade_order)
        rows, suppressed = connection.execute(
            "select count(*), count(*) filter (where suppressed) from marts.reach_by_group"
        ).fetchone()
    return dg.MaterializeResult(metadata={"rows": rows, "suppressed": suppressed})
