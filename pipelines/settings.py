"""Settings: one typed place, read once (SPEC section 1).

Precedence: a command-line option, then the UPTAKE_* environment variable, then
the default. Everything else comes from `uptake.toml`, all of it optional.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DEFAULT_RAW, DEFAULT_WAREHOUSE, DEFAULT_REPORTS, DEFAULT_CONFIG = (
    "data/raw",
    "data/warehouse/uptake.duckdb",
    "reports",
    "uptake.toml",
)


class SettingsError(Exception):
    """Unreadable or invalid configuration: exit status 2."""


@dataclass(frozen=True)
class Settings:
    raw_dir: Path
    warehouse: Path
    reports_dir: Path
    config_file: Path
    attended_share: float = 0.5
    visit_gap_minutes: int = 30
    window_days: int = 14
    timezone: str = "Europe/London"
    min_cell: int = 5
    feedback_questions: dict[str, str] = field(default_factory=dict)
    intranet_prefixes: dict[str, list[str]] = field(default_factory=dict)
    as_of: datetime | None = None
    year_starts: str = "04-01"  # [periods]: the month-day a reporting period starts

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


def load_settings(
    raw_dir: str | Path | None = None,
    warehouse: str | Path | None = None,
    reports_dir: str | Path | None = None,
    config_file: str | Path | None = None,
) -> Settings:
    """Settings for one refresh; raises SettingsError for a configuration that cannot be used."""

    def choose(option, variable, default) -> Path:
        return Path(option or os.environ.get(variable) or default)

    config_path = choose(config_file, "UPTAKE_CONFIG", DEFAULT_CONFIG)
    config = _read_toml(config_path, required=config_path != Path(DEFAULT_CONFIG))
    paths = dict(
        raw_dir=choose(raw_dir, "UPTAKE_RAW_DIR", DEFAULT_RAW),
        warehouse=choose(warehouse, "UPTAKE_WAREHOUSE", DEFAULT_WAREHOUSE),
        reports_dir=choose(reports_dir, "UPTAKE_REPORTS_DIR", DEFAULT_REPORTS),
        config_file=config_path,
    )
    return _from_config(config, config_path, paths)


def _read_toml(path: Path, required: bool) -> dict:
    if not path.exists():
        if required:
            raise SettingsError(f"The settings file {path} does not exist.")
        return {}
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise SettingsError(f"The settings file {path} cannot be read: {error}") from error


def _from_config(config: dict, path: Path, paths: dict) -> Settings:
    def section(name: str) -> dict:
        value = config.get(name, {})
        if not isinstance(value, dict):
            raise SettingsError(f"{path}: [{name}] must be a table of settings.")
        return value

    def number(table: str, key: str, kind: type, default, low, high):
        value = section(table).get(key, default)
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not low <= value <= high:
            raise SettingsError(f"{path}: [{table}] {key} = {value!r} must be a number from {low} to {high}.")
        return kind(value)

    intranet, refresh = section("intranet"), section("refresh")
    timezone = intranet.get("timezone", "Europe/London")
    try:
        ZoneInfo(str(timezone))
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise SettingsError(f"{path}: [intranet] timezone = {timezone!r} is not a known time zone.") from error
    as_of = refresh.get("as_of")
    if as_of is not None and not isinstance(as_of, datetime):
        try:
            as_of = datetime.fromisoformat(str(as_of))
        except ValueError as error:
            raise SettingsError(f"{path}: [refresh] as_of = {as_of!r} is not a date and time.") from error
    questions = section("feedback")
    if not all(isinstance(value, str) for value in questions.values()):
        raise SettingsError(f"{path}: [feedback] question wordings must be text.")
    prefixes = {}
    for name, programme in section("programmes").items():
        prefix = programme.get("intranet_prefix", []) if isinstance(programme, dict) else None
        prefix = [prefix] if isinstance(prefix, str) else prefix
        if not isinstance(prefix, list) or not all(isinstance(p, str) and p.startswith("/") for p in prefix):
            raise SettingsError(f'{path}: [programmes."{name}"] intranet_prefix must be a path starting with "/".')
        prefixes[name] = prefix
    return Settings(
        **paths,
        attended_share=number("attendance", "attended_share", float, 0.5, 0.0, 1.0),
        visit_gap_minutes=number("intranet", "visit_gap_minutes", int, 30, 1, 24 * 60),
        window_days=number("intranet", "window_days", int, 14, 0, 366),
        timezone=str(timezone),
        min_cell=number("publication", "min_cell", int, 5, 1, 1000),
        feedback_questions=dict(questions),
        intranet_prefixes=prefixes,
        as_of=as_of,
        year_starts=_year_starts(section("periods").get("year_starts", "04-01"), path),
    )


def _year_starts(value, path: Path) -> str:
    """`[periods] year_starts` as MM-DD, a day every year has (29 February is not)."""
    try:
        if not isinstance(value, str) or len(value) != 5:
            raise ValueError
        datetime.strptime(f"2001-{value}", "%Y-%m-%d")
    except ValueError as error:
        raise SettingsError(f'{path}: [periods] year_starts = {value!r} must be a month and day as "MM-DD", e.g. "04-01".') from error
    return value
