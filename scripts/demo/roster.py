"""The workforce: two HR snapshots and the people the story needs by name."""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import replace
from datetime import date, timedelta

from scripts.demo.council import (
    ACCENTED,
    AGE_BANDS,
    ALS_PLAN,
    CIVIC,
    DISABILITIES,
    DOMAIN,
    ETHNICITIES,
    FEMALE_NAMES,
    MALE_NAMES,
    MANAGER_GRADES,
    MANAGER_SHARE,
    NICKNAMES,
    ORGANISATION,
    ORIENTATIONS,
    SEXES,
    SHARED_NAME,
    SNAPSHOTS,
    STAFF_GRADES,
    SURNAMES,
)
from scripts.demo.model import Employee, fold, login_part, monday_on_or_before, pick


class Namer:
    """Unique full names (accent- and case-insensitively), unique usernames and e-mails."""

    def __init__(self, rng: random.Random, scale: int):
        self.rng, self.scale = rng, scale
        self.names: set[str] = set()
        self.usernames: Counter = Counter()
        self.emails: Counter = Counter()

    def name(self, sex: str) -> tuple[str, str]:
        firsts = FEMALE_NAMES if sex == "Female" else MALE_NAMES if sex == "Male" else FEMALE_NAMES + MALE_NAMES
        for _ in range(30 if self.scale == 1 else 3):  # beyond scale 1 the pool runs out: duplicates allowed
            first, last = self.rng.choice(firsts), self.rng.choice(SURNAMES)
            if fold(f"{first} {last}") not in self.names:
                break
        self.names.add(fold(f"{first} {last}"))
        return first, last

    def logins(self, first: str, last: str) -> tuple[str, str]:
        user = login_part(first)[0] + login_part(last)
        self.usernames[user] += 1
        local = f"{login_part(first)}.{login_part(last)}"
        self.emails[local] += 1
        user_suffix = "" if self.usernames[user] == 1 else str(self.usernames[user])
        mail_suffix = "" if self.emails[local] == 1 else str(self.emails[local])
        return user + user_suffix, f"{local}{mail_suffix}@{DOMAIN}"


def build_roster(seed: int, scale: int) -> tuple[dict[date, list[Employee]], dict[str, list[Employee]]]:
    """Two HR snapshots (1 April and 1 June 2025) and the people the story needs by name.

    Between the snapshots some staff leave and some join; one leaver goes during
    Learning at Work Week (after attending a lab), one action-learning member
    leaves in May, two people move directorate.
    """
    rng = random.Random(f"{seed}:roster")
    namer = Namer(rng, scale)
    namer.names.add(fold(" ".join(SHARED_NAME[:2])))
    for first, last, _ in ACCENTED:
        namer.names.add(fold(f"{first} {last}"))

    staff = 3000 * scale
    plans = ["staff"] * staff + ["left_before"] * (12 * scale) + ["joiner"] * (30 * scale)
    people = []
    for index, plan in enumerate(plans):
        sex = pick(rng, SEXES)
        if index < len(ACCENTED):
            first, last, sex = ACCENTED[index]
        elif index in (len(ACCENTED), len(ACCENTED) + 1):
            first, last, sex = SHARED_NAME
        else:
            first, last = namer.name(sex)
        people.append(_new_person(rng, namer, plan, first, last, sex))

    people.sort(key=lambda p: (p["start_date"], p["first_name"], p["last_name"]))
    number = 10000
    for person in people:
        number += rng.randint(1, 7)
        person["employee_id"] = f"E{number:05d}"

    # Staff who leave between the snapshots, chosen among April's staff.
    staying = [p for p in people if p["plan"] == "staff" and p["start_date"] <= SNAPSHOTS[0]]
    for person in rng.sample(staying, 24 * scale):
        person["plan"] = "left_between"
        person["leave_june"] = date(2025, 4, 4) + timedelta(days=rng.randrange(56))

    april, june = [], []
    for person in people:
        employee = Employee(**{k: v for k, v in person.items() if k in Employee.__dataclass_fields__})
        if person["plan"] != "joiner":
            april.append(employee)
        if person["plan"] != "left_before":
            june.append(replace(employee, leave_date=person.get("leave_june")))
    special = _story_people(rng, april, june)
    return {SNAPSHOTS[0]: april, SNAPSHOTS[1]: june}, special


def _new_person(rng: random.Random, namer: Namer, plan: str, first: str, last: str, sex: str) -> dict:
    directorate = pick(rng, {name: share for name, (share, _) in ORGANISATION.items()})
    services = ORGANISATION[directorate][1]
    service, _, locations = rng.choices(services, weights=[s[1] for s in services])[0]
    is_manager = rng.random() < MANAGER_SHARE
    age_band = pick(rng, AGE_BANDS)
    youngest = int(age_band[:2])
    tenure_cap = max(0.2, youngest - 17 + rng.random() * 8)
    tenure = min(rng.expovariate(1 / 8), tenure_cap, 39.0)
    if plan == "joiner":
        start = monday_on_or_before(date(2025, 4, 7) + timedelta(days=rng.randrange(52)))
        start += timedelta(days=1) if start in (date(2025, 5, 5), date(2025, 5, 26)) else timedelta()
    else:
        start = monday_on_or_before(SNAPSHOTS[0] - timedelta(days=int(tenure * 365.25) + 7))
    leave = date(2025, 1, 3) + timedelta(days=rng.randrange(84)) if plan == "left_before" else None
    if leave is not None:
        start = min(start, monday_on_or_before(leave - timedelta(days=60)))
    username, email = namer.logins(first, last)
    return {
        "plan": plan,
        "first_name": first,
        "last_name": last,
        "username": username,
        "email": email,
        "directorate": directorate,
        "service": service,
        "grade": pick(rng, MANAGER_GRADES if is_manager else STAFF_GRADES),
        "is_manager": is_manager,
        "location": pick(rng, locations),
        "start_date": start,
        "leave_date": leave,
        "fte": 1.0 if rng.random() < 0.78 else rng.choice([0.4, 0.5, 0.6, 0.7, 0.8, 0.9]),
        "sex": sex,
        "age_band": age_band,
        "ethnicity": pick(rng, ETHNICITIES),
        "disability": pick(rng, DISABILITIES),
        "sexual_orientation": pick(rng, ORIENTATIONS),
    }


def _story_people(rng: random.Random, april: list[Employee], june: list[Employee]) -> dict[str, list[Employee]]:
    """Pick (and where needed adjust) the people the demo's edge cases are about."""
    june_by_id = {e.employee_id: index for index, e in enumerate(june)}
    april_by_id = {e.employee_id: index for index, e in enumerate(april)}

    def update(employee: Employee, both: bool = True, **changes) -> Employee:
        june[june_by_id[employee.employee_id]] = replace(june[june_by_id[employee.employee_id]], **changes)
        if both and employee.employee_id in april_by_id:
            april[april_by_id[employee.employee_id]] = replace(april[april_by_id[employee.employee_id]], **changes)
        return june[june_by_id[employee.employee_id]]

    named = {(first, last) for first, last, _ in ACCENTED} | {SHARED_NAME[:2]}
    current = [
        e
        for e in june
        if e.leave_date is None and e.start_date <= SNAPSHOTS[0] and (e.first_name, e.last_name) not in named
    ]
    rng.shuffle(current)
    chosen: dict[str, list[Employee]] = {}
    # Three Learning & OD officers organise the online labs (Teams organiser, Zoom host).
    lod = [e for e in current if e.service == "HR & OD" and not e.is_manager][:3]
    chosen["lod"] = [update(e, grade="PO2") for e in lod]
    taken = {e.employee_id for e in lod}

    def take(condition, count: int = 1) -> list[Employee]:
        found = [e for e in current if e.employee_id not in taken and condition(e)][:count]
        taken.update(e.employee_id for e in found)
        return found

    # Leaves during the lab week, after attending one: linked, but not in the headcount.
    chosen["week_leaver"] = [
        update(e, both=False, leave_date=date(2025, 6, 6))
        for e in take(lambda e: e.location == CIVIC and not e.is_manager)
    ]
    chosen["movers"] = [
        update(e, both=False, directorate="Chief Executive's", service="Policy & Performance")
        for e in take(lambda e: e.directorate == "Resources" and e.service == "Finance", 2)
    ]
    managers = take(lambda e: e.is_manager and e.start_date < date(2024, 1, 1), sum(size for *_, size in ALS_PLAN))
    chosen["als_leaver"] = [update(managers[0], both=False, leave_date=date(2025, 5, 16))]
    chosen["als"] = chosen["als_leaver"] + managers[1:]
    chosen["nickname"] = take(lambda e: e.first_name in NICKNAMES and e.leave_date is None)
    chosen["sam"] = take(lambda e: e.first_name in ("Samuel", "Samira", "Samantha"))
    chosen["phone"] = take(lambda e: e.first_name not in NICKNAMES)
    chosen["accented"] = [e for e in june if (e.first_name, e.last_name) in named - {SHARED_NAME[:2]}]
    chosen["shared_name"] = [e for e in june if (e.first_name, e.last_name) == SHARED_NAME[:2]]
    for group in ("accented", "shared_name"):
        for e in chosen[group]:
            if e.leave_date is not None or e.start_date > SNAPSHOTS[0]:
                chosen[group][chosen[group].index(e)] = update(e, leave_date=None)
    return chosen
