"""The year in learning (SPEC section 5): reporting periods, their reach across every programme, the same
point last year, month by month, the programmes side by side, equality monitoring and ten things.

One table, one asset, one SQL file named after it (sql/<table>.sql). The core tables cut each period
twice ('this' and 'previous', the previous period to the same point); the marts read those cuts.
"""

from __future__ import annotations

from pathlib import Path

import dagster as dg

from pipelines.defs.resources import RefreshRun, Warehouse
from pipelines.sql import count, run_sql

SQL = Path(__file__).parent / "sql"
WORDING = Path(__file__).parents[1] / "marts" / "sql" / "ten_things_wording.sql"  # the bulletin's wording macros


def _core(*names: str) -> list[dg.AssetKey]:
    return [dg.AssetKey(["core", name]) for name in names]


def _period_asset(schema: str, table: str, deps: list[dg.AssetKey], description: str, sql: list[Path] = ()):
    """An asset that builds `schema.table` with sql/<table>.sql (after `sql`), bound to this refresh's settings."""

    @dg.asset(key=[schema, table], group_name=schema, kinds={"duckdb", "sql"}, deps=deps, description=description)
    def build(warehouse: Warehouse, refresh: RefreshRun) -> dg.MaterializeResult:
        parameters = {
            "as_of": refresh.as_of,
            "year_starts": refresh.settings.year_starts,
            "min_cell": refresh.settings.min_cell,
            "timezone": refresh.settings.timezone,
        }
        with warehouse.get_connection() as connection:
            for path in [*sql, SQL / f"{table}.sql"]:
                run_sql(connection, path, **parameters)
            return dg.MaterializeResult(metadata={"rows": count(connection, f"{schema}.{table}")})

    return build


period_cuts = _period_asset(
    "core",
    "period_cuts",
    _core("sessions"),
    "Each reported period (the current one, and earlier ones with a delivered session) cut twice: 'this', "
    "to its to date, and 'previous', the previous period to the same point.",
)
period_sessions = _period_asset(
    "core",
    "period_sessions",
    [period_cuts.key, *_core("sessions")],
    "The delivered sessions of each cut, with their month and scheduled length.",
)
period_headcount = _period_asset(
    "core",
    "period_headcount",
    [period_cuts.key, *_core("people")],
    "Each cut's headcount: employees active on its to date, from the latest snapshot on or before it.",
)
period_attendance = _period_asset(
    "core",
    "period_attendance",
    [period_sessions.key, period_headcount.key, *_core("attendance")],
    "Attended-or-partial pairs of each cut's sessions, guests included, with learning hours and whether the "
    "person is in the period headcount.",
)
period_engaged = _period_asset(
    "core",
    "period_engaged",
    [period_attendance.key, *_core("responses", "programme_page_views")],
    "Each cut's engaged people: participants, identified feedback, or an authenticated programme visit.",
)
period_reach = _period_asset(
    "marts",
    "period_reach",
    [period_engaged.key, *_core("responses")],
    "One row per reported period: headcount, participants, participation %, learning hours, engaged %, "
    "rating and cost, with the same point last year and the change.",
)
period_monthly = _period_asset(
    "marts",
    "period_monthly",
    [period_reach.key, dg.AssetKey(["marts", "session_metrics"])],
    "Month by month in each period: sessions, attendances, participants, new and cumulative participants.",
)
equality_monitoring = _period_asset(
    "marts",
    "equality_monitoring",
    [period_reach.key],
    "Per period and equality group: shares, participation %, representation ratio, Wilson 95% interval, "
    "finding and the publication rule's suppressed flag.",
)
period_programmes = _period_asset(
    "marts",
    "period_programmes",
    [period_reach.key, *_core("sessions", "responses")],
    "Every programme of each period side by side: sessions, audience-fitted headcount, participants, "
    "rating, NPS and cost per participant.",
)
period_ten_things = _period_asset(
    "marts",
    "period_ten_things",
    [period_reach.key, period_monthly.key],
    "Ten things we learnt about each period's learning, worded as people write them.",
    sql=[WORDING],
)

period_directorates = _period_asset(
    "marts",
    "period_directorates",
    [equality_monitoring.key],
    "Each directorate's reach per period next to the organisation's, with its rank among those shown.",
)
period_directorate_monthly = _period_asset(
    "marts",
    "period_directorate_monthly",
    [period_monthly.key, period_attendance.key],
    "Each directorate's cumulative reach month by month against the organisation's, hidden cells flagged.",
)

PERIOD_MARTS = [
    period_reach,
    period_monthly,
    equality_monitoring,
    period_programmes,
    period_ten_things,
    period_directorates,
    period_directorate_monthly,
]
