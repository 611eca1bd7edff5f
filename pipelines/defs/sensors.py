"""A refresh when the files under data/raw change: a new export dropped in is published unattended."""

import dagster as dg

from pipelines.defs.resources import RefreshRun
from pipelines.defs.schedules import refresh_job
from pipelines.inputs import raw_fingerprint
from pipelines.status import outcome_of, record_failure


@dg.sensor(job=refresh_job, minimum_interval_seconds=60, default_status=dg.DefaultSensorStatus.RUNNING)
def new_raw_files(context: dg.SensorEvaluationContext, refresh: RefreshRun):
    """Requests a refresh when a file under data/raw is added, changed or removed."""
    raw_dir = refresh.settings.raw_dir
    fingerprint = raw_fingerprint(raw_dir)
    if context.cursor == fingerprint:
        return dg.SkipReason(f"nothing changed under {raw_dir}")
    context.update_cursor(fingerprint)
    return dg.RunRequest(run_key=fingerprint)


@dg.run_failure_sensor(monitored_jobs=[refresh_job], default_status=dg.DefaultSensorStatus.RUNNING)
def refresh_failed(context: dg.RunFailureSensorContext, refresh: RefreshRun) -> None:
    """A refresh started by the schedule, the sensor or the UI failed: log it and put the banner up."""
    records = context.instance.all_logs(context.dagster_run.run_id)
    outcome = outcome_of([record.dagster_event for record in records if record.dagster_event is not None])
    record_failure(refresh.settings, outcome.failures or [context.failure_event.message or "the run failed"])


@dg.definitions
def sensors() -> dg.Definitions:
    return dg.Definitions(sensors=[new_raw_files, refresh_failed])
