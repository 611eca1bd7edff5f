"""Which delivered session each feedback response is about, and which responses repeat one another.

SPEC section 2: a folder named after the session (`feedback/LAW-07/…`, the innermost first), else an
answer naming a session title or Session ID (a session correction of that answer
first). A title several sessions share goes to the one held on the day the
response was sent, else to the latest one delivered before it: people fill in a
form at the end of a session or in the days after it.

Dates: the file's own order, else the order that puts the most responses on their
session's date or in the `window_days` after it (day-first on a tie); if neither
order puts any there, the file's dated responses are quarantined.

A response to a session that was not delivered (cancelled, postponed, not yet
held) is quarantined too: every figure counts delivered sessions only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pandas as pd

from pipelines.defs.catalogue.lookup import Catalogue, title_key
from pipelines.formats.dates import DAY_FIRST, BadTimestamp, is_unambiguous, local_time, orders_to_try

# The column each tool writes the sending time in, to name it in a quarantine reason.
SUBMITTED_COLUMN = {"msforms": "Completion time", "google-forms": "Timestamp", "surveymonkey": "End Date"}


@dataclass(frozen=True)
class Matched:
    """One response's session and local sending time, or why it has none (`column` names what to fix)."""

    session_id: str | None
    submitted_at: datetime | None
    reason: str | None = None
    column: str | None = None


def match_responses(
    records: pd.DataFrame,
    file_name: str,
    file_format: str,
    file_order: str | None,
    catalogue: Catalogue,
    zone: ZoneInfo,
    window_days: int,
    session_question: str | None,
) -> list[Matched]:
    """A `Matched` per record of one file (records as `parse_feedback` returns them), in order."""
    records = records.astype(object).where(records.notna(), None)
    stamps = [text for text in records["submitted_text"] if text]
    orders = [DAY_FIRST] if is_unambiguous(stamps) else orders_to_try(file_order)
    submitted_column = SUBMITTED_COLUMN.get(file_format, "Submitted")
    trials = [
        [
            _match_one(catalogue, file_name, record, order, zone, submitted_column, session_question or "Session")
            for record in records.to_dict("records")
        ]
        for order in orders
    ]
    if len(trials) == 1:
        return trials[0]
    scores = [sum(_on_time(catalogue, matched, window_days) for matched in trial) for trial in trials]
    best = max(range(len(trials)), key=lambda index: (scores[index], -index))
    if scores[best] > 0:
        return trials[best]
    reason = (
        f"read day-first or month-first, none of the file's dates (such as '{stamps[0]}') falls on its session's date "
        f"or in the {window_days} days after it, so the date order cannot be told"
    )
    return [
        matched if text is None else Matched(None, None, reason, submitted_column)
        for matched, text in zip(trials[0], records["submitted_text"])
    ]


def _match_one(catalogue, file_name, record, order, zone, submitted_column, session_question) -> Matched:
    try:
        submitted_at = local_time(record["submitted_text"], order, zone)
    except BadTimestamp as problem:
        return Matched(None, None, f"{submitted_column} cannot be read: {problem}", submitted_column)
    chosen = choose_session(catalogue, file_name, record["session_answer"], submitted_at)
    if isinstance(chosen, str):
        return Matched(None, submitted_at, f"no session matched: {chosen}", session_question)
    return Matched(chosen.session_id, submitted_at)


def _on_time(catalogue: Catalogue, matched: Matched, window_days: int) -> bool:
    if matched.session_id is None or matched.submitted_at is None:
        return False
    held = catalogue.session(matched.session_id).start_at.date()
    return held <= matched.submitted_at.date() <= held + timedelta(days=window_days)


def choose_session(catalogue: Catalogue, file_name: str, answer: str | None, submitted_at: datetime | None):
    """The delivered catalogue row the response is about, or the reason in plain words (a str)."""
    row = _named(catalogue, file_name, answer, submitted_at)
    if isinstance(row, str) or row.delivered:
        return row
    why = f"it was {row.status}" if _known(row.status) else "it had not taken place when the figures were refreshed"
    return f"session {row.session_id} ('{row.title}') was not delivered ({why}), so its feedback does not count"


def _named(catalogue: Catalogue, file_name: str, answer: str | None, submitted_at: datetime | None):
    for folder in reversed(file_name.split("/")[1:-1]):  # the innermost folder first
        named = catalogue.corrected(folder) or folder
        row = catalogue.session(named)
        if row is not None:
            return row
        if why := catalogue.why_missing(named):
            return why
    if not answer:
        return (
            "the response does not say which session it is about: put the file in a folder named after "
            "the session (feedback/LAW-07/...), or name the session question in the [feedback] settings"
        )
    corrected = catalogue.corrected(answer)
    if corrected:
        row = catalogue.session(corrected)
        return (
            row
            if row is not None
            else f"the correction for '{answer}' names session {corrected}, which is not in the catalogue"
        )
    row = catalogue.session(answer)
    if row is not None:
        return row
    candidates = catalogue.by_title.get(title_key(answer), [])
    if not candidates:
        return f"no session in the catalogue is called or numbered '{answer}': add a session correction for it"
    if len(candidates) == 1:
        return candidates[0]
    return _shared_title(answer, candidates, submitted_at)


def _shared_title(answer: str, candidates: list, submitted_at: datetime | None):
    """Several sessions share the title: the one held that day, else the latest delivered before the response."""
    if submitted_at is None:
        return f"{len(candidates)} sessions are called '{answer}' and the response has no date to tell them apart"
    held = sorted((row for row in candidates if row.delivered), key=lambda row: row.start_at)
    same_day = [row for row in held if row.start_at.date() == submitted_at.date()]
    started = [row for row in (same_day or held) if row.start_at <= submitted_at]
    if started:
        return started[-1]
    if same_day:
        return same_day[0]  # answered just before it began
    return (
        f"{len(candidates)} sessions are called '{answer}' and none was held on or before "
        f"{submitted_at:%d %B %Y}, when the response was sent"
    )


def duplicates(responses: pd.DataFrame) -> list[str | None]:
    """For each response (in reading order), the `response_id` of the same response in an earlier export, else None.

    SPEC section 3: within one export every row is its own response. A response in another
    export is the same one when both have the same response ID and the same completion time
    (forms number their responses 1, 2, 3..., and a form reused as a template keeps its
    questions, so neither alone identifies a response), or, in exports without IDs, the same
    sending time (parsed, so '3/6/25 10:55' equals an XLSX date cell) and the same answers
    (`answers_fingerprint`). A response whose sending time is unknown cannot be told apart: it counts.
    """
    counted: dict[tuple, list[tuple[str, str]]] = {}  # identity -> (file, response_id) of each response counted
    repeated: set[tuple[str, str]] = set()  # (file, response_id counted) already repeated by a row of that file
    found = []
    for response in responses.to_dict("records"):
        identity, file = _identity(response), response["file"]
        earlier = [rid for origin, rid in counted.get(identity, []) if origin != file and (file, rid) not in repeated]
        original = earlier[0] if identity and earlier else None
        if original:
            repeated.add((file, original))
        elif identity:
            counted.setdefault(identity, []).append((file, response["response_id"]))
        found.append(original)
    return found


def _identity(response: dict) -> tuple | None:
    """What makes a response the same one in two exports; None when its sending time is unknown."""
    if not _known(response["submitted_at"]):
        return None
    sent = pd.Timestamp(response["submitted_at"])
    if _known(response["response_key"]):
        return ("id", response["response_key"], sent)
    return ("answers", sent, response["answers_fingerprint"])


def _known(value: object) -> bool:
    """Not blank: None, NaN, NaT and pandas' NA are all a missing value."""
    return value is not None and not pd.isna(value) and value != ""
