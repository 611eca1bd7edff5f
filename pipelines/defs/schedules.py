"""The weekly refresh: the job every way of running goes through, and its Monday schedule."""

import dagster as dg

refresh_job = dg.define_asset_job(
    "refresh",
    selection=dg.AssetSelection.all() - dg.AssetSelection.groups("raw"),
    description="The whole refresh: ingest, check, compute the marts and publish the reports.",
)

weekly_refresh = dg.ScheduleDefinition(
    name="weekly_refresh",
    job=refresh_job,
    cron_schedule="0 6 * * 1",
    execution_timezone="Europe/London",
    default_status=dg.DefaultScheduleStatus.RUNNING,
    description="Every Monday at 06:00, London time.",
)


@dg.definitions
def schedules() -> dg.Definitions:
    return dg.Definitions(jobs=[refresh_job], schedules=[weekly_refresh])
