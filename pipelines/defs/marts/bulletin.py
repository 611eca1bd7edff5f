"""The "10 things we learnt" bulletin: ten figures per programme, worded for communications staff."""

from __future__ import annotations

from pathlib import Path

import dagster as dg

from pipelines.defs.resources import Warehouse
from pipelines.sql import run_sql

SQL = Path(__file__).parent / "sql"


@dg.asset(
    key=["marts", "ten_things"],
    group_name="marts",
    kinds={"duckdb", "sql"},
    deps=[
        *(
            dg.AssetKey(["marts", name])
            for name in ("programme_reach", "session_metrics", "reach_by_group", "cohort_summary")
        ),
        *(dg.AssetKey(["core", name]) for name in ("sessions", "participants", "headcount", "responses")),
        dg.AssetKey(["marts", "programme_sources"]),
    ],
)
def ten_things(warehouse: Warehouse) -> dg.MaterializeResult:
    """Per programme, up to ten figures the SPEC defines, each with its exact value and its wording.

    The figures are chosen in a fixed order of interest among those worth saying: none that
    repeats another in other words, rests on one or two people or sessions, or states an unknown
    as 0 (fewer than ten is fine). Wording follows the SPEC: "over 500" for a floored count, whole
    percentages, whole pounds.
    """
    with warehouse.get_connection() as connection:
        run_sql(connection, SQL / "ten_things_wording.sql")
        run_sql(connection, SQL / "ten_things.sql")
        per_programme = connection.execute(
            "select programme, count(*) from marts.ten_things group by all order by all"
        ).fetchall()
    return dg.MaterializeResult(
        metadata={
            "rows": sum(things for _, things in per_programme),
            "figures": dg.MetadataValue.json(dict(per_programme)),
        }
    )
