"""Dates and times as the exports write them, day-first unless the file shows otherwise.

SPEC section 2: day-first (UK) unless the file shows month-first (a middle
number over 12 in one of its dates, or a US export's AM/PM clock). Where nothing
in the file settles it, the caller tries both orders against the matched
session's date (`orders_to_try`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

DAY_FIRST, MONTH_FIRST = "dmy", "mdy"

_STAMP = re.compile(
    r"""^\s*(?P<a>\d{1,4})[/.\-](?P<b>\d{1,2})[/.\-](?P<c>\d{1,4})
    (?:[\sT,]+(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?:\.\d+)?)?
    \s*(?P<ampm>[AaPp][Mm])?\s*(?P<zone>[A-Z]{1,5})?)?
    \s*(?P<offset>[+-]\d{1,2}(?::?\d{2})?)?\s*$""",
    re.VERBOSE,
)
# Zone abbreviations Google Forms and the meeting tools write after a time (hours from UTC). "GMT+1" is
# GMT with an offset after it. Another abbreviation is not guessed: the timestamp cannot be read.
ZONES = {"Z": 0, "UTC": 0, "GMT": 0, "BST": 1, "CET": 1, "CEST": 2, "WET": 0, "WEST": 1}


class BadTimestamp(ValueError):
    """A date or time that cannot be read in any order."""


def date_order(texts: Iterable[str | None]) -> str | None:
    """The order a file's dates are written in, or None when nothing in the file settles it."""
    day_first_seen = False
    for text in texts:
        match = _STAMP.match(text or "")
        if not match or len(match["a"]) == 4:
            continue
        first, middle = int(match["a"]), int(match["b"])
        # Only a date that is real in one order counts as evidence (31/13/2019 is real in neither).
        if match["ampm"] or (middle > 12 and first <= 12 and middle <= 31):
            return MONTH_FIRST
        if first > 12 and middle <= 12:
            day_first_seen = True
    return DAY_FIRST if day_first_seen else None


def orders_to_try(order: str | None) -> list[str]:
    """The file's own order, else both: day-first first, as a UK tool would read it."""
    return [order] if order else [DAY_FIRST, MONTH_FIRST]


def is_unambiguous(texts: Iterable[str | None]) -> bool:
    """True when every date is year-first (ISO), so the order cannot matter."""
    seen = [match for text in texts if (match := _STAMP.match(text or ""))]
    return all(len(match["a"]) == 4 for match in seen)


def parse_timestamp(text: str | None, order: str = DAY_FIRST) -> datetime | None:
    """A timestamp in the given order: naive (local) unless the text carries an offset.

    Returns None for a blank cell; raises BadTimestamp for text that is not a date.
    """
    if text is None or not str(text).strip() or str(text).strip() == "-":
        return None
    match = _STAMP.match(str(text))
    if not match:
        raise BadTimestamp(f"'{text}' is not a date and time")
    a, b, c = match["a"], match["b"], match["c"]
    if len(a) == 4:
        year, month, day = int(a), int(b), int(c)
    else:
        day, month = (int(a), int(b)) if order == DAY_FIRST else (int(b), int(a))
        year = int(c) + (2000 if len(c) <= 2 else 0)
    hour, minute, second = int(match["hour"] or 0), int(match["minute"] or 0), int(match["second"] or 0)
    if match["ampm"]:
        if hour > 12:
            raise BadTimestamp(f"'{text}' has an hour over 12 with AM/PM")
        hour = hour % 12 + (12 if match["ampm"].lower() == "pm" else 0)
    try:
        stamp = datetime(year, month, day, hour, minute, second)
    except ValueError as error:
        raise BadTimestamp(f"'{text}' is not a real date ({error})") from error
    zone = match["zone"]
    if zone and zone not in ZONES:
        known = ", ".join(ZONES)
        raise BadTimestamp(f"'{text}' has a time zone '{match['zone']}' that Uptake does not know (it reads {known})")
    if match["offset"]:
        return stamp.replace(tzinfo=_offset(match["offset"]))  # "GMT+1": the hours after GMT or UTC
    if zone:
        return stamp.replace(tzinfo=timezone(timedelta(hours=ZONES[zone])))
    return stamp


def timestamp_problem(text: str | None, column: str) -> str | None:
    """Why a timestamp cannot be read in either day/month order; None when it can (or is blank)."""
    if text is None:
        return None
    problems = []
    for order in (DAY_FIRST, MONTH_FIRST):
        try:
            parse_timestamp(text, order)
            return None
        except BadTimestamp as error:
            problems.append(str(error))
    # Drop Python's own detail ("(day is out of range for month)"): users fix the date, not the code.
    return f"{column} {_PYTHON_DETAIL.sub('', problems[0])}"


_PYTHON_DETAIL = re.compile(r"\s*\([^()]*\)$")


def local_time(text: str | None, order: str, zone: ZoneInfo) -> datetime | None:
    """A timestamp as local wall-clock time: an offset in the text is obeyed, then dropped."""
    stamp = parse_timestamp(text, order)
    if stamp is not None and stamp.tzinfo is not None:
        stamp = stamp.astimezone(zone).replace(tzinfo=None)
    return stamp


def exists_locally(stamp: datetime, zone: ZoneInfo) -> bool:
    """False for a wall-clock time the clocks skip (01:30 on the Sunday they go forward in London)."""
    there_and_back = stamp.replace(tzinfo=zone).astimezone(UTC).astimezone(zone).replace(tzinfo=None)
    return there_and_back == stamp


def _offset(text: str) -> timezone:
    sign = -1 if text.startswith("-") else 1
    digits = text[1:].replace(":", "")
    hours, minutes = (int(digits[:-2]), int(digits[-2:])) if len(digits) > 2 else (int(digits), 0)
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


_DURATION_PART = re.compile(r"(\d+(?:\.\d+)?)\s*(h|hr|hrs|hours?|m|min|mins|minutes?|s|sec|secs|seconds?)\b", re.I)


def parse_duration(text: str | None) -> float | None:
    """Seconds in "1h 3m 34s", "38m", "5s", "01:03:34"; None for a blank cell."""
    if text is None or not str(text).strip():
        return None
    text = str(text).strip()
    if re.fullmatch(r"\d{1,3}:\d{2}(:\d{2})?", text):
        parts = [int(part) for part in text.split(":")]
        parts = parts if len(parts) == 3 else [0, *parts]
        return float(parts[0] * 3600 + parts[1] * 60 + parts[2])
    found = _DURATION_PART.findall(text)
    if not found or _DURATION_PART.sub("", text).strip():
        raise BadTimestamp(f"'{text}' is not a duration")
    unit_seconds = {"h": 3600, "m": 60, "s": 1}
    return float(sum(float(value) * unit_seconds[unit[0].lower()] for value, unit in found))
