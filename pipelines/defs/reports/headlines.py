"""The seven headline figures of a programme, each with how it is counted (SPEC section 3, in plain
words) and the data it rests on. Text only: every number comes from marts.programme_reach or
marts.programme_sources.
"""

from __future__ import annotations

from dataclasses import dataclass

from pipelines.defs.reports import display
from pipelines.settings import Settings

# What each headline figure means, for the index's glossary.
DEFINITIONS = {
    "participants": (
        "Employees in the headcount who attended all or part of at least one delivered session, each counted once."
    ),
    "participation_pct": (
        "Participants divided by the headcount: the employees in post on the programme's last session date "
        "(only managers when every session was for managers)."
    ),
    "engaged_pct": "Employees who took part, sent feedback with their name, or visited the programme's intranet pages "
    "while signed in, divided by the headcount: the \u201cgot involved in some way\u201d figure.",
    "attendances": "People present for all or part of a session, counted once per session, guests included.",
    "visits_per_session": (
        "Visits to the programme's intranet pages during its window, divided by the sessions delivered."
    ),
    "nps": "Net Promoter Score: the % who said 9 or 10 out of 10 when asked how likely they are to recommend it, minus "
    "the % who said 0 to 6. It runs from \u2212100 to +100.",
    "cost_per_participant_gbp": "The cost of the delivered sessions divided by the participants.",
}


NO_LOG = "no intranet log covers the window"
NO_PAGES = "no intranet pages"


def log_coverage(sources: dict | None) -> str:
    """What the intranet logs cover of a programme's window, when some of its days have no log (else ""):
    "logs cover 15 May 2025 to 30 June 2025; 14 days of the window have no log"."""
    uncovered = (sources or {}).get("log_uncovered_days")
    if not uncovered:
        return ""
    if not sources.get("log_first_day"):
        return NO_LOG
    gap = f"{display.plural(uncovered, 'day', 'days')} of the window {'has' if uncovered == 1 else 'have'} no log"
    return f"logs cover {display.day(sources['log_first_day'])} to {display.day(sources['log_last_day'])}; {gap}"


@dataclass(frozen=True)
class Headline:
    key: str
    value: str
    label: str
    how: str  # how it is counted, with this programme's numbers
    data: str  # the data it rests on
    reason: str = ""  # why the value is not a figure, for a page that shows it without its how

    @property
    def muted(self) -> bool:
        return self.value in (display.NOT_AVAILABLE, display.NOT_KNOWN, "none")


def headlines(programme: dict, sources: dict | None, settings: Settings, as_of) -> list[Headline]:
    """The headline figures of one programme row of marts.programme_reach."""
    sources = sources or {}
    with_data = sources.get("sessions_with_attendance_data")
    delivered = display.plural(programme["sessions_delivered"], "delivered session", "delivered sessions")
    attendance_data = (
        f"attendance files for {display.count(with_data)} of {delivered}."
        if with_data is not None
        else f"attendance files for the {delivered}."
    )
    in_post = display.day(sources.get("headcount_date") or programme["last_session_date"])
    audience = "managers" if sources.get("managers_only") else "employees"
    roster = (
        f"HR roster of {display.day(sources['roster_snapshot_date'])}."
        if sources.get("roster_snapshot_date")
        else "HR roster."
    )
    response_rate = (
        ""
        if display.missing(programme["response_rate_pct"])
        else f" ({display.pct(programme['response_rate_pct'])} of attendances)"
    )
    return [
        Headline(
            "participants",
            display.count(programme["participants"]),
            "participants",
            f"{audience.capitalize()} who attended all or part of at least one session, each counted once.",
            attendance_data,
        ),
        Headline(
            "participation_pct",
            display.pct(programme["participation_pct"]),
            f"of {'managers' if sources.get('managers_only') else 'the workforce'} took part",
            f"{display.count(programme['participants'])} participants out of a headcount of "
            f"{display.count(programme['headcount'])} {audience} in post on {in_post}.",
            roster,
        ),
        Headline(
            "engaged_pct",
            display.pct(programme["engaged_pct"]),
            "got involved in some way",
            f"{display.count(programme['engaged_people'])} of the {display.count(programme['headcount'])} took part, "
            "gave feedback with their name or visited the programme's intranet pages signed in.",
            f"attendance, feedback and intranet logs up to {display.moment(as_of)}.",
        ),
        Headline(
            "attendances",
            display.count(programme["attendances"]),
            "attendances",
            "People present for all or part of a session, once per session, including "
            f"{display.plural(programme['guests'], 'guest', 'guests')} not on the HR roster."
            if programme["guests"]
            else "People present for all or part of a session, once per session; all of them on the HR roster.",
            attendance_data,
        ),
        _visits_per_session(programme, sources, settings),
        Headline(
            "nps",
            display.nps(programme["nps"]),
            "Net Promoter Score",
            "The % who would recommend it (9 or 10 out of 10) minus the % who would not (0 to 6), from −100 to +100."
            if not display.missing(programme["nps"])
            else "No feedback response said how likely they are to recommend it.",
            f"{display.plural(programme['feedback_responses'], 'feedback response', 'feedback responses')}"
            f"{response_rate}.",
        ),
        Headline(
            "cost_per_participant_gbp",
            display.gbp(programme["cost_per_participant_gbp"]),
            "cost per participant",
            f"The cost of the delivered sessions, {display.gbp(programme['total_cost_gbp'])}, over "
            f"{display.count(programme['participants'])} participants.",
            "session costs in the event catalogue.",
        ),
    ]


def _visits_per_session(programme: dict, sources: dict, settings: Settings) -> Headline:
    """Intranet visits per session: none without intranet pages, not known when no log covers the window, and
    "at least" when some days of the window have no log."""
    label = "intranet visits per session"
    if not sources.get("has_intranet_pages", True):
        how = "The programme has no intranet pages: no session has an Intranet Path and no prefix is set."
        return Headline("visits_per_session", "none", label, how, "the event catalogue and the settings.", NO_PAGES)
    window = (
        f"intranet logs, {display.day(sources['intranet_window_first_day'])} to "
        f"{display.day(sources['intranet_window_last_day'])} ({settings.window_days} days either side of the sessions)."
        if sources.get("intranet_window_first_day")
        else "intranet logs."
    )
    coverage = log_coverage(sources)
    if display.missing(programme["programme_visits"]):  # the mart's NULL: no log line on any day of the window
        how = f"Not known: {coverage or NO_LOG}, so its visits cannot be counted."
        return Headline("visits_per_session", display.NOT_KNOWN, label, how, window, coverage or NO_LOG)
    if coverage:
        window = window[:-1] + f"; {coverage}: the visits are at least those shown."
    at_least = "at least " if coverage else ""
    how = (
        f"{at_least.capitalize()}{display.plural(programme['programme_visits'], 'visit', 'visits')} to the programme's "
        f"pages over {display.plural(programme['sessions_delivered'], 'session', 'sessions')}. A visit is one person's "
        f"page views with no gap over {settings.visit_gap_minutes} minutes; robots left out."
    )
    value = at_least + display.decimal1(programme["visits_per_session"])
    return Headline("visits_per_session", value, label, how, window)
