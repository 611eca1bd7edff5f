"""Cohorts: who stayed the course of an action-learning set or a managers' programme.

Cohorts are sessions sharing a Cohort value (or a managers' programme without one), defined once in
core.cohort_meetings; members complete by attending at least 80% of their cohort's delivered meetings.
"""

from __future__ import annotations

from pathlib import Path

import dagster as dg

from pipelines.defs.resources import RefreshRun, Warehouse
from pipelines.sql import count, run_sql

SQL = Path(__file__).parent / "sql"
SESSION_METRICS = ["marts", "session_metrics"]  # which delivered meetings have attendance data


@dg.asset(
    key=["core", "cohort_meetings"],
    group_name="core",
    kinds={"duckdb", "sql"},
    deps=[dg.AssetKey(["core", "sessions"]), dg.AssetKey(["core", "programmes"])],
)
def cohort_meetings(warehouse: Warehouse) -> dg.MaterializeResult:
    """One row per delivered meeting of a cohort: programme, cohort, session_id."""
    with warehouse.get_connection() as connection:
        run_sql(connection, SQL / "cohort_meetings.sql")
        return dg.MaterializeResult(metadata={"rows": count(connection, "core.cohort_meetings")})


@dg.asset(
    key=["marts", "cohort_members"],
    group_name="marts",
    kinds={"duckdb", "sql"},
    deps=[
        cohort_meetings,
        dg.AssetKey(["core", "attendance"]),
        dg.AssetKey(["core", "headcount"]),
        dg.AssetKey(SESSION_METRICS),
    ],
)
def cohort_members(warehouse: Warehouse) -> dg.MaterializeResult:
    """One row per cohort member (hashed person key): meetings attended of those held and of those with
    attendance data, and completed (NULL when meetings without data leave it open)."""
    with warehouse.get_connection() as connection:
        run_sql(connection, SQL / "cohort_members.sql")
        return dg.MaterializeResult(metadata={"rows": count(connection, "marts.cohort_members")})


@dg.asset(
    key=["marts", "cohort_summary"],
    group_name="marts",
    kinds={"duckdb", "sql"},
    deps=[cohort_meetings, cohort_members, dg.AssetKey(SESSION_METRICS)],
)
def cohort_summary(warehouse: Warehouse, refresh: RefreshRun) -> dg.MaterializeResult:
    """One row per cohort: members, meetings held and with attendance data, members who completed, completion %
    (NULL while a member's completion is not known) and what publication hides."""
    with warehouse.get_connection() as connection:
        run_sql(connection, SQL / "cohort_summary.sql", min_cell=refresh.settings.min_cell)
        return dg.MaterializeResult(metadata={"rows": count(connection, "marts.cohort_summary")})
