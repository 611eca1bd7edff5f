"""Marts: the figures of SPEC section 4. A metric is defined once, here, in SQL; pages only read them."""

from __future__ import annotations

from pathlib import Path

import dagster as dg

from pipelines.defs.resources import RefreshRun, Warehouse
from pipelines.sql import count, run_sql

SQL = Path(__file__).parent / "sql"
CORE = [
    dg.AssetKey(["core", name])
    for name in (
        "sessions",
        "headcount",
        "attendance",
        "participants",
        "programme_intranet",
        "session_intranet",
        "intranet_engaged",
        "responses",
    )
]


@dg.asset(key=["marts", "session_metrics"], group_name="marts", kinds={"duckdb", "sql"}, deps=CORE)
def session_metrics(warehouse: Warehouse) -> dg.MaterializeResult:
    """One row per delivered session: attendances, attended, partial, no-shows, fill, visits, feedback, cost."""
    with warehouse.get_connection() as connection:
        run_sql(connection, SQL / "session_metrics.sql")
        return dg.MaterializeResult(metadata={"rows": count(connection, "marts.session_metrics")})


@dg.asset(
    key=["marts", "programme_reach"],
    group_name="marts",
    kinds={"duckdb", "sql"},
    deps=[*CORE, session_metrics, dg.AssetKey(["core", "log_coverage"])],
)
def programme_reach(warehouse: Warehouse) -> dg.MaterializeResult:
    """One row per programme: headcount, participants, participation %, engaged %, visits, NPS, cost."""
    with warehouse.get_connection() as connection:
        run_sql(connection, SQL / "programme_reach.sql")
        figures = connection.execute(
            "select programme, participants, round(participation_pct, 1) from marts.programme_reach"
        ).fetchall()
    return dg.MaterializeResult(
        metadata={
            "rows": len(figures),
            "participants": dg.MetadataValue.json({name: [people, pct] for name, people, pct in figures}),
        }
    )


@dg.asset(key=["marts", "changes_since_last"], group_name="marts", kinds={"duckdb", "sql"}, deps=[programme_reach])
def changes_since_last(warehouse: Warehouse, refresh: RefreshRun) -> dg.MaterializeResult:
    """What changed since the previous published refresh, per programme: new attendances, visits, feedback
    and the figures that moved. The history lives in the warehouse, so only published refreshes count."""
    with warehouse.get_connection() as connection:
        run_sql(connection, SQL / "changes.sql", as_of=refresh.as_of)
        moved = connection.execute("select count(*) from marts.changes_since_last where change <> 0").fetchone()[0]
    return dg.MaterializeResult(metadata={"figures_moved": moved})
