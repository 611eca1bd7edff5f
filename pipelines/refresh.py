"""Running the `refresh` job in process, as `uptake refresh` does, and saying what happened."""

from __future__ import annotations

from collections.abc import Callable

import dagster as dg
from dagster._core.utils import make_new_run_id

from pipelines.definitions import definitions_for
from pipelines.inputs import up_to_date
from pipelines.publication import RefreshBusy, UnsafePaths, refresh_locks
from pipelines.settings import Settings
from pipelines.status import Outcome, outcome_of, read_status, record_unchanged, step_name

QUIET = {"loggers": {"console": {"config": {"log_level": "CRITICAL"}}}}


def run_refresh(settings: Settings, on_step: Callable[[str, str], None] | None = None, again: bool = False) -> Outcome:
    """Materialise every asset and run every check; `on_step(kind, step)` follows progress. Nothing runs when the
    published reports were made from the same inputs (`pipelines.inputs`), unless `again`."""
    if not again:
        with refresh_locks(settings.reports_dir, settings.raw_dir, settings.warehouse):  # as the run would take them
            published_at = up_to_date(settings, last_failed=bool(read_status(settings).get("failed_at")))
        if published_at is not None:
            record_unchanged(settings, published_at)
            return Outcome(published=True, unchanged_since=published_at)
    definitions = definitions_for(settings)
    job = definitions.resolve_job_def("refresh")
    instance = dg.DagsterInstance.ephemeral()
    run_id = make_new_run_id()
    if on_step:
        instance.event_log_storage.watch(run_id, None, lambda entry, _cursor: _follow(entry, on_step))
    result = job.execute_in_process(instance=instance, run_id=run_id, raise_on_error=False, run_config=QUIET)
    _raise_refusal(result.all_events)
    return outcome_of(result.all_events)


def _raise_refusal(events: list[dg.DagsterEvent]) -> None:
    """Raise again what refused the run before any work, in the resource set-up (where Dagster records, not raises)."""
    for event in events:
        if event.event_type == dg.DagsterEventType.RESOURCE_INIT_FAILURE:
            for refusal in (RefreshBusy, UnsafePaths):
                cause = _cause_named(event.event_specific_data.error, refusal.__name__)
                if cause is not None:
                    raise refusal(cause.message.split(f"{refusal.__name__}: ", 1)[-1].strip())


def _follow(entry, on_step: Callable[[str, str], None]) -> None:
    event = entry.dagster_event
    if event is not None and event.event_type in (dg.DagsterEventType.STEP_START, dg.DagsterEventType.STEP_SUCCESS):
        on_step(event.event_type_value, step_name(event.step_key))


def _cause_named(error, class_name: str):
    while error is not None and error.cls_name != class_name:
        error = error.cause
    return error
