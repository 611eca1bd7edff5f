"""Running the `refresh` job in process, as `uptake refresh` does, and saying what happened."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import dagster as dg
from dagster._core.utils import make_new_run_id

from pipelines.definitions import definitions_for
from pipelines.publication import RefreshBusy, UnsafeReports
from pipelines.settings import Settings

QUIET = {"loggers": {"console": {"config": {"log_level": "CRITICAL"}}}}


@dataclass
class Outcome:
    published: bool
    failures: list[str] = field(default_factory=list)  # plain-words reasons, each naming the step or check
    warnings: list[str] = field(default_factory=list)  # data-quality checks of severity warning that did not pass


def run_refresh(settings: Settings, on_step: Callable[[str, str], None] | None = None) -> Outcome:
    """Materialise every asset and run every check; `on_step(kind, step)` follows progress."""
    definitions = definitions_for(settings)
    job = definitions.resolve_job_def("refresh")
    instance = dg.DagsterInstance.ephemeral()
    run_id = make_new_run_id()
    if on_step:
        instance.event_log_storage.watch(run_id, None, lambda entry, _cursor: _follow(entry, on_step))
    result = job.execute_in_process(instance=instance, run_id=run_id, raise_on_error=False, run_config=QUIET)
    _raise_refusal(result.all_events)
    return outcome_of(result.all_events)


def outcome_of(events: list[dg.DagsterEvent]) -> Outcome:
    """What a refresh run did, from its events: published or not, the failures named, the warnings."""
    failures, warnings, published = [], [], False
    for event in events:
        if event.event_type == dg.DagsterEventType.STEP_FAILURE:
            error = event.step_failure_data.error
            if error.cls_name == "DagsterAssetCheckFailedError":
                continue  # the failed checks are listed below, with their examples
            failures.append(f"{_step_name(event.step_key)}: {_error_text(error)}")
        elif event.event_type == dg.DagsterEventType.RESOURCE_INIT_FAILURE:
            failures.append(f"starting the refresh: {_error_text(event.event_specific_data.error)}")
        elif event.event_type == dg.DagsterEventType.ASSET_CHECK_EVALUATION:
            evaluation = event.event_specific_data
            if evaluation.passed:
                continue
            table = ".".join(evaluation.asset_key.path)
            if evaluation.severity == dg.AssetCheckSeverity.ERROR:
                failures.append(f"check {evaluation.check_name} on {table} failed: {evaluation.description or ''}".rstrip(": "))
            else:
                warnings.append(f"{evaluation.check_name} on {table}: {evaluation.description or ''}".rstrip(": "))
        elif event.event_type == dg.DagsterEventType.ASSET_MATERIALIZATION and event.asset_key == dg.AssetKey(["reports", "site"]):
            published = True
    return Outcome(published=published and not failures, failures=failures, warnings=warnings)


def _raise_refusal(events: list[dg.DagsterEvent]) -> None:
    """Raise again what refused the run before any work: the resource set-up, where Dagster records instead of raising."""
    for event in events:
        if event.event_type == dg.DagsterEventType.RESOURCE_INIT_FAILURE:
            for refusal in (RefreshBusy, UnsafeReports):
                cause = _cause_named(event.event_specific_data.error, refusal.__name__)
                if cause is not None:
                    raise refusal(cause.message.split(f"{refusal.__name__}: ", 1)[-1].strip())


def _follow(entry, on_step: Callable[[str, str], None]) -> None:
    event = entry.dagster_event
    if event is not None and event.event_type in (dg.DagsterEventType.STEP_START, dg.DagsterEventType.STEP_SUCCESS):
        on_step(event.event_type_value, _step_name(event.step_key))


def _step_name(step_key: str | None) -> str:
    return (step_key or "refresh").replace("__", ".")


def _cause_named(error, class_name: str):
    while error is not None and error.cls_name != class_name:
        error = error.cause
    return error


def _error_text(error) -> str:
    """The user-facing message of a step failure: a dg.Failure's description, else the innermost error."""
    while error is not None and error.cause is not None and "Failure" not in (error.cls_name or ""):
        error = error.cause
    return (error.message or "").strip().removeprefix("dagster._core.definitions.events.Failure: ").strip()
