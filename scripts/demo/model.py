"""What really happened, held in memory: employees, sessions, appearances, responses, requests."""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from scripts.demo.council import AS_OF, ONLINE_LOCATIONS


@dataclass
class Employee:
    employee_id: str
    first_name: str
    last_name: str
    username: str
    email: str
    directorate: str
    service: str
    grade: str
    is_manager: bool
    location: str
    start_date: date
    leave_date: date | None
    fte: float
    sex: str
    age_band: str
    ethnicity: str
    disability: str
    sexual_orientation: str

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    def active_on(self, day: date) -> bool:
        return self.start_date <= day and (self.leave_date is None or self.leave_date >= day)


@dataclass
class Session:
    session_id: str
    programme: str
    title: str
    start: datetime
    end: datetime
    location: str
    audience: str
    capacity: int
    cost: int
    intranet_path: str
    topic: str
    cohort: str = ""
    status: str = ""
    exports: tuple[str, ...] = ()

    @property
    def online(self) -> bool:
        return self.location in ONLINE_LOCATIONS

    @property
    def delivered(self) -> bool:
        return self.start <= AS_OF and self.status not in ("cancelled", "postponed")

    @property
    def seconds(self) -> float:
        return (self.end - self.start).total_seconds()


@dataclass
class Appearance:
    """One person as one export shows them at one session."""

    person: Employee | None  # who it really is; None for someone from outside the council
    name: str
    email: str | None = None
    upn: str | None = None
    employee_id: str | None = None
    intervals: list[tuple[datetime, datetime]] = field(default_factory=list)
    role: str = "Attendee"
    status_text: str | None = None  # Eventbrite Attendee Status, or a sign-in sheet's Status
    broken_join: int | None = None  # this join is written with an impossible date (quarantined)
    open_ended: bool = False  # Teams legacy: the last join has no Left row
    job_title: str = ""


@dataclass
class Response:
    """One feedback form response, possibly present in two exports."""

    response_id: int
    form: str  # msforms / google / surveymonkey
    session: Session
    person: Employee | None
    email: str  # as the export shows it: "", "anonymous" or an address
    started: datetime
    submitted: datetime
    rating: int  # 1-5; 7 is the one unreadable answer
    recommend: int
    comment: str
    topics: list[str]
    exports: tuple[str, ...] = ()


@dataclass(slots=True)
class Request:
    when: datetime  # local time
    ip: str
    user: str | None  # as the server logs it
    method: str
    target: str  # path with query string
    status: int
    size: int | None
    referer: str | None
    agent: str
    server: str  # apache / iis


@dataclass
class Model:
    seed: int
    scale: int
    snapshots: dict[date, list[Employee]]
    sessions: list[Session]
    attendance: dict[str, dict[str, list[Appearance]]]
    unrecorded: dict[str, list[Employee]]  # came to a session whose attendance was never exported
    stray_meeting: tuple[str, datetime, list[Appearance], str]  # matches no session: quarantined
    responses: list[Response]
    requests: list[Request]
    garbage: dict[str, list[str]]  # intranet file -> lines that are not requests
    corrections: list[tuple[str, str, str]]
    lod_team: list[Employee]

    def session(self, session_id: str) -> Session:
        return next(s for s in self.sessions if s.session_id == session_id)

    @property
    def employees(self) -> dict[str, Employee]:
        """Every employee of any snapshot, the latest attributes winning."""
        return {e.employee_id: e for day in sorted(self.snapshots) for e in self.snapshots[day]}


# ---------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------


def pick(rng: random.Random, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def fold(text: str) -> str:
    """Lower case without accents: 'Zoë' and 'zoe' are the same name."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).lower()


def plain_name(name: str) -> str:
    """A name as the SPEC links it: 'Last, First' read as 'First Last', guest suffixes dropped."""
    for suffix in ("(External)", "(Guest)"):
        name = name.replace(suffix, "")
    if "," in name:
        last, first = name.split(",", 1)
        name = f"{first} {last}"
    return " ".join(fold(name).split())


def login_part(text: str) -> str:
    return "".join(c for c in fold(text) if c.isalnum())


def weighted_order(rng: random.Random, items: list, weights: list[float]) -> list:
    """Items in a random order where heavier items tend to come first (sampling without replacement)."""
    keyed = [(rng.random() ** (1.0 / w), index) for index, w in enumerate(weights) if w > 0]
    keyed.sort(reverse=True)
    return [items[index] for _, index in keyed]


def at(day: date, hhmm: str) -> datetime:
    hours, minutes = hhmm.split(":")
    return datetime.combine(day, time(int(hours), int(minutes)))


def monday_on_or_before(day: date) -> date:
    return day - timedelta(days=day.weekday())
