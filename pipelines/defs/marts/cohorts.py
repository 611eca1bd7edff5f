"""Cohorts: who stayed the course of an action-learning set or a managers' programme."""

from __future__ import annotations

from pathlib import Path

import dagster as dg

from pipelines.defs.resources import Warehouse
from pipelines.sql import count, run_sql

SQL = Path(__file__).parent / "sql"


@dg.multi_asset(
    specs=[
        dg.AssetSpec(
            ["marts", "cohort_members"],
            group_name="marts",
            kinds={"duckdb", "sql"},
            description="One row per cohort member (hashed person key): meetings attended of those held, and completed.",
            deps=[dg.AssetKey(["core", name]) for name in ("sessions", "attendance", "headcount")],
        ),
        dg.AssetSpec(
            ["marts", "cohort_summary"],
            group_name="marts",
            kinds={"duckdb", "sql"},
            description="One row per cohort: members, meetings held, members who completed and completion %.",
            deps=[dg.AssetKey(["marts", "cohort_members"])],
        ),
    ],
)
def cohorts(warehouse: Warehouse):
    """Cohorts are sessions sharing a Cohort value (or a managers' programme without one); members
    complete by attending at least 80% of their cohort's delivered meetings.

    Both tables come from one SQL file so that the cohort is defined once.
    """
    with warehouse.get_connection() as connection:
        run_sql(connection, SQL / "cohorts.sql")
        yield dg.MaterializeResult(asset_key=["marts", "cohort_members"], metadata={"rows": count(connection, "marts.cohort_members")})
        yield dg.MaterializeResult(asset_key=["marts", "cohort_summary"], metadata={"rows": count(connection, "marts.cohort_summary")})
