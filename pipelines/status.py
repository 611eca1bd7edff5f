"""How the latest refresh ended: read from its events, kept beside the warehouse where the officer (and the
index page) can see it.

`refresh.log` is a plain log, one line per refresh; `refresh-status.json` holds the last
good refresh and, when the latest one failed, why. A failure also puts a banner on the
published index page, above the last good figures, whichever way the refresh was started.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import dagster as dg

from pipelines.publication import published_by_uptake
from pipelines.settings import Settings

BANNER_START, BANNER_END = "<!--uptake:banner-->", "<!--/uptake:banner-->"
BANNER_TEMPLATE = Path(__file__).parent / "defs" / "reports" / "templates" / "failure_banner.html"


@dataclass
class Outcome:
    published: bool
    failures: list[str] = field(default_factory=list)  # plain-words reasons, each naming the step or check
    warnings: list[str] = field(default_factory=list)  # data-quality checks of severity warning that did not pass
    unchanged_since: datetime | None = None  # nothing new: the reports published then stand


def outcome_of(events: list[dg.DagsterEvent]) -> Outcome:
    """What a refresh run did, from its events: published or not, the failures named, the warnings."""
    failures, warnings, published = [], [], False
    for event in events:
        if event.event_type == dg.DagsterEventType.STEP_FAILURE:
            error = event.step_failure_data.error
            if error.cls_name == "DagsterAssetCheckFailedError":
                continue  # the failed checks are listed below, with their examples
            failures.append(f"{step_name(event.step_key)}: {_error_text(error)}")
        elif event.event_type == dg.DagsterEventType.RESOURCE_INIT_FAILURE:
            failures.append(f"starting the refresh: {_error_text(event.event_specific_data.error)}")
        elif event.event_type == dg.DagsterEventType.ASSET_CHECK_EVALUATION:
            evaluation = event.event_specific_data
            if evaluation.passed:
                continue
            table = ".".join(evaluation.asset_key.path)
            if evaluation.severity == dg.AssetCheckSeverity.ERROR:
                failures.append(
                    f"check {evaluation.check_name} on {table} failed: {evaluation.description or ''}".rstrip(": ")
                )
            else:
                warnings.append(f"{evaluation.check_name} on {table}: {evaluation.description or ''}".rstrip(": "))
        elif event.event_type == dg.DagsterEventType.ASSET_MATERIALIZATION and event.asset_key == dg.AssetKey(
            ["reports", "site"]
        ):
            published = True
    return Outcome(published=published and not failures, failures=failures, warnings=warnings)


def step_name(step_key: str | None) -> str:
    return (step_key or "refresh").replace("__", ".")


def _error_text(error) -> str:
    """The user-facing message of a step failure: a dg.Failure's description, else the innermost error."""
    while error is not None and error.cause is not None and "Failure" not in (error.cls_name or ""):
        error = error.cause
    return (error.message or "").strip().removeprefix("dagster._core.definitions.events.Failure: ").strip()


def log_path(settings: Settings) -> Path:
    return Path(settings.warehouse).with_name("refresh.log")


def status_path(settings: Settings) -> Path:
    return Path(settings.warehouse).with_name("refresh-status.json")


def read_status(settings: Settings) -> dict:
    path = status_path(settings)
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def record_published(settings: Settings, as_of: datetime) -> None:
    now = _now()
    _write(
        settings, {"last_good_at": now, "last_good_as_of": as_of.isoformat(sep=" "), "failed_at": None, "failures": []}
    )
    _log(settings, f"{now} published (data as of {as_of:%Y-%m-%d %H:%M})")


def record_unchanged(settings: Settings, published_at: datetime) -> None:
    _log(settings, f"{_now()} nothing new: the reports published at {published_at:%Y-%m-%d %H:%M:%S} stand")


def record_failure(settings: Settings, failures: list[str]) -> None:
    """Log a failed refresh and show it on the published index page; the last good figures stay."""
    now = _now()
    status = read_status(settings) | {
        "failed_at": now,
        "failures": failures or ["the refresh stopped without saying why"],
    }
    _write(settings, status)
    _log(settings, f"{now} FAILED: " + " | ".join(status["failures"]))
    show_banner(Path(settings.reports_dir) / "index.html", status, log_path(settings).resolve())


def show_banner(index: Path, status: dict, log: Path) -> None:
    """Replace the banner slot of an index page Uptake published (never a page in a folder it did not mark)."""
    if not (index.exists() and published_by_uptake(index.parent)):
        return
    from jinja2 import Environment, FileSystemLoader

    templates = Environment(loader=FileSystemLoader(BANNER_TEMPLATE.parent), autoescape=True)
    banner = templates.get_template(BANNER_TEMPLATE.name).render(status=status, log=log)
    page = index.read_text(encoding="utf-8")
    if BANNER_START in page and BANNER_END in page:
        before, rest = page.split(BANNER_START, 1)
        after = rest.split(BANNER_END, 1)[1]
        index.write_text(f"{before}{BANNER_START}{banner}{BANNER_END}{after}", encoding="utf-8")


def _now() -> str:
    return datetime.now().astimezone().strftime("%Y-%m-%d %H:%M:%S %Z")


def _write(settings: Settings, status: dict) -> None:
    path = status_path(settings)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(status, indent=2), encoding="utf-8")
    temporary.replace(path)


def _log(settings: Settings, line: str) -> None:
    path = log_path(settings)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as log:
        log.write(line + "\n")
