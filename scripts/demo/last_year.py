"""Last year, 2024/25, so that the demo tells a two-year story (SPEC section 5).

Built after this year's model and from its own random streams, so that this year's programmes and
figures stay exactly as they were: last year only adds people who had left by April 2025 (with names,
usernames and e-mails no one else has), two HR snapshots of 2024, and last year's programmes.

- Two 2024 snapshots: 1 April 2024 and 1 October 2024. Joiners appear between them and after; staff who
  left during 2024 are on them (with their leave date on the October one); Public Health was part of
  Adults' Services until a reorganisation on 1 September 2024; three people's sex is recorded as
  Non-binary (a group of fewer than five).
- Learning at Work Week 2024 (13-17 May 2024): one lab cancelled, one delivered with no attendance file.
- Coaching circles 2024/25: an hour and a half each month, May 2024 to March 2025.
- New managers' induction 2025: four sessions either side of 1 April 2025.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta

from scripts.demo.attendance import EXTERNALS
from scripts.demo.council import CIVIC, DOMAIN, FEMALE_NAMES, MALE_NAMES, SNAPSHOTS, SURNAMES
from scripts.demo.model import Appearance, Employee, Session, at, fold, login_part

LAST_YEAR_SNAPSHOTS = (date(2024, 4, 1), date(2024, 10, 1))
REORGANISATION = date(2024, 9, 1)  # Public Health became a directorate of its own
LAW_2024 = "Learning at Work Week 2024"
COACHING = "Coaching circles 2024/25"
INDUCTION = "New managers' induction 2025"
LAST_YEAR_PROGRAMMES = (LAW_2024, COACHING, INDUCTION)

# LAW 2024 labs: id, day of May 2024, start, end, title, location, capacity, cost, export.
LAW_2024_PLAN = [
    ("LW24-01", 13, "10:00", "11:00", "Opening talk: learning in the flow of work", "Microsoft Teams", 60, 0, "teams"),
    ("LW24-02", 13, "14:00", "15:30", "Writing for the web", CIVIC, 25, 450, "signin"),
    ("LW24-03", 14, "10:00", "11:00", "Sleep and energy", "Microsoft Teams", 60, 0, "teams"),
    ("LW24-04", 14, "13:00", "14:30", "First aid refresher", "Eastfield Hub", 20, 600, "signin"),
    ("LW24-05", 15, "10:00", "12:00", "Spreadsheets without tears", "Microsoft Teams", 40, 500, "teams"),
    ("LW24-06", 15, "14:00", "15:00", "Walking meeting in the park", "Parkside Leisure Centre", 15, 0, ""),
    ("LW24-07", 16, "09:30", "11:00", "Handling complaints well", "Central Library", 25, 450, "signin"),
    ("LW24-08", 16, "14:00", "15:00", "Introduction to mentoring", CIVIC, 20, 0, ""),
    ("LW24-09", 17, "10:00", "11:00", "Looking after your back", "Northgate Depot", 20, 300, "signin"),
    ("LW24-10", 17, "13:00", "14:00", "Week in review", "Microsoft Teams", 60, 0, "teams"),
]
LAW_2024_CANCELLED = "LW24-06"
LAW_2024_NO_FILE = "LW24-08"  # took place, but no one sent the sign-in sheet
INDUCTION_DAYS = (date(2025, 3, 12), date(2025, 3, 26), date(2025, 4, 9), date(2025, 4, 23))


def last_year(seed: int, scale: int, snapshots: dict[date, list[Employee]], sessions: list[Session]):
    """The 2024 snapshots, last year's sessions and who came, as (snapshots, sessions, attendance)."""
    rng = random.Random(f"{seed}:last-year")
    april_2025 = snapshots[SNAPSHOTS[0]]
    leavers = _leavers_of_2024(rng, scale, snapshots)
    undisclosed = [
        e.employee_id
        for e in sorted(april_2025, key=lambda e: e.employee_id)
        if e.sex == "Prefer not to say" and e.start_date <= LAST_YEAR_SNAPSHOTS[0]
    ]
    non_binary = set(undisclosed[:3])
    taken = {s.title for s in sessions}
    new_sessions = _catalogue(scale)
    assert not taken & {s.title for s in new_sessions}, "a title in both years would match files by title alone"
    snapshots_2024 = {day: _snapshot(day, april_2025, leavers, non_binary) for day in LAST_YEAR_SNAPSHOTS}
    every_snapshot = {**snapshots, **snapshots_2024}
    attendance = {}
    for session in new_sessions:
        if session.delivered and session.exports and session.programme != INDUCTION:
            attendance[session.session_id] = _attendance(rng, session, every_snapshot)
    attendance.update(_induction(rng, [s for s in new_sessions if s.programme == INDUCTION], every_snapshot))
    return snapshots_2024, new_sessions, attendance


def _leavers_of_2024(rng: random.Random, scale: int, snapshots: dict[date, list[Employee]]) -> list[Employee]:
    """Staff who left between April and December 2024: names, usernames and e-mails no one else has."""
    everyone = [e for snapshot in snapshots.values() for e in snapshot]
    names = {fold(e.full_name) for e in everyone} | {fold(name) for name, _ in EXTERNALS}
    logins = {value for e in everyone for value in (e.username.lower(), e.email.split("@")[0].lower())}
    leavers = []
    for number in range(280 * scale):
        sex = rng.choice(["Female", "Male"])
        first, last = _unique_name(rng, names, FEMALE_NAMES if sex == "Female" else MALE_NAMES, scale)
        user = _unique_login(login_part(first)[0] + login_part(last), logins)
        local = _unique_login(f"{login_part(first)}.{login_part(last)}", logins)
        template = rng.choice(snapshots[SNAPSHOTS[0]])
        leavers.append(
            replace(
                template,
                employee_id=f"E0{8000 + number:04d}",
                first_name=first,
                last_name=last,
                username=user,
                email=f"{local}@{DOMAIN}",
                sex=sex,
                start_date=date(2016, 1, 4) + timedelta(weeks=rng.randrange(400)),
                leave_date=date(2024, 4, 5) + timedelta(days=rng.randrange(260)),
            )
        )
    return leavers


def _unique_name(rng: random.Random, names: set[str], firsts: list[str], scale: int) -> tuple[str, str]:
    """A name no one else has; beyond scale 1 the pool runs out, and a few tries are enough (as roster.Namer)."""
    tries = 0
    while True:
        first, last = rng.choice(firsts), rng.choice(SURNAMES)
        tries += 1
        if fold(f"{first} {last}") not in names or (scale > 1 and tries >= 3):
            names.add(fold(f"{first} {last}"))
            return first, last


def _unique_login(base: str, taken: set[str]) -> str:
    login, number = base, 1
    while login in taken:
        number += 1
        login = f"{base}{number}"
    taken.add(login)
    return login


def _snapshot(day: date, april_2025: list[Employee], leavers: list[Employee], non_binary: set[str]) -> list[Employee]:
    """The workforce as HR's extract of `day` shows it: leave dates up to the day, last year's directorates."""
    out = []
    for e in april_2025 + leavers:
        if e.start_date > day or (e.leave_date is not None and e.leave_date < day - timedelta(days=92)):
            continue
        leave = e.leave_date if e.leave_date is not None and e.leave_date <= day else None
        changes = dict(leave_date=leave)
        if day < REORGANISATION and e.directorate == "Public Health":
            changes["directorate"] = "Adults' Services"
        if e.employee_id in non_binary:
            changes["sex"] = "Non-binary"
        out.append(replace(e, **changes))
    return out


def _catalogue(scale: int) -> list[Session]:
    sessions = []
    for sid, day, start, end, title, location, capacity, cost, export in LAW_2024_PLAN:
        on = date(2024, 5, day)
        sessions.append(
            Session(
                sid,
                LAW_2024,
                title,
                at(on, start),
                at(on, end),
                location,
                "All staff",
                capacity * scale,
                cost,
                "",
                "Learning at Work Week",
                status="cancelled" if sid == LAW_2024_CANCELLED else "",
                exports=(export,) if export else (),
            )
        )
    for number in range(11):
        on = date(2024 + (number + 5) // 13, (number + 4) % 12 + 1, 1)
        on += timedelta(days=(2 - on.weekday()) % 7 + 7)  # the second Wednesday
        sessions.append(
            Session(
                f"CC-{number + 1:02d}",
                COACHING,
                f"Coaching circle - {on:%B %Y}",
                at(on, "14:00"),
                at(on, "15:30"),
                "Microsoft Teams",
                "All staff",
                20 * scale,
                0,
                "",
                "Coaching & Mentoring",
                exports=("teams",),
            )
        )
    for number, on in enumerate(INDUCTION_DAYS, start=1):
        sessions.append(
            Session(
                f"NMI-{number:02d}",
                INDUCTION,
                f"New managers' induction - part {number}",
                at(on, "09:30"),
                at(on, "12:30"),
                CIVIC,
                "Managers",
                16 * scale,
                250,
                "",
                "Leadership & Management",
                cohort="Spring 2025",
                exports=("signin",),
            )
        )
    return sessions


def _attendance(rng: random.Random, session: Session, snapshots: dict[date, list[Employee]]) -> dict:
    """Who came, from the snapshot HR had then; online sessions timed, in-person ones signed for."""
    day = session.start.date()
    snapshot = snapshots[max(d for d in snapshots if d <= day)]
    pool = [e for e in snapshot if e.active_on(day) and (session.audience != "Managers" or e.is_manager)]
    share = rng.uniform(0.45, 0.7) if session.online else rng.uniform(0.7, 0.9)
    wanted = min(len(pool), max(3, round(session.capacity * share)))
    people = rng.sample(sorted(pool, key=lambda e: e.employee_id), wanted)
    kind = session.exports[0]
    if kind == "teams":
        return {kind: [_timed(rng, session, person) for person in people]}
    return {
        kind: [
            Appearance(
                person,
                person.full_name,
                employee_id=person.employee_id,
                status_text="Present" if rng.random() < 0.9 else "Absent",
            )
            for person in people
        ]
    }


def _induction(rng: random.Random, sessions: list[Session], snapshots: dict[date, list[Employee]]) -> dict:
    """One cohort of managers for all four parts (80% of four is all four): most come to every part, one
    stops after the second."""
    day = sessions[0].start.date()
    snapshot = snapshots[max(d for d in snapshots if d <= day)]
    managers = sorted(
        (e for e in snapshot if e.is_manager and all(e.active_on(s.start.date()) for s in sessions)),
        key=lambda e: e.employee_id,
    )
    cohort = rng.sample(managers, sessions[0].capacity - 2)
    attendance = {}
    for number, session in enumerate(sessions):
        sheet = []
        for person in cohort:
            came = not (person is cohort[-1] and number >= 2) and rng.random() < 0.96
            sheet.append(
                Appearance(
                    person,
                    person.full_name,
                    employee_id=person.employee_id,
                    status_text="Present" if came else "Absent",
                )
            )
        attendance[session.session_id] = {"signin": sheet}
    return attendance


def _timed(rng: random.Random, session: Session, person: Employee) -> Appearance:
    """Most stay to the end; about one in eight leaves early (partial)."""
    length = session.seconds
    join = session.start + timedelta(seconds=rng.randint(-120, 300))
    stay = length * (rng.uniform(0.15, 0.4) if rng.random() < 0.12 else rng.uniform(0.85, 1.0))
    leave = join + timedelta(seconds=round(stay))
    return Appearance(person, person.full_name, person.email, person.email, intervals=[(join, leave)])
