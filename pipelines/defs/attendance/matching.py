"""Which catalogue session an attendance file is about, and in which order its dates are written.

SPEC section 2, first rule that applies: a Session ID column; a folder named after
the session (its ID, or a title only that session has; the innermost such folder);
the meeting title and date against the catalogue's Title and Start date (the title
alone where it is unique). Corrections of kind `session` come first: each value a
rule reads (a Session ID, a folder name, a meeting title) is replaced by the session
its correction names before the rule uses it. Where nothing in the file settles
day-first or month-first, the order that puts its dates on the matched session's
date wins; if neither does, its records are quarantined.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from pipelines.defs.catalogue.lookup import Catalogue, title_key
from pipelines.formats.dates import DAY_FIRST, BadTimestamp, is_unambiguous, orders_to_try, parse_timestamp


@dataclass
class Match:
    session_id: str | None
    order: str
    reason: str | None  # why nothing matched, in plain words


def match_group(
    catalogue: Catalogue,
    file_name: str,
    session_id: str | None,
    title: str | None,
    stamps: list[str],
    file_order: str | None,
) -> Match:
    """The session and date order of one group of records (a file, or one event of an Eventbrite export)."""
    orders = [DAY_FIRST] if is_unambiguous(stamps) else orders_to_try(file_order)
    chosen = _by_rules(catalogue, file_name, session_id, title)
    if isinstance(chosen, str):
        return Match(None, orders[0], chosen)
    if chosen is None:
        candidates = catalogue.by_title.get(title_key(title), [])
        for order in orders:
            on_date = [row for row in candidates if row.start_at.date() in _dates(stamps, order)]
            if len(on_date) == 1:
                return Match(on_date[0].session_id, order, None)
        if len(candidates) != 1:
            return Match(None, orders[0], _no_title_reason(title, candidates, bool(stamps)))
        chosen = candidates[0]
    return _check_order(chosen, stamps, orders, file_order)


def _by_rules(catalogue: Catalogue, file_name: str, session_id: str | None, title: str | None):
    """A catalogue row from the Session ID, the folder or a correction; a reason text; or None to try titles."""
    if session_id:
        named = catalogue.corrected(session_id) or session_id
        row = catalogue.session(named)
        return (
            row
            if row is not None
            else catalogue.why_missing(named) or f"Session ID '{session_id}' is not in the session catalogue"
        )
    for folder in reversed(file_name.split("/")[1:-1]):  # the innermost folder is the most specific
        named = catalogue.corrected(folder) or folder
        row = catalogue.session(named)
        titled = catalogue.by_title.get(title_key(folder), [])
        if row is None and len(titled) == 1:  # a folder named after a title only one session has
            row = titled[0]
        if row is not None:
            return row
        if why := catalogue.why_missing(named):
            return why
    corrected = catalogue.corrected(title)
    if corrected:
        row = catalogue.session(corrected)
        return (
            row
            if row is not None
            else f"the correction for '{title}' names session {corrected}, which is not in the catalogue"
        )
    return None


def _no_title_reason(title: str | None, candidates: list, dated: bool) -> str:
    if not title:
        return (
            "the file names no session: add a Session ID column, put the file in a folder named after "
            "the session (attendance/LAW-07/...), or add a session correction"
        )
    if not candidates:
        return f"no session in the catalogue is called '{title}': add a session correction for it"
    ids = ", ".join(sorted(row.session_id for row in candidates))
    where = "none is on the date of the file" if dated else "the file has no date to tell them apart"
    return (
        f"{len(candidates)} sessions are called '{title}' ({ids}) and {where}: "
        "put the file in a folder named after its session"
    )


def _check_order(row, stamps: list[str], orders: list[str], file_order: str | None) -> Match:
    if file_order or len(orders) == 1 or not stamps:
        return Match(row.session_id, orders[0], None)
    for order in orders:
        if row.start_at.date() in _dates(stamps, order):
            return Match(row.session_id, order, None)
    return Match(
        None,
        orders[0],
        "neither day-first nor month-first puts its dates on "
        f"{row.start_at.day} {row.start_at:%B %Y}, the date of session "
        f"{row.session_id}: check that the file belongs to that session",
    )


def _dates(stamps: list[str], order: str) -> set[date]:
    found = set()
    for text in stamps:
        try:
            stamp = parse_timestamp(text, order)
        except BadTimestamp:
            continue
        if stamp is not None:
            found.add(stamp.date())
    return found
