"""How figures are written on a page: formatting, small-number suppression, CSV safety.

Nothing here computes a figure; it only decides how a figure a mart holds is shown.
"""

from __future__ import annotations

import math
import re
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

SUPPRESSED = "[c]"
NOT_AVAILABLE = "not available"
NOT_KNOWN = "not known"  # a figure the data cannot give (no log, no sign-in sheet), never shown as 0
# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def whole(value) -> int:
    """Rounded half away from zero, as people round (2.5 -> 3, -2.5 -> -3)."""
    return int(Decimal(str(value)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def count(value) -> str:
    return NOT_AVAILABLE if missing(value) else f"{int(value):,}"


def pct(value) -> str:
    return NOT_AVAILABLE if missing(value) else f"{whole(value)}%"


def nps(value) -> str:
    if missing(value):
        return NOT_AVAILABLE
    score = whole(value)
    return f"+{score}" if score > 0 else str(score)


def pct1(value) -> str:
    """A share to one decimal place ('48.6%'), where whole numbers would not add up (NPS shares)."""
    return NOT_AVAILABLE if missing(value) else f"{decimal1(value)}%"


def gbp(value) -> str:
    return NOT_AVAILABLE if missing(value) else f"£{whole(value):,}"


def decimal1(value) -> str:
    if missing(value):
        return NOT_AVAILABLE
    return f"{Decimal(str(value)).quantize(Decimal('0.1'), rounding=ROUND_HALF_UP):,}"


def day(value) -> str:
    """'3 June 2025', as GOV.UK writes dates."""
    if missing(value):
        return NOT_AVAILABLE
    return f"{value.day} {value:%B %Y}"


def moment(value: datetime) -> str:
    """'30 June 2025 at 6pm', or '30 June 2025 at 9:30am'."""
    if not isinstance(value, datetime):
        return day(value)
    hour = value.hour % 12 or 12
    minutes = f":{value.minute:02d}" if value.minute else ""
    return f"{day(value)} at {hour}{minutes}{'am' if value.hour < 12 else 'pm'}"


def session_time(value: datetime) -> str:
    """'Tue 3 June 2025, 2pm': the day as `day` writes it, with its weekday and time."""
    hour = value.hour % 12 or 12
    minutes = f":{value.minute:02d}" if value.minute else ""
    return f"{value:%a} {day(value)}, {hour}{minutes}{'am' if value.hour < 12 else 'pm'}"


def file_ref(file, sha256) -> str:
    """A file as a page may name it: its top folder and a short hash of its content, never its name, which is
    text from an export and may name a person ('attendance/, file 3f2a9c1b')."""
    folder = str(file).split("/")[0] if not missing(file) else ""
    return f"{folder}/, file {str(sha256)[:8]}" if not missing(sha256) else f"{folder}/"


def neutralise(cell) -> str:
    """A CSV cell that a spreadsheet will show as text, never run as a formula."""
    text = "" if missing(cell) else str(cell)
    return "'" + text if text.startswith(FORMULA_START) else text


def slugs(names) -> dict[str, str]:
    """A distinct URL-safe name for each name ('Learning at Work Week 2025' -> 'learning-at-work-week-2025')."""
    taken: dict[str, str] = {}
    for name in names:
        base = re.sub(r"[^a-z0-9]+", "-", str(name).lower()).strip("-") or "page"
        candidate, number = base, 2
        while candidate in taken.values():
            candidate, number = f"{base}-{number}", number + 1
        taken[name] = candidate
    return taken


def plural(number, one: str, many: str) -> str:
    """'1 visit', '3 visits': the count written with the word that fits it."""
    return f"{count(number)} {one if number == 1 else many}"


def sentence(text) -> str:
    """A phrase as a sentence: ends with a full stop unless it already ends a sentence."""
    text = "" if missing(text) else str(text).strip()
    if text[:1].islower():
        text = text[0].upper() + text[1:]
    return text if not text or text.endswith((".", "!", "?")) else text + "."


# The ten-things figures by name; unknown ones are shown by their metric name.
FIGURE_NAMES = {
    "participants": "Participants",
    "engaged_pct": "Engaged (% of headcount)",
    "participation_pct": "Workforce participation",
    "cohort_completion_pct": "Cohort completion",
    "programme_visits": "Intranet visits",
    "sessions_delivered": "Sessions delivered",
    "busiest_session": "Attendances at the busiest session",
    "cost_per_participant_gbp": "Cost per participant",
    "avg_rating": "Average rating (out of 5)",
    "nps": "Net Promoter Score",
    "repeat_attenders": "Repeat attenders (two or more sessions)",
    "managers_participation_pct": "Managers' participation",
    "satellite_share_pct": "Share of in-person attendances at satellite sites",
    "attendances": "Attendances",
    "response_rate_pct": "Feedback response rate",
    "no_show_rate_pct": "No-show rate",
    "fill_rate_pct": "Fill rate",
}


def figure_name(metric: str) -> str:
    return FIGURE_NAMES.get(metric, str(metric).replace("_", " ").capitalize())


def figure_value(value, metric: str) -> str:
    """A ten-things value written as its kind of figure: a percentage, an NPS, money, a rating or a count."""
    metric = str(metric)
    if metric.endswith("_pct"):
        return pct(value)
    if metric == "nps":
        return nps(value)
    if metric.endswith("_gbp"):
        return gbp(value)
    if metric == "avg_rating":
        return decimal1(value)
    return count(value)


FILTERS = {
    "count": count,
    "pct": pct,
    "pct1": pct1,
    "nps": nps,
    "gbp": gbp,
    "decimal1": decimal1,
    "day": day,
    "moment": moment,
    "session_time": session_time,
    "sentence": sentence,
    "plural": plural,
    "file_ref": file_ref,
    "figure_name": figure_name,
    "figure_value": figure_value,
}
