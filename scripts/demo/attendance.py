"""Who came to each session, and how each export shows them."""

from __future__ import annotations

import random
import unicodedata
from collections import defaultdict
from datetime import date, datetime, timedelta

from scripts.demo.council import ALS, ALS_PLAN, DESK_BASED, DOMAIN, NICKNAMES, SNAPSHOTS
from scripts.demo.model import Appearance, Employee, Session, login_part, weighted_order

EXTERNALS = [
    ("Lena Fischer", "lena.fischer@partner.example.org"),
    ("Marcus Reid", "marcus@coachingco.example.com"),
    ("Dr Amara Osei", "amara.osei@nhs.example.net"),
    ("Tom Pryce", "tom.pryce@partner.example.org"),
    ("Helen Carr", "helen@mindful.example.com"),
    ("Jo Whitfield", "jo.whitfield@charity.example.org"),
]
DEVICES = ["iPhone", "Galaxy S23", "iPad", "Pixel 8", "HUAWEI P30"]
JOB_TITLES = {
    "Adults' Services": ["Social Worker", "Care Coordinator", "Occupational Therapist", "Support Worker"],
    "Children's Services": ["Social Worker", "Family Support Worker", "Education Officer", "Case Officer"],
    "Place": ["Technical Officer", "Library Assistant", "Operative", "Planning Officer", "Leisure Assistant"],
    "Resources": ["Finance Officer", "HR Adviser", "Analyst", "Customer Adviser", "Solicitor"],
    "Public Health": ["Public Health Officer", "Analyst", "Health Improvement Practitioner"],
    "Chief Executive's": ["Policy Officer", "Communications Officer", "Democratic Services Officer"],
}


class Attendance:
    """Who came to each session, and how each export shows them."""

    def __init__(
        self, seed: int, scale: int, snapshots: dict[date, list[Employee]], special: dict, sessions: list[Session]
    ):
        self.rng = random.Random(f"{seed}:attendance")
        self.scale = scale
        self.june = snapshots[SNAPSHOTS[1]]
        self.special = special
        self.sessions = sessions
        self.busy: dict[str, list[tuple[datetime, datetime]]] = defaultdict(list)
        # Some staff are keen: they come to several labs. Fixed per person so repeat attenders exist.
        self.keenness = {e.employee_id: self.rng.choices([1, 3, 9], weights=[72, 20, 8])[0] for e in self.june}
        self.result: dict[str, dict[str, list[Appearance]]] = {}
        self.unrecorded: dict[str, list[Employee]] = {}

    def build(self):
        for session in self.sessions:
            if not session.delivered or session.programme == ALS:
                continue
            people = self._choose(session)
            if not session.exports:
                self.unrecorded[session.session_id] = people
                continue
            self.result[session.session_id] = self._render(session, people)
        self._action_learning()
        return self.result, self.unrecorded

    # -- who comes ----------------------------------------------------------

    def _forced(self, session: Session) -> list[Employee]:
        s = self.special
        return {
            "LAW-01": s["week_leaver"] + s["shared_name"][1:],
            "LAW-05": [e for e in s["accented"] if e.first_name == "Zoë"],
            "LAW-19": s["shared_name"][:1] + s["nickname"],
            "LAW-13": s["phone"],
            "LAW-24": s["sam"],
            "LAW-02": [e for e in s["accented"] if e.first_name == "José"],
        }.get(session.session_id, [])

    def _choose(self, session: Session) -> list[Employee]:
        rng = self.rng
        share = rng.uniform(0.5, 0.72) if session.online else rng.uniform(0.8, 0.95)
        wanted = max(3, round(session.capacity * share))
        day = session.start.date()
        organisers = {id(e) for e in self.special["lod"]}
        candidates = [
            e
            for e in self.june
            if e.active_on(day) and (session.audience != "Managers" or e.is_manager) and id(e) not in organisers
        ]
        weights = []
        for e in candidates:
            weight = self.keenness[e.employee_id] * DESK_BASED[e.location]
            if not session.online:
                weight *= 6 if e.location == session.location else 0.7
            weights.append(weight)
        chosen, seen = [], set()
        for e in self._forced(session) + weighted_order(rng, candidates, weights):
            if len(chosen) >= wanted:
                break
            if id(e) in seen or any(a < session.end and session.start < b for a, b in self.busy[e.employee_id]):
                continue
            chosen.append(e)
            seen.add(id(e))
            self.busy[e.employee_id].append((session.start, session.end))
        return chosen

    # -- how the exports show them -----------------------------------------

    def _render(self, session: Session, people: list[Employee]) -> dict[str, list[Appearance]]:
        out = {}
        for kind in session.exports:
            if kind in ("teams", "teams_legacy", "zoom", "zoom_plain", "zoom_unique"):
                out[kind] = self._online(session, kind, people)
            elif kind.startswith("eventbrite"):
                out[kind] = self._eventbrite(session, people)
            else:
                booked = out.get("eventbrite_uk")
                out[kind] = self._signin(session, kind, people, booked)
        return out

    def _presence(self, session: Session, attended: bool) -> list[tuple[datetime, datetime]]:
        """Join/leave intervals clearly on one side of the 50% line, whichever way presence is read.

        Attended people are in for at least 65% of the scheduled length even if clipped;
        partial ones for at most a third even if not clipped.
        """
        rng, length = self.rng, session.seconds
        at_ = lambda seconds: session.start + timedelta(seconds=round(seconds))  # noqa: E731 - exports show whole seconds
        if not attended:
            stay = length * rng.uniform(0.1, 0.33)
            join = rng.uniform(0, length - stay)
            return [(at_(join), at_(join + stay))]
        join, leave = rng.uniform(-120, length * 0.1), length + rng.uniform(-length * 0.12, 180)
        if rng.random() < 0.18:  # dropped out and re-joined
            gap_start = join + (leave - join) * rng.uniform(0.3, 0.6)
            gap_end = gap_start + length * rng.uniform(0.03, 0.12)
            return [(at_(join), at_(gap_start)), (at_(gap_end), at_(leave))]
        return [(at_(join), at_(leave))]

    def _online(self, session: Session, kind: str, people: list[Employee]) -> list[Appearance]:
        rng = self.rng
        shown = []
        host = self.special["lod"][session.start.day % 2]
        if kind.startswith("teams") and all(p is not host for p in people):
            people = [host] + people
        for person in people:
            attended = person is host or rng.random() < 0.87
            app = Appearance(
                person, person.full_name, person.email, person.email, intervals=self._presence(session, attended)
            )
            if person is host:
                app.intervals = [
                    (
                        session.start - timedelta(minutes=rng.randint(3, 9)),
                        session.end + timedelta(minutes=rng.randint(1, 4)),
                    )
                ]
                app.role = "Organiser"
            if kind == "teams":
                if rng.random() < 0.15:
                    app.name = f"{person.last_name}, {person.first_name}"
                if rng.random() < 0.05:  # a mail alias that is not the roster's address; the UPN is
                    app.email = f"{login_part(person.first_name)[0]}.{login_part(person.last_name)}@{DOMAIN}"
            elif kind == "teams_legacy":
                app.email = app.upn = None
                app.name = without_accents(person.full_name) if person.first_name == "Zoë" else person.full_name
                if person in self.special["nickname"]:
                    app.name = f"{NICKNAMES[person.first_name]} {person.last_name}"
            elif kind.startswith("zoom"):
                app.upn = None
                if rng.random() < 0.1:
                    app.name = f"{person.first_name[:3]} ({person.full_name})"
                if person in self.special["phone"]:
                    app.email, app.name = None, person.full_name
                if person in self.special["sam"]:
                    app.email, app.name = None, "Sam's iPad"
            shown.append(app)
        if kind == "teams_legacy":  # left, came back for the last minutes, never logged leaving
            late = next(
                a
                for a in shown
                if a.role != "Organiser"
                and len(a.intervals) == 1
                and a.intervals[0][1] - a.intervals[0][0] > timedelta(seconds=session.seconds * 0.8)
            )
            join = late.intervals[0][0]
            late.intervals = [
                (join, session.end - timedelta(minutes=8)),
                (session.end - timedelta(minutes=4), session.end + timedelta(minutes=1)),
            ]
            late.open_ended = True
        shown += self._outsiders(session, kind)
        if session.session_id == "LAW-03":  # one join row with a date that does not exist
            twice = next(a for a in shown if len(a.intervals) == 2 and a.person is not None and a.email)
            twice.broken_join = 1
        rng.shuffle(shown)
        return sorted(shown, key=lambda a: a.intervals[0][0])

    def _outsiders(self, session: Session, kind: str) -> list[Appearance]:
        rng, out = self.rng, []
        if kind == "teams":
            for name, email in rng.sample(EXTERNALS, rng.randint(0, 2)):
                role = "Presenter" if not out else "Attendee"
                out.append(
                    Appearance(
                        None, f"{name} (External)", email, email, role=role, intervals=self._presence(session, True)
                    )
                )
        elif kind.startswith("zoom"):
            for device in rng.sample(DEVICES, rng.randint(1, 2)):
                out.append(Appearance(None, device, intervals=self._presence(session, rng.random() < 0.6)))
        return out

    def _eventbrite(self, session: Session, people: list[Employee]) -> list[Appearance]:
        """Bookings: most check in, some never come, some cancel; one ticket is transferred."""
        rng, out = self.rng, []
        for person in people:
            status = rng.choices(["Checked In", "Attending", "Not Attending"], weights=[80, 14, 6])[0]
            out.append(
                Appearance(
                    person,
                    person.full_name,
                    person.email,
                    status_text=status,
                    job_title=rng.choice(JOB_TITLES[person.directorate]),
                )
            )
        name, email = EXTERNALS[5]
        out.append(Appearance(None, name, email, status_text="Checked In", job_title="Volunteer Coordinator"))
        extra = {"LAW-10": ["Deleted", "Refunded"], "LAW-20": ["Transferred"], "LAW-25": ["Refunded"]}
        booked = {id(e) for e in people}
        spare = [
            e
            for e in self.june
            if e.active_on(session.start.date())
            and id(e) not in booked
            and (session.audience != "Managers" or e.is_manager)
        ]
        for status in extra.get(session.session_id, []):
            person = rng.choice(spare)
            out.append(
                Appearance(
                    person,
                    person.full_name,
                    person.email,
                    status_text=status,
                    job_title=rng.choice(JOB_TITLES[person.directorate]),
                )
            )
            if status == "Transferred":  # the ticket went to a colleague, who came
                colleague = rng.choice(spare)
                out.append(
                    Appearance(
                        colleague,
                        colleague.full_name,
                        colleague.email,
                        status_text="Checked In",
                        job_title=rng.choice(JOB_TITLES[colleague.directorate]),
                    )
                )
        return out

    def _signin(
        self, session: Session, kind: str, people: list[Employee], booked: list[Appearance] | None
    ) -> list[Appearance]:
        """A sheet printed from the bookings and ticked on the day, or a blank sheet people sign."""
        rng, out = self.rng, []
        if booked is not None:
            for app in booked:
                if app.person is None or app.status_text not in ("Checked In", "Attending"):
                    continue
                came = app.status_text == "Checked In" or rng.random() < 0.25  # check-in app missed them
                if app.status_text == "Checked In" and rng.random() < 0.04:
                    came = False  # forgot to tick: the Eventbrite check-in still wins
                out.append(self._signed(app.person, "Present" if came else "Absent"))
            on_list = {id(e) for e in people}
            walk_in = next(
                e
                for e in self.june
                if e.active_on(session.start.date()) and id(e) not in on_list and e.location == session.location
            )
            out.append(self._signed(walk_in, "Present"))
            return out
        for person in people:
            status = None if kind == "signin_nostatus" else ("Present" if rng.random() < 0.88 else "Absent")
            out.append(self._signed(person, status))
        return out

    def _signed(self, person: Employee, status: str | None) -> Appearance:
        by_email = self.rng.random() < 0.15
        return Appearance(
            person,
            person.full_name,
            person.email if by_email else None,
            employee_id=None if by_email else person.employee_id,
            status_text=status,
        )

    def _action_learning(self):
        """Sets of 8-9 managers; most miss at most one meeting, a few drop out."""
        rng = self.rng
        leaver = self.special["als_leaver"][0]
        others = [e for e in self.special["als"] if e is not leaver]
        sizes = [size for *_, size in ALS_PLAN]
        groups = [
            others[: sizes[0]],
            [leaver] + others[sizes[0] : sizes[0] + sizes[1] - 1],
            others[sizes[0] + sizes[1] - 1 :],
        ]
        for (cohort, *_), group in zip(ALS_PLAN, groups):
            meetings = [s for s in self.sessions if s.cohort == cohort and s.delivered]
            plan = {e.employee_id: set() for e in group}
            for e in group:
                if rng.random() < 0.45:
                    plan[e.employee_id].add(rng.randrange(len(meetings)))
            if cohort == "Set 1":
                plan[group[-1].employee_id] = set(range(2, len(meetings)))  # stopped coming after two
            if cohort == "Set 3":
                plan[group[-1].employee_id] = {1, 3}  # three of five: does not complete
            for number, meeting in enumerate(meetings):
                sheet = []
                for e in group:
                    if e is leaver and meeting.start.date() > leaver.leave_date:
                        continue
                    status = "Absent" if number in plan[e.employee_id] else "Present"
                    sheet.append(self._signed(e, status))
                self.result[meeting.session_id] = {meeting.exports[0]: sheet}

    def stray_meeting(self) -> tuple[str, datetime, list[Appearance], str]:
        """A Zoom meeting that is not in the catalogue: its file must be quarantined."""
        start = datetime(2025, 6, 4, 8, 30)
        fake = Session(
            "",
            "",
            "Team huddle - Highways",
            start,
            start + timedelta(minutes=30),
            "Zoom",
            audience="",
            capacity=0,
            cost=0,
            intranet_path="",
            topic="",
        )
        crew = [e for e in self.june if e.service == "Highways" and e.active_on(start.date())][:6]
        return fake.title, start, self._online(fake, "zoom", crew), crew[0].email


def without_accents(name: str) -> str:
    """Teams legacy reports from an old client drop accents: 'Zoë' becomes 'Zoe'."""
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
