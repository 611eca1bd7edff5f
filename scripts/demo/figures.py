"""The figures the pipeline should find, derived from the model by the SPEC's rules (never from the files).

One small function per figure, each reading a `Programme`: what every figure of one
programme needs (its delivered sessions, headcount, each attendee's strongest status),
worked out once.
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from scripts.demo.council import CANCELLED, LAW, LAW_PATH, NO_SHOW, PARTIAL, PRESENT, STRENGTH, WINDOW_DAYS
from scripts.demo.exports.weblogs import intranet_files
from scripts.demo.linking import Directory, programme_visits, status_of
from scripts.demo.model import Model, Response, Session

DEMO_PREFIXES = {LAW: LAW_PATH}  # as data/demo.toml sets [programmes."..."] intranet_prefix

Key = tuple[str, str]  # ("employee", employee ID) or ("guest", e-mail or name)


@dataclass
class Programme:
    """One programme as the figures see it."""

    model: Model
    directory: Directory
    sessions: list[Session]
    prefix: str | None
    delivered: list[Session] = field(init=False)
    headcount: set[str] = field(init=False)
    best: dict[tuple[str, Key], str] = field(init=False)  # (session, attendee) -> strongest status
    registered: set[tuple[str, Key]] = field(init=False)

    def __post_init__(self):
        self.delivered = [s for s in self.sessions if s.delivered]
        self.headcount = _headcount(self)
        self.best, self.registered = _statuses(self)

    @property
    def came(self) -> set[tuple[str, Key]]:
        return {pair for pair, status in self.best.items() if status in (PRESENT, PARTIAL)}

    @property
    def responses(self) -> list[Response]:
        return [r for r in self.model.responses if r.session in self.delivered]

    @property
    def paths(self) -> list[str]:
        return sorted({p.lower().rstrip("/") for p in [s.intranet_path for s in self.sessions] + [self.prefix] if p})


def _headcount(p: Programme) -> set[str]:
    """Employees active on the last session date, from the latest snapshot on or before it; managers only
    when every session is for managers."""
    last_day = max(s.start.date() for s in p.delivered)
    snapshot = max((d for d in p.model.snapshots if d <= last_day), default=min(p.model.snapshots))
    managers_only = all(s.audience == "Managers" for s in p.sessions)
    return {
        e.employee_id
        for e in p.model.snapshots[snapshot]
        if e.active_on(last_day) and (e.is_manager or not managers_only)
    }


def _statuses(p: Programme) -> tuple[dict, set]:
    """The strongest status of each (session, attendee), and the booked pairs."""
    best: dict[tuple[str, Key], str] = {}
    registered: set[tuple[str, Key]] = set()
    for s in p.delivered:
        for kind, apps in p.model.attendance.get(s.session_id, {}).items():
            for app in apps:
                employee = p.directory.link(app)
                key = ("employee", employee) if employee else ("guest", (app.email or app.name).strip().lower())
                status = status_of(app, kind, s)
                if status is None:
                    continue
                pair = (s.session_id, key)
                if STRENGTH[status] > STRENGTH.get(best.get(pair), -1):
                    best[pair] = status
                if (kind.startswith("eventbrite") and status != CANCELLED) or (
                    kind in ("signin", "signin_xlsx") and app.status_text
                ):
                    registered.add(pair)
    return best, registered


def participant_ids(p: Programme) -> set[str]:
    return {key[1] for _, key in p.came if key[0] == "employee" and key[1] in p.headcount}


def sessions_delivered(p: Programme) -> int:
    return len(p.delivered)


def delivered_without_attendance(p: Programme) -> list[str]:
    return sorted(s.session_id for s in p.delivered if s.session_id not in p.model.attendance)


def headcount(p: Programme) -> int:
    return len(p.headcount)


def participants(p: Programme) -> int:
    return len(participant_ids(p))


def participation_pct(p: Programme) -> float:
    return round(100 * participants(p) / headcount(p), 2)


def attendances(p: Programme) -> int:
    return len(p.came)


def guests(p: Programme) -> int:
    return sum(1 for _, key in p.came if key[0] == "guest")


def registrations(p: Programme) -> int:
    return len(p.registered)


def no_shows(p: Programme) -> int:
    return sum(1 for pair in p.registered if p.best[pair] == NO_SHOW)


def feedback_responses(p: Programme) -> int:
    return len(p.responses)


def avg_rating(p: Programme) -> float | None:
    ratings = [r.rating for r in p.responses if 1 <= r.rating <= 5]
    return round(sum(ratings) / len(ratings), 3) if ratings else None


def nps(p: Programme) -> float | None:
    scores = [r.recommend for r in p.responses]
    if not scores:
        return None
    return round(100 * (sum(v >= 9 for v in scores) - sum(v <= 6 for v in scores)) / len(scores), 2)


def total_cost_gbp(p: Programme) -> int:
    return sum(s.cost for s in p.delivered)


def _window(p: Programme) -> tuple[datetime, datetime]:
    first_day, last_day = min(s.start.date() for s in p.delivered), max(s.start.date() for s in p.delivered)
    return (
        datetime.combine(first_day - timedelta(days=WINDOW_DAYS), time()),
        datetime.combine(last_day + timedelta(days=WINDOW_DAYS + 1), time()),
    )


def intranet(p: Programme) -> dict:
    """Programme visits, page views and unique visitors in the window; authenticated visitors in the headcount."""
    visits, page_views, visitors = programme_visits(p.model.requests, p.paths, *_window(p))
    return {
        "programme_visits": visits,
        "page_views": page_views,
        "unique_visitors": len(visitors),
        "authenticated_visitors_in_headcount": len(_visiting_employees(p, visitors) & p.headcount),
    }


def _visiting_employees(p: Programme, visitors: set[str]) -> set[str | None]:
    return {p.directory.link_user(v) for v in visitors if not v.startswith("ip:")}


def engaged_ids(p: Programme) -> set[str]:
    """Participants, or identified feedback, or an authenticated programme visit; in the headcount."""
    identified = set()
    for r in p.responses:
        found = p.directory.by_email.get(r.email.strip().lower(), set())
        if len(found) == 1:
            identified |= found
    visitors = _visiting_employees(p, programme_visits(p.model.requests, p.paths, *_window(p))[2]) if p.paths else set()
    return participant_ids(p) | ((identified | visitors) & p.headcount)


def engaged_people(p: Programme) -> int:
    return len(engaged_ids(p))


def engaged_pct(p: Programme) -> float:
    return round(100 * engaged_people(p) / headcount(p), 2)


def cohorts(p: Programme) -> dict[str, dict]:
    """Members (headcount employees booked for or present at a meeting) and who completed (80% of meetings)."""
    out = {}
    for cohort in sorted({s.cohort for s in p.delivered if s.cohort}):
        meetings = [s.session_id for s in p.delivered if s.cohort == cohort]
        members: dict[str, int] = {}
        for (sid, key), status in p.best.items():
            if sid in meetings and key[0] == "employee" and key[1] in p.headcount:
                members.setdefault(key[1], 0)
                members[key[1]] += status in (PRESENT, PARTIAL)
        completed = sum(1 for n in members.values() if n >= 0.8 * len(meetings))
        out[cohort] = {
            "meetings_held": len(meetings),
            "members": len(members),
            "completed_members": completed,
            "completion_pct": round(100 * completed / len(members), 2) if members else None,
        }
    return out


FIGURES = [
    sessions_delivered,
    delivered_without_attendance,
    headcount,
    participants,
    participation_pct,
    attendances,
    guests,
    registrations,
    no_shows,
    feedback_responses,
    avg_rating,
    nps,
    total_cost_gbp,
]


def expected_figures(model: Model, prefixes: dict[str, str] | None = None) -> dict[str, dict]:
    """Headline figures of each programme by the SPEC's definitions.

    `prefixes` are the programmes' intranet_prefix settings (default: the demo's). Every
    landing-page view shares its visit with a lab page, so they change page views only.
    """
    prefixes = DEMO_PREFIXES if prefixes is None else prefixes
    directory = Directory(model)
    figures = {}
    for name in dict.fromkeys(s.programme for s in model.sessions):  # in catalogue order
        p = Programme(model, directory, [s for s in model.sessions if s.programme == name], prefixes.get(name))
        figure = {f.__name__: f(p) for f in FIGURES}
        if p.paths:
            figure.update(intranet(p))
        figure.update(engaged_people=engaged_people(p), engaged_pct=engaged_pct(p))
        if any(s.cohort for s in p.sessions):
            figure["cohorts"] = cohorts(p)
        figures[name] = figure
    return figures


def expected_log_lines(model: Model) -> dict[str, dict[str, int]]:
    """Per intranet file: lines read, and lines that record no request (garbage, or Apache's '"-"' 408s)."""
    files = intranet_files(model, None, None)
    out = {}
    for name, data in files.items():
        text = (gzip.decompress(data) if name.endswith(".gz") else data).decode("utf-8")
        lines = [line for line in text.splitlines() if not line.startswith("#")]
        garbage = len(model.garbage[name.split("/")[-1]])
        out[name] = {"lines": len(lines), "not_requests": garbage + sum(' "-" 408 ' in line for line in lines)}
    return out


# -- the year (SPEC section 5) ------------------------------------------------------


def headcount_on(model: Model, day) -> set[str]:
    """Employees active on `day`, from the latest snapshot on or before it (the earliest if none is)."""
    snapshot = max((d for d in model.snapshots if d <= day), default=min(model.snapshots))
    return {e.employee_id for e in model.snapshots[snapshot] if e.active_on(day)}


def period_sessions(model: Model, start, to_date, cut: datetime) -> list[Session]:
    """Delivered sessions whose Start date is in the period up to its to date, started by the cut."""
    return [s for s in model.sessions if s.delivered and start <= s.start.date() <= to_date and s.start <= cut]


def period_figures(model: Model, start, to_date, cut: datetime) -> dict:
    """Headcount, sessions, participants and attendances of a period cut, whatever the programme."""
    sessions = period_sessions(model, start, to_date, cut)
    if not sessions:
        return {
            "headcount": len(headcount_on(model, to_date)),
            "sessions_delivered": 0,
            "participants": 0,
            "attendances": 0,
        }
    p = Programme(model, Directory(model), sessions, None)
    people = headcount_on(model, to_date)
    return {
        "headcount": len(people),
        "sessions_delivered": len(sessions),
        "participants": len({key[1] for _, key in p.came if key[0] == "employee" and key[1] in people}),
        "attendances": len(p.came),
    }
