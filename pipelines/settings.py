"""Settings: one typed place, read once (SPEC section 1).

Precedence: a command-line option, then the UPTAKE_* environment variable, then
the default. Everything else comes from `uptake.toml`, all of it optional; any
other section or key, or a value of the wrong type, is a SettingsError (exit 2).
"""

from __future__ import annotations

import difflib
import os
import re
import tomllib
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DEFAULT_RAW, DEFAULT_WAREHOUSE, DEFAULT_REPORTS, DEFAULT_CONFIG = (
    "data/raw",
    "data/warehouse/uptake.duckdb",
    "reports",
    "uptake.toml",
)
# Every section and key uptake.toml may hold; [programmes."<name>"] takes any programme name.
KNOWN = {
    "attendance": ("attended_share",),
    "intranet": ("visit_gap_minutes", "window_days", "timezone"),
    "publication": ("min_cell", "grade_order"),
    "feedback": ("session", "rating", "recommend"),
    "programmes": ("intranet_prefix",),
    "refresh": ("as_of", "memory_limit"),
    "periods": ("year_starts",),
}
SIZE = re.compile(r"(\d+(?:\.\d+)?)\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)", re.IGNORECASE)
UNITS = {
    "b": 1,
    "kb": 10**3,
    "mb": 10**6,
    "gb": 10**9,
    "tb": 10**12,
    "kib": 2**10,
    "mib": 2**20,
    "gib": 2**30,
    "tib": 2**40,
}


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
    as_of: datetime | None = None  # local time in `timezone`
    memory_limit: int = 2 * 2**30  # bytes: the refresh process's peak resident memory
    grade_order: list[str] = field(default_factory=list)  # empty: the order grades first appear in the newest roster
    year_starts: str = "04-01"  # MM-DD

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
    if paths["warehouse"].is_dir():
        raise SettingsError(
            f"The warehouse {paths['warehouse']} is a folder: give --warehouse (or UPTAKE_WAREHOUSE) the DuckDB file, "
            f"such as {paths['warehouse'] / 'uptake.duckdb'}."
        )
    return _from_config(config, config_path, paths)


def _read_toml(path: Path, required: bool) -> dict:
    if path.is_dir():
        raise SettingsError(
            f"The settings file {path} is a folder: give --config (or UPTAKE_CONFIG) the uptake.toml file."
        )
    if not path.exists():
        if required:
            raise SettingsError(f"The settings file {path} does not exist.")
        return {}
    try:
        return tomllib.loads(path.read_text(encoding="utf-8-sig"))  # a BOM, as Notepad may save it, is read
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise SettingsError(f"The settings file {path} cannot be read: {error}") from error


def _check_names(config: dict, path: Path) -> None:
    """Every section and key is one of KNOWN: a misspelt one would otherwise be silently ignored."""
    every_key = {key: section for section, keys in KNOWN.items() if section != "programmes" for key in keys}
    for name, table in config.items():
        if not isinstance(table, dict):
            close = difflib.get_close_matches(name, list(every_key), n=1, cutoff=0.6)
            hint = f" (did you mean {close[0]} under [{every_key[close[0]]}]?)" if close else ""
            raise SettingsError(f"{path}: unknown setting {name} outside any section{hint}.")
        if name not in KNOWN:
            raise SettingsError(
                f"{path}: unknown section [{name}]{_hint(name, KNOWN)}; the sections are {_listed(KNOWN)}."
            )
        tables = table.items() if name == "programmes" else [("", table)]
        for programme, keys in tables:
            where = f'[programmes."{programme}"]' if programme else f"[{name}]"
            if not isinstance(keys, dict):
                raise SettingsError(f"{path}: {where} must be a table of settings.")
            for key in keys:
                if key not in KNOWN[name]:
                    known = KNOWN[name]
                    raise SettingsError(
                        f"{path}: unknown key {key} in {where}{_hint(key, known)}; its keys are {_listed(known)}."
                    )


def _hint(name: str, known) -> str:
    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    return f" (did you mean {close[0]}?)" if close else ""


def _listed(names) -> str:
    return ", ".join(names)


def _from_config(config: dict, path: Path, paths: dict) -> Settings:
    _check_names(config, path)

    def value(table: str, key: str, default):
        return config.get(table, {}).get(key, default)

    def number(table: str, key: str, kind: type, default, low, high):
        found = value(table, key, default)
        allowed = (int,) if kind is int else (int, float)  # a float where a whole number belongs is not truncated
        if isinstance(found, bool) or not isinstance(found, allowed) or not low <= found <= high:
            what = "a whole number" if kind is int else "a number"
            raise SettingsError(f"{path}: [{table}] {key} = {found!r} must be {what} from {low} to {high}.")
        return kind(found)

    def text(table: str, key: str, default: str) -> str:
        found = value(table, key, default)
        if not isinstance(found, str):
            raise SettingsError(f"{path}: [{table}] {key} = {found!r} must be text in quotes.")
        return found

    timezone = text("intranet", "timezone", "Europe/London")
    try:
        zone = ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise SettingsError(f"{path}: [intranet] timezone = {timezone!r} is not a known time zone.") from error
    questions = config.get("feedback", {})
    for key in questions:
        text("feedback", key, "")
    prefixes = {}
    for name, programme in config.get("programmes", {}).items():
        prefix = programme.get("intranet_prefix", [])
        prefix = [prefix] if isinstance(prefix, str) else prefix
        if not isinstance(prefix, list) or not all(isinstance(p, str) and p.startswith("/") for p in prefix):
            raise SettingsError(f'{path}: [programmes."{name}"] intranet_prefix must be a path starting with "/".')
        prefixes[name] = prefix
    grades = value("publication", "grade_order", [])
    if not isinstance(grades, list) or not all(isinstance(grade, str) and grade.strip() for grade in grades):
        raise SettingsError(
            f'{path}: [publication] grade_order must be a list of grades in pay order, such as ["SO1", "SO2", "PO1"].'
        )
    return Settings(
        **paths,
        attended_share=number("attendance", "attended_share", float, 0.5, 0.0, 1.0),
        visit_gap_minutes=number("intranet", "visit_gap_minutes", int, 30, 1, 24 * 60),
        window_days=number("intranet", "window_days", int, 14, 0, 366),
        timezone=timezone,
        min_cell=number("publication", "min_cell", int, 5, 1, 1000),
        feedback_questions=dict(questions),
        intranet_prefixes=prefixes,
        as_of=_as_of(value("refresh", "as_of", None), zone, path),
        memory_limit=_size(text("refresh", "memory_limit", "2GiB"), path),
        grade_order=list(grades),
        year_starts=_month_day(text("periods", "year_starts", "04-01"), path),
    )


def _as_of(found, zone: ZoneInfo, path: Path) -> datetime | None:
    """A pinned refresh moment in local time: one with an offset is converted to the time zone, not shown in UTC."""
    if found is None or isinstance(found, datetime):
        moment = found
    elif isinstance(found, date):
        moment = datetime(found.year, found.month, found.day)
    else:
        try:
            moment = datetime.fromisoformat(str(found))
        except ValueError as error:
            raise SettingsError(f"{path}: [refresh] as_of = {found!r} is not a date and time.") from error
    if moment is not None and moment.tzinfo is not None:
        moment = moment.astimezone(zone).replace(tzinfo=None)
    return moment


def _size(found: str, path: Path) -> int:
    match = SIZE.fullmatch(found.strip())
    size = int(float(match[1]) * UNITS[match[2].lower()]) if match else 0
    if size < 64 * 2**20:
        raise SettingsError(
            f'{path}: [refresh] memory_limit = {found!r} must be a size of at least 64MiB, such as "2GiB".'
        )
    return size


def _month_day(found: str, path: Path) -> str:
    try:
        date.fromisoformat(f"2001-{found}")  # a year without 29 February: a year must start every year
    except ValueError:
        raise SettingsError(
            f'{path}: [periods] year_starts = {found!r} must be a month and day as MM-DD, such as "04-01".'
        ) from None
    return found
