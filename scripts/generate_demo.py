"""Seeded demo data: a believable council's exports, written byte for byte as the real tools write them.

    python -m scripts.generate_demo --out data/raw --seed 2025 [--scale 1|10|100] [--log-lines N]

Why a generator rather than hand-made files: the demo must be big enough to tell
the SPEC's stories (26 labs, over 500 participants, 48% engaged, action learning
sets that mostly complete) yet reproducible, and the benchmarks need the same
shapes at 10 and 100 times the size. The same seed gives byte-identical files: no
clock is read, no set is iterated, zip and gzip timestamps are fixed.

The generator keeps an in-memory model of what really happened (who came, who
booked, who visited the intranet, who answered a form) and renders it into the
export formats of SPEC section 2, quirks included (see /work/shared/formats).
`expected_figures(model)` derives from that model, by the SPEC's rules, the
headline figures the pipeline should reproduce from the files alone.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import io
import math
import random
import unicodedata
import zipfile
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from pathlib import Path

DOMAIN = "example.gov.uk"
NETBIOS = "EXAMPLE"
INTRANET = "https://intranet.example.gov.uk"
AS_OF = datetime(2025, 6, 30, 23, 59)
SNAPSHOTS = (date(2025, 4, 1), date(2025, 6, 1))
LOG_FIRST_DAY, LOG_LAST_DAY = date(2025, 5, 15), date(2025, 6, 30)
LOG_ROTATED = date(2025, 6, 16)  # logrotate ran that morning: earlier lines are in the .gz
ROTATED_LOG = f"access.log-{LOG_ROTATED:%Y%m%d}.gz"
BST = timedelta(hours=1)  # every date of the demo falls in British Summer Time
WINDOW_DAYS = 14
ATTENDED_SHARE = 0.5

LAW = "Learning at Work Week 2025"
ALS = "Action Learning Sets 2025"
DC = "Disability Confident 2025"
PROGRAMMES = (LAW, ALS, DC)

CIVIC = "Civic Centre"

# Directorate: (share of staff, [(service, share, {location: share})])
ORGANISATION = {
    "Adults' Services": (0.23, [
        ("Adult Social Care", 0.35, {CIVIC: 0.6, "Eastfield Hub": 0.4}),
        ("Reablement", 0.2, {CIVIC: 0.3, "Eastfield Hub": 0.7}),
        ("Safeguarding Adults", 0.15, {CIVIC: 1}),
        ("Commissioning", 0.15, {CIVIC: 1}),
        ("Occupational Therapy", 0.15, {CIVIC: 0.5, "Eastfield Hub": 0.5}),
    ]),
    "Children's Services": (0.25, [
        ("Children's Social Care", 0.35, {CIVIC: 0.7, "Eastfield Hub": 0.3}),
        ("Early Help", 0.2, {"Eastfield Hub": 0.6, CIVIC: 0.4}),
        ("Education & Inclusion", 0.2, {CIVIC: 1}),
        ("Fostering & Adoption", 0.1, {CIVIC: 1}),
        ("SEND Services", 0.15, {CIVIC: 1}),
    ]),
    "Place": (0.27, [
        ("Highways", 0.15, {"Northgate Depot": 1}),
        ("Waste & Recycling", 0.25, {"Riverside Depot": 1}),
        ("Parks & Open Spaces", 0.12, {"Riverside Depot": 0.7, "Northgate Depot": 0.3}),
        ("Planning", 0.08, {CIVIC: 1}),
        ("Libraries", 0.15, {"Central Library": 0.5, "Westfield Library": 0.25, "Eastbrook Library": 0.25}),
        ("Leisure", 0.1, {"Parkside Leisure Centre": 1}),
        ("Housing", 0.08, {CIVIC: 1}),
        ("Regulatory Services", 0.07, {CIVIC: 1}),
    ]),
    "Resources": (0.15, [
        ("Finance", 0.18, {CIVIC: 1}),
        ("HR & OD", 0.12, {CIVIC: 1}),
        ("ICT & Digital", 0.15, {CIVIC: 1}),
        ("Legal Services", 0.08, {CIVIC: 1}),
        ("Revenues & Benefits", 0.2, {CIVIC: 1}),
        ("Customer Services", 0.2, {CIVIC: 0.7, "Central Library": 0.3}),
        ("Procurement", 0.07, {CIVIC: 1}),
    ]),
    "Public Health": (0.05, [
        ("Health Improvement", 0.5, {CIVIC: 1}),
        ("Health Protection", 0.25, {CIVIC: 1}),
        ("Public Health Intelligence", 0.25, {CIVIC: 1}),
    ]),
    "Chief Executive's": (0.05, [
        ("Communications", 0.3, {CIVIC: 1}),
        ("Policy & Performance", 0.3, {CIVIC: 1}),
        ("Democratic Services", 0.25, {CIVIC: 1}),
        ("Elections", 0.15, {CIVIC: 1}),
    ]),
}
DESK_BASED = {CIVIC: 1.3, "Eastfield Hub": 1.0, "Central Library": 0.8, "Westfield Library": 0.8,
              "Eastbrook Library": 0.8, "Parkside Leisure Centre": 0.6, "Northgate Depot": 0.4,
              "Riverside Depot": 0.4}

STAFF_GRADES = {"SC1": 6, "SC2": 9, "SC3": 12, "SC4": 12, "SC5": 10, "SC6": 10, "SO1": 11, "SO2": 10,
                "PO1": 8, "PO2": 6, "PO3": 4, "PO4": 2}
MANAGER_GRADES = {"PO4": 12, "PO5": 20, "M1": 30, "M2": 22, "M3": 14}
MANAGER_SHARE = 0.118

SEXES = {"Female": 62, "Male": 37, "Prefer not to say": 1}
AGE_BANDS = {"16-24": 5, "25-34": 18, "35-44": 23, "45-54": 27, "55-64": 23, "65+": 4}
ETHNICITIES = {"White British": 78, "White Other": 5, "Asian or Asian British": 7,
               "Black or Black British": 4, "Mixed": 2, "Other ethnic group": 1, "Prefer not to say": 3}
DISABILITIES = {"No": 82, "Yes": 9, "Prefer not to say": 9}
ORIENTATIONS = {"Heterosexual": 84, "Gay or Lesbian": 3, "Bisexual": 2, "Other": 0.5, "Prefer not to say": 10.5}

FEMALE_NAMES = """Olivia Amelia Isla Ava Emily Sophie Grace Mia Poppy Ella Lily Evie Jessica Ruby Chloe
Charlotte Hannah Lucy Sarah Emma Rebecca Laura Rachel Claire Helen Louise Nicola Joanne Karen Julie Lisa
Amanda Michelle Kelly Donna Tracey Susan Deborah Angela Jennifer Katherine Elizabeth Margaret Victoria
Samantha Natalie Gemma Kirsty Leanne Stacey Amy Jade Megan Priya Aisha Fatima Ayesha Zainab Amina Nadia
Shabana Samira Ngozi Chioma Funmilayo Abena Agnieszka Katarzyna Magdalena Anna Maria Elena Aoife Niamh
Siobhan Bethan Cerys Eilidh Alison Wendy Jane Catherine Fiona Harriet Imogen Yasmin Naomi Joy""".split()
MALE_NAMES = """Oliver George Harry Jack Jacob Noah Charlie Thomas Oscar William James Daniel Matthew
Christopher Andrew David Paul Mark Richard Stephen Michael Robert Peter John Simon Gary Darren Craig Lee
Wayne Neil Ian Gareth Stuart Martin Kevin Anthony Jason Scott Adam Ryan Luke Ben Samuel Joseph Mohammed
Muhammad Ahmed Imran Hassan Omar Bilal Arjun Rajesh Sanjay Vikram Amit Kwame Kofi Chinedu Emeka Tunde
Piotr Tomasz Marek Lukas Marco Luca Callum Rhys Owen Dylan Connor Liam Patrick Declan Alistair Graham
Nathan Tariq Yusuf Femi""".split()
SURNAMES = """Smith Jones Williams Taylor Brown Davies Evans Wilson Thomas Johnson Roberts Robinson Thompson
Wright Walker White Edwards Hughes Green Hall Lewis Harris Clarke Patel Jackson Wood Turner Martin Cooper
Hill Ward Morris Moore Clark Lee King Baker Harrison Morgan Allen James Scott Phillips Watson Davis Parker
Price Bennett Young Griffiths Mitchell Kelly Cook Carter Richardson Bailey Collins Bell Shaw Murphy Miller
Cox Richards Khan Marshall Anderson Simpson Ellis Adams Singh Begum Wilkinson Foster Chapman Powell Webb
Rogers Gray Mason Ali Hunt Hussain Campbell Matthews Owen Palmer Holmes Mills Barnes Knight Lloyd Butler
Russell Barker Fisher Stevens Jenkins Murray Dixon Fletcher Howard Reid Ahmed Shah Akhtar Kaur Gill Sharma
Chowdhury Rahman Iqbal Malik Okafor Adeyemi Mensah Owusu Boateng Nwosu Okoro Kowalski Nowak Wójcik Kaminski
Lewandowski Rossi Silva Santos O'Brien O'Connor McDonald MacLeod Fraser Sutherland Doherty Gallagher Quinn
Byrne Duffy Nolan Pritchard Llewellyn Vaughan Ashworth Whitehead Brennan Heaton Pearson Sutcliffe Booth
Hardy Lord Crossley Dawson Bradshaw Kay Horton Lowe Mehta Osei Haworth Greenwood Kershaw""".split()
# Accented names written exactly as HR keeps them (all encodable in Windows-1252).
ACCENTED = [("Zoë", "Hargreaves", "Female"), ("José", "Fernández", "Male"), ("Chloé", "Lefèvre", "Female"),
            ("Siân", "Pritchard", "Female"), ("Seán", "Ó Briain", "Male"), ("Renée", "Müller", "Female")]
SHARED_NAME = ("Sarah", "Khan", "Female")  # two employees share it: name-only records cannot link
NICKNAMES = {"Robert": "Bob", "William": "Bill", "Elizabeth": "Liz", "Katherine": "Kate", "Margaret": "Maggie"}

# LAW labs: id, day of June, start, end, title, slug, location, audience, capacity, cost, topic, exports.
LAW_PLAN = [
    ("LAW-01", 2, "10:00", "11:00", "Welcome to Learning at Work Week", "welcome", "Microsoft Teams", "All staff", 60, 0, "Personal Effectiveness", ("teams",)),
    ("LAW-02", 2, "13:00", "15:00", "Coaching conversations", "coaching", CIVIC, "All staff", 30, 475, "Coaching & Mentoring", ("eventbrite_uk", "signin")),
    ("LAW-03", 2, "14:00", "15:00", "Cyber security: spotting phishing", "cyber-security", "Zoom", "All staff", 60, 0, "Information Governance", ("zoom",)),
    ("LAW-04", 3, "09:30", "12:30", "Managing hybrid teams", "hybrid-teams", CIVIC, "Managers", 20, 1100, "Leadership & Management", ("signin_xlsx",)),
    ("LAW-05", 3, "12:30", "13:15", "Mindfulness at lunchtime", "mindfulness", "Microsoft Teams", "All staff", 60, 0, "Health & Wellbeing", ("teams_legacy",)),
    ("LAW-06", 3, "14:00", "15:30", "Plain English writing", "plain-english", "Microsoft Teams", "All staff", 60, 475, "Personal Effectiveness", ("teams",)),
    ("LAW-07", 4, "10:00", "11:00", "Menopause awareness", "menopause", "Microsoft Teams", "All staff", 60, 0, "Health & Wellbeing", ("teams",)),
    ("LAW-08", 4, "12:00", "13:00", "Health walk from Parkside", "health-walk", "Parkside Leisure Centre", "All staff", 25, 0, "Health & Wellbeing", ("signin_nostatus",)),
    ("LAW-09", 4, "14:00", "16:00", "Excel: pivot tables and charts", "excel-pivot-tables", "Zoom", "All staff", 40, 550, "Digital Skills", ("zoom_plain",)),
    ("LAW-10", 5, "09:30", "11:00", "Resilience and wellbeing", "resilience", "Central Library", "All staff", 40, 550, "Health & Wellbeing", ("eventbrite_uk",)),
    ("LAW-11", 5, "13:00", "14:00", "Introduction to AI tools at work", "ai-tools", "Microsoft Teams", "All staff", 60, 0, "Digital Skills", ("teams",)),
    ("LAW-12", 5, "14:00", "16:00", "Difficult conversations", "difficult-conversations", CIVIC, "All staff", 24, 800, "Leadership & Management", ()),
    ("LAW-13", 6, "10:00", "11:30", "Neurodiversity at work", "neurodiversity", "Zoom", "All staff", 60, 650, "Equality, Diversity & Inclusion", ("zoom",)),
    ("LAW-14", 6, "13:00", "14:00", "Financial wellbeing", "financial-wellbeing", "Microsoft Teams", "All staff", 60, 0, "Health & Wellbeing", ("teams",)),
    ("LAW-15", 9, "10:00", "12:00", "Budget basics for managers", "budget-basics", CIVIC, "Managers", 20, 650, "Leadership & Management", ("eventbrite_us",)),
    ("LAW-16", 9, "14:00", "15:00", "Data protection refresher", "data-protection", "Microsoft Teams", "All staff", 60, 0, "Information Governance", ("teams",)),
    ("LAW-17", 10, "09:30", "11:00", "Carbon literacy taster", "carbon-literacy", "Northgate Depot", "All staff", 20, 300, "Sustainability", ("signin",)),
    ("LAW-18", 10, "12:30", "13:15", "Chair-based yoga", "chair-yoga", "Parkside Leisure Centre", "All staff", 15, 0, "Health & Wellbeing", ()),
    ("LAW-19", 10, "14:00", "15:00", "Getting the most from Microsoft Teams", "teams-tips", "Microsoft Teams", "All staff", 60, 0, "Digital Skills", ("teams_legacy",)),
    ("LAW-20", 11, "10:00", "11:30", "Customer service excellence", "customer-service", "Westfield Library", "All staff", 30, 475, "Customer Service", ("eventbrite_uk",)),
    ("LAW-21", 11, "14:00", "15:00", "Time management", "time-management", "Zoom", "All staff", 60, 0, "Personal Effectiveness", ("zoom_unique",)),
    ("LAW-22", 12, "09:30", "11:00", "Career conversations", "career-conversations", "Microsoft Teams", "All staff", 60, 0, "Coaching & Mentoring", ("teams",)),
    ("LAW-23", 12, "13:00", "14:30", "Makerspace open session", "makerspace", "Central Library", "All staff", 15, 0, "Digital Skills", ("eventbrite_uk", "signin")),
    ("LAW-24", 12, "14:00", "15:00", "Inclusive recruitment", "inclusive-recruitment", "Zoom", "All staff", 60, 0, "Equality, Diversity & Inclusion", ("zoom",)),
    ("LAW-25", 13, "10:00", "11:30", "Presentation skills", "presentation-skills", CIVIC, "All staff", 30, 700, "Personal Effectiveness", ("eventbrite_uk",)),
    ("LAW-26", 13, "13:00", "14:00", "Reflect and plan: closing session", "closing-session", "Microsoft Teams", "All staff", 60, 0, "Personal Effectiveness", ("teams",)),
]
LAW_CANCELLED = "LAW-18"
LAW_NO_FILE = "LAW-12"
LAW_RENAMED = ("LAW-06", "Plain English writing (moved)")  # the Teams title; corrections.csv maps it back
LAW_PATH = "/learning/law"

# Action learning sets: cohort, first meeting, start, end, location, size.
ALS_PLAN = [("Set 1", date(2025, 4, 1), "09:30", "12:30", CIVIC, 9),
            ("Set 2", date(2025, 4, 10), "13:30", "16:30", CIVIC, 9),
            ("Set 3", date(2025, 4, 29), "13:30", "16:30", "Central Library", 8)]
ALS_MEETINGS = 10

DC_PATH = "/learning/disability-confident"
DC_BASICS = "Disability Confident: the basics"
DC_PLAN = [
    ("DC-01", date(2025, 5, 15), "10:00", "12:00", DC_BASICS, "Microsoft Teams", 60, "", ("teams",)),
    ("DC-02", date(2025, 5, 21), "13:30", "15:30", "Reasonable adjustments in practice", CIVIC, 25, "", ("signin",)),
    ("DC-03", date(2025, 5, 29), "10:00", "12:00", DC_BASICS + " (repeat)", "Zoom", 60, "postponed", ()),
    ("DC-04", date(2025, 6, 17), "10:00", "12:00", DC_BASICS + " (repeat)", "Zoom", 60, "", ("zoom",)),
]

ONLINE_LOCATIONS = ("Microsoft Teams", "Zoom")
PRESENT, PARTIAL, NO_SHOW, CANCELLED = "attended", "partial", "no-show", "cancelled"
STRENGTH = {PRESENT: 3, PARTIAL: 2, NO_SHOW: 1, CANCELLED: 0}
EVENTBRITE_STATUS = {"Checked In": PRESENT, "Attending": NO_SHOW, "Not Attending": CANCELLED,
                     "Deleted": CANCELLED, "Refunded": CANCELLED, "Transferred": CANCELLED}

# A tiny valid PNG (1x1): the pipeline must skip it with a reason.
PNG_1X1 = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


# ---------------------------------------------------------------------------
# The model
# ---------------------------------------------------------------------------


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


# ---------------------------------------------------------------------------
# Roster
# ---------------------------------------------------------------------------


class _Namer:
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
    namer = _Namer(rng, scale)
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


def _new_person(rng: random.Random, namer: _Namer, plan: str, first: str, last: str, sex: str) -> dict:
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
        "plan": plan, "first_name": first, "last_name": last, "username": username, "email": email,
        "directorate": directorate, "service": service,
        "grade": pick(rng, MANAGER_GRADES if is_manager else STAFF_GRADES), "is_manager": is_manager,
        "location": pick(rng, locations), "start_date": start, "leave_date": leave,
        "fte": 1.0 if rng.random() < 0.78 else rng.choice([0.4, 0.5, 0.6, 0.7, 0.8, 0.9]),
        "sex": sex, "age_band": age_band, "ethnicity": pick(rng, ETHNICITIES),
        "disability": pick(rng, DISABILITIES), "sexual_orientation": pick(rng, ORIENTATIONS),
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

    named = {(f, l) for f, l, _ in ACCENTED} | {SHARED_NAME[:2]}
    current = [e for e in june if e.leave_date is None and e.start_date <= SNAPSHOTS[0]
               and (e.first_name, e.last_name) not in named]
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
    chosen["week_leaver"] = [update(e, both=False, leave_date=date(2025, 6, 6))
                             for e in take(lambda e: e.location == CIVIC and not e.is_manager)]
    chosen["movers"] = [update(e, both=False, directorate="Chief Executive's", service="Policy & Performance")
                        for e in take(lambda e: e.directorate == "Resources" and e.service == "Finance", 2)]
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


# ---------------------------------------------------------------------------
# Catalogue
# ---------------------------------------------------------------------------


def build_catalogue(scale: int) -> list[Session]:
    sessions = []
    for sid, day, start, end, title, slug, location, audience, capacity, cost, topic, exports in LAW_PLAN:
        on = date(2025, 6, day)
        sessions.append(Session(
            sid, LAW, title, at(on, start), at(on, end), location, audience, capacity * scale, cost,
            f"{LAW_PATH}/{slug}", topic, status="cancelled" if sid == LAW_CANCELLED else "", exports=exports))
    number = 0
    for cohort, first, start, end, location, size in ALS_PLAN:
        for meeting in range(1, ALS_MEETINGS + 1):
            number += 1
            on = first + timedelta(weeks=2 * (meeting - 1))
            exports = ("signin_xlsx",) if (cohort, meeting) == ("Set 3", 2) else ("signin",)
            sessions.append(Session(
                f"ALS-{number:02d}", ALS, f"Action learning set {cohort[-1]} - meeting {meeting}",
                at(on, start), at(on, end), location, "Managers", size, 300, "", "Leadership & Management",
                cohort=cohort, exports=exports))
    for sid, on, start, end, title, location, capacity, status, exports in DC_PLAN:
        sessions.append(Session(
            sid, DC, title, at(on, start), at(on, end), location, "All staff", capacity * scale, 0, DC_PATH,
            "Equality, Diversity & Inclusion", status=status, exports=exports))
    return sessions


# ---------------------------------------------------------------------------
# Attendance
# ---------------------------------------------------------------------------

EXTERNALS = [("Lena Fischer", "lena.fischer@partner.example.org"), ("Marcus Reid", "marcus@coachingco.example.com"),
             ("Dr Amara Osei", "amara.osei@nhs.example.net"), ("Tom Pryce", "tom.pryce@partner.example.org"),
             ("Helen Carr", "helen@mindful.example.com"), ("Jo Whitfield", "jo.whitfield@charity.example.org")]
DEVICES = ["iPhone", "Galaxy S23", "iPad", "Pixel 8", "HUAWEI P30"]
JOB_TITLES = {"Adults' Services": ["Social Worker", "Care Coordinator", "Occupational Therapist", "Support Worker"],
              "Children's Services": ["Social Worker", "Family Support Worker", "Education Officer", "Case Officer"],
              "Place": ["Technical Officer", "Library Assistant", "Operative", "Planning Officer", "Leisure Assistant"],
              "Resources": ["Finance Officer", "HR Adviser", "Analyst", "Customer Adviser", "Solicitor"],
              "Public Health": ["Public Health Officer", "Analyst", "Health Improvement Practitioner"],
              "Chief Executive's": ["Policy Officer", "Communications Officer", "Democratic Services Officer"]}


class _Attendance:
    """Who came to each session, and how each export shows them."""

    def __init__(self, seed: int, scale: int, snapshots: dict[date, list[Employee]], special: dict,
                 sessions: list[Session]):
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
        candidates = [e for e in self.june if e.active_on(day) and (session.audience != "Managers" or e.is_manager)
                      and id(e) not in organisers]
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
            app = Appearance(person, person.full_name, person.email, person.email,
                             intervals=self._presence(session, attended))
            if person is host:
                app.intervals = [(session.start - timedelta(minutes=rng.randint(3, 9)),
                                  session.end + timedelta(minutes=rng.randint(1, 4)))]
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
            late = next(a for a in shown if a.role != "Organiser" and len(a.intervals) == 1
                        and a.intervals[0][1] - a.intervals[0][0] > timedelta(seconds=session.seconds * 0.8))
            join = late.intervals[0][0]
            late.intervals = [(join, session.end - timedelta(minutes=8)),
                              (session.end - timedelta(minutes=4), session.end + timedelta(minutes=1))]
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
                out.append(Appearance(None, f"{name} (External)", email, email, role=role,
                                      intervals=self._presence(session, True)))
        elif kind.startswith("zoom"):
            for device in rng.sample(DEVICES, rng.randint(1, 2)):
                out.append(Appearance(None, device, intervals=self._presence(session, rng.random() < 0.6)))
        return out

    def _eventbrite(self, session: Session, people: list[Employee]) -> list[Appearance]:
        """Bookings: most check in, some never come, some cancel; one ticket is transferred."""
        rng, out = self.rng, []
        for person in people:
            status = rng.choices(["Checked In", "Attending", "Not Attending"], weights=[80, 14, 6])[0]
            out.append(Appearance(person, person.full_name, person.email, status_text=status,
                                  job_title=rng.choice(JOB_TITLES[person.directorate])))
        name, email = EXTERNALS[5]
        out.append(Appearance(None, name, email, status_text="Checked In", job_title="Volunteer Coordinator"))
        extra = {"LAW-10": ["Deleted", "Refunded"], "LAW-20": ["Transferred"], "LAW-25": ["Refunded"]}
        booked = {id(e) for e in people}
        spare = [e for e in self.june if e.active_on(session.start.date()) and id(e) not in booked
                 and (session.audience != "Managers" or e.is_manager)]
        for status in extra.get(session.session_id, []):
            person = rng.choice(spare)
            out.append(Appearance(person, person.full_name, person.email, status_text=status,
                                  job_title=rng.choice(JOB_TITLES[person.directorate])))
            if status == "Transferred":  # the ticket went to a colleague, who came
                colleague = rng.choice(spare)
                out.append(Appearance(colleague, colleague.full_name, colleague.email, status_text="Checked In",
                                      job_title=rng.choice(JOB_TITLES[colleague.directorate])))
        return out

    def _signin(self, session: Session, kind: str, people: list[Employee],
                booked: list[Appearance] | None) -> list[Appearance]:
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
            walk_in = next(e for e in self.june if e.active_on(session.start.date()) and id(e) not in on_list
                           and e.location == session.location)
            out.append(self._signed(walk_in, "Present"))
            return out
        for person in people:
            status = None if kind == "signin_nostatus" else ("Present" if rng.random() < 0.88 else "Absent")
            out.append(self._signed(person, status))
        return out

    def _signed(self, person: Employee, status: str | None) -> Appearance:
        by_email = self.rng.random() < 0.15
        return Appearance(person, person.full_name, person.email if by_email else None,
                          employee_id=None if by_email else person.employee_id, status_text=status)

    def _action_learning(self):
        """Sets of 8-9 managers; most miss at most one meeting, a few drop out."""
        rng = self.rng
        leaver = self.special["als_leaver"][0]
        others = [e for e in self.special["als"] if e is not leaver]
        sizes = [size for *_, size in ALS_PLAN]
        groups = [others[:sizes[0]], [leaver] + others[sizes[0]:sizes[0] + sizes[1] - 1],
                  others[sizes[0] + sizes[1] - 1:]]
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
        fake = Session("", "", "Team huddle - Highways", start, start + timedelta(minutes=30), "Zoom", audience="",
                       capacity=0, cost=0, intranet_path="", topic="")
        crew = [e for e in self.june if e.service == "Highways" and e.active_on(start.date())][:6]
        return fake.title, start, self._online(fake, "zoom", crew), crew[0].email


def without_accents(name: str) -> str:
    """Teams legacy reports from an old client drop accents: 'Zoë' becomes 'Zoe'."""
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


# ---------------------------------------------------------------------------
# Feedback
# ---------------------------------------------------------------------------

FORM_OF = {"teams": "msforms", "teams_legacy": "msforms", "zoom": "surveymonkey", "zoom_plain": "surveymonkey",
           "zoom_unique": "surveymonkey"}
COMMENTS = [
    "Really useful, thank you", "Good pace and plenty of examples", "I will use the GROW model with my team",
    "Would like a follow-up session", "Too short for the amount of content", "The breakout rooms worked well",
    "Slides were hard to read on a laptop", "Great facilitator", "More time for questions please",
    "I will book onto the longer course", "Useful tips I can use straight away", "", "", "", "",
    "Loved it – très bien!", "Could we have this at the depot next time?", "The room was too warm",
    "I learnt how to plan my week properly", "Very relevant to my role",
]
PRIVATE_COMMENTS = ["Please send the slides to {email}", "Happy to help next year, call me on 07700 900{n:03d}",
                    "Contact me on {email} or 07700 900{n:03d} about the follow-up"]
TOPICS = ["Resilience", "Budgeting", "Résumé writing", "Leadership", "Digital skills", "Wellbeing"]
LIKERT = {1: "Very poor", 2: "Poor", 3: "Average", 4: "Good", 5: "Excellent"}
MSFORMS_FIRST_EXPORT = datetime(2025, 6, 9, 9, 0)


def build_feedback(seed: int, sessions: list[Session], attendance: dict, unrecorded: dict) -> list[Response]:
    """About three in ten attendees answer their lab's form; NPS lands between +30 and +50."""
    rng = random.Random(f"{seed}:feedback")
    responses: list[Response] = []
    private = 0
    for session in sessions:
        if session.programme != LAW or not session.delivered:
            continue
        form = _form_for(session)
        people = _came(attendance.get(session.session_id, {})) or unrecorded.get(session.session_id, [])
        for person in people:
            if rng.random() > 0.3:
                continue
            rating = rng.choices([5, 4, 3, 2, 1], weights=[45, 35, 13, 5, 2])[0]
            recommend = (rng.choices([10, 9, 8], weights=[55, 30, 15])[0] if rating == 5
                         else rng.choices([9, 8, 7], weights=[30, 45, 25])[0] if rating == 4
                         else rng.randint(5, 7) if rating == 3 else rng.randint(0, 5))
            comment = rng.choice(COMMENTS)
            if rng.random() < 0.04 and person is not None:
                comment = PRIVATE_COMMENTS[private % len(PRIVATE_COMMENTS)].format(email=person.email, n=private + 101)
                private += 1
            identified = person is not None and rng.random() < (0.7 if form == "msforms" else 0.5)
            if form == "msforms":
                email = person.email if identified else "anonymous"
            else:
                email = person.email if identified else ""
            started = session.end + timedelta(minutes=rng.randint(1, 30), seconds=rng.randint(0, 59))
            if rng.random() < 0.35:
                started += timedelta(days=rng.randint(1, 4), hours=rng.randint(-3, 3))
            responses.append(Response(
                0, form, session, person if identified else None, email, started,
                started + timedelta(seconds=rng.randint(50, 400)), rating, recommend, comment,
                rng.sample(TOPICS, rng.randint(0, 2))))
    responses.sort(key=lambda r: (r.form, r.submitted))
    for number, response in enumerate(responses, start=1):
        response.response_id = number
    google = [r for r in responses if r.form == "google"]
    google[len(google) // 2].rating = 7  # an answer off the 1-5 scale
    _split_msforms_exports(responses)
    return responses


def _form_for(session: Session) -> str:
    if session.exports and session.exports[0] in FORM_OF:
        return FORM_OF[session.exports[0]]
    return "msforms" if session.session_id == LAW_NO_FILE else "google"


def _came(exports: dict[str, list[Appearance]]) -> list[Employee]:
    seen: dict[str, Employee] = {}
    for apps in exports.values():
        for app in apps:
            if app.person is not None and (app.intervals or app.status_text in ("Checked In", "Present", None)):
                seen.setdefault(app.person.employee_id, app.person)
    return list(seen.values())


def _split_msforms_exports(responses: list[Response]):
    """The Microsoft Form was exported twice: an XLSX on 9 June, later a CSV that repeats its last row."""
    forms = [r for r in responses if r.form == "msforms"]
    first = [r for r in forms if r.submitted < MSFORMS_FIRST_EXPORT]
    for r in forms:
        r.exports = ("msforms_xlsx",) if r in first else ("msforms_csv",)
    first[-1].exports = ("msforms_xlsx", "msforms_csv")
    for number, r in enumerate(forms, start=1):
        r.response_id = number


# ---------------------------------------------------------------------------
# Intranet
# ---------------------------------------------------------------------------

BROWSERS = [
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.0.0 Safari/537.36 Edg/125.0.0.0",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0 Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (X11; Linux x86_64; rv:126.0) Gecko/20100101 Firefox/126.0",
    "Mozilla/5.0 (Linux; Android 14; SM-A546B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0 Mobile Safari/537.36",
]
ROBOTS = [
    "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
    "Mozilla/5.0 (compatible; SiteimproveBot/1.0; +https://siteimprove.com/bot)",
    "UptimeRobot/2.0 (http://www.uptimerobot.com/)",
    "curl/8.5.0", "python-requests/2.32.3", "Wget/1.21.4",
]
OTHER_PAGES = ["/", "/news", "/news/2025/05/bank-holiday-arrangements", "/news/2025/06/staff-survey-results",
               "/hr/payslips", "/hr/annual-leave", "/directory", "/learning", "/learning/catalogue",
               "/it/service-desk", "/policies/expenses", "/news/2025/05/learning-at-work-week-is-coming"]
STATIC = ["/static/site.css", "/static/app.js", "/static/img/logo.png", "/static/fonts/inter.woff2", "/favicon.ico"]
CAMPAIGNS = ["utm_source=bulletin", "utm_source=email", "utm_source=teams&utm_medium=post", "ref=homepage"]
HOUR_WEIGHTS = {7: 1, 8: 4, 9: 8, 10: 8, 11: 7, 12: 9, 13: 8, 14: 7, 15: 6, 16: 5, 17: 3, 18: 1, 19: 1, 20: 1, 21: 1}


def law_window() -> tuple[datetime, datetime]:
    first, last = date(2025, 6, 2), date(2025, 6, 13)
    return (datetime.combine(first - timedelta(days=WINDOW_DAYS), time()),
            datetime.combine(last + timedelta(days=WINDOW_DAYS + 1), time()))


class _Intranet:
    """Visits to the intranet: staff reading the lab pages, anonymous readers, robots and noise."""

    def __init__(self, seed: int, scale: int, june: list[Employee], sessions: list[Session]):
        self.rng = random.Random(f"{seed}:intranet")
        self.scale = scale
        self.june = june
        self.requests: list[Request] = []
        self.lab_paths = [s.intranet_path for s in sessions if s.programme == LAW and s.delivered]
        self.cancelled_path = next(s.intranet_path for s in sessions if s.session_id == LAW_CANCELLED)
        self.home: dict[str, tuple[str, str | None, str]] = {}  # employee -> (server, logged user, ip)
        self.anonymous = 0

    def visitor(self, employee: Employee) -> tuple[str, str, str]:
        """Each employee keeps one server and one way of being logged, so visits stay comparable."""
        if employee.employee_id not in self.home:
            rng = self.rng
            ip = f"10.20.{rng.randint(1, 60)}.{rng.randint(2, 250)}"
            if rng.random() < 0.3:
                self.home[employee.employee_id] = ("iis", f"{NETBIOS}\\{employee.username}", ip)
            else:
                user = employee.email if rng.random() < 0.3 else employee.username
                self.home[employee.employee_id] = ("apache", user, ip)
        return self.home[employee.employee_id]

    def day_in(self, first: date, last: date, weights: dict[date, float] | None = None) -> date:
        days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
        weights = weights or {}
        return self.rng.choices(days, weights=[weights.get(d, 0.15 if d.weekday() >= 5 else 1.0) for d in days])[0]

    def moment(self, day: date) -> datetime:
        hour = pick(self.rng, HOUR_WEIGHTS)
        return datetime.combine(day, time(hour, self.rng.randrange(60), self.rng.randrange(60)))

    def visit(self, server: str, ip: str, user: str | None, agent: str, start: datetime, pages: list[str]):
        """Page views with their static files, a booking form now and then, seconds to minutes apart."""
        rng, now, referer = self.rng, start, rng_choice_referer(self.rng)
        for number, page in enumerate(pages):
            target = page
            if number == 0 and rng.random() < 0.2:
                target += "?" + rng.choice(CAMPAIGNS)
            if page.startswith(LAW_PATH) and rng.random() < 0.03:  # typed by hand
                target = target.replace(LAW_PATH, "/Learning/LAW") + ("" if "?" in target else "/")
            status = 304 if number and rng.random() < 0.05 else 200
            self.add(server, now, ip, user, "GET", target, status, rng.randint(6000, 30000), referer, agent)
            if number == 0:
                for asset in rng.sample(STATIC, 3):
                    cached = rng.random() < 0.5
                    self.add(server, now + timedelta(seconds=1), ip, user, "GET", asset, 304 if cached else 200,
                             None if cached else rng.randint(800, 90000), INTRANET + page, agent)
            if page.startswith(LAW_PATH + "/") and rng.random() < 0.06:
                now += timedelta(seconds=rng.randint(20, 90))
                self.add(server, now, ip, user, "POST", page + "/book", 302, 0, INTRANET + page, agent)
            referer = INTRANET + page
            now += timedelta(seconds=rng.randint(15, 240))
        return now

    def add(self, server, when, ip, user, method, target, status, size, referer, agent):
        self.requests.append(Request(when, ip, user, method, target, status, size, referer, agent, server))

    def lab_pages(self, favourite: str | None = None) -> list[str]:
        rng = self.rng
        pages = [LAW_PATH] if rng.random() < 0.45 else []
        labs = [favourite] if favourite else []
        labs += rng.sample(self.lab_paths, rng.choice([0, 0, 1, 1, 2]) + (0 if favourite else 1))
        if rng.random() < 0.05:
            labs.insert(0, self.cancelled_path)  # always alongside another lab page
        if rng.random() < 0.2:
            pages.insert(0, rng.choice(OTHER_PAGES))
        return pages + labs

    def staff_visits(self, employee: Employee, count: int, first: date, last: date, weights: dict,
                     favourite: str | None = None):
        server, user, ip = self.visitor(employee)
        agent = BROWSERS[int(hashlib.sha1(employee.employee_id.encode()).hexdigest(), 16) % len(BROWSERS)]
        for _ in range(count):
            self.visit(server, ip, user, agent, self.moment(self.day_in(first, last, weights)),
                       self.lab_pages(favourite))

    def anonymous_visits(self, count: int, first: date, last: date, weights: dict, paths=None):
        rng = self.rng
        for _ in range(count):
            self.anonymous += 1
            ip = (f"2001:db8::{self.anonymous:x}" if rng.random() < 0.1
                  else f"10.{30 + self.anonymous // 60000}.{self.anonymous // 250 % 240}.{self.anonymous % 250 + 2}")
            agent, server = rng.choice(BROWSERS), ("iis" if rng.random() < 0.3 else "apache")
            for _ in range(1 if rng.random() < 0.85 else 2):
                pages = paths() if paths else self.lab_pages()
                self.visit(server, ip, None, agent, self.moment(self.day_in(first, last, weights)), pages)

    def background(self, count: int):
        rng = self.rng
        for _ in range(count):
            employee = rng.choice(self.june)
            server, user, ip = self.visitor(employee)
            pages = rng.sample(OTHER_PAGES, rng.randint(1, 3))
            self.visit(server, ip, user, rng.choice(BROWSERS), self.moment(self.day_in(LOG_FIRST_DAY, LOG_LAST_DAY)),
                       pages)

    def noise(self):
        """Robots, monitors, typos, timeouts: requests that are not page views."""
        rng = self.rng
        day = LOG_FIRST_DAY
        while day <= LOG_LAST_DAY:
            for hour in range(0, 24, 2):  # the uptime monitor checks the home page of both servers
                for server in ("apache", "iis"):
                    self.add(server, datetime.combine(day, time(hour, 0, rng.randrange(5))), "10.5.0.9", None,
                             "GET", "/", 200, 5120, None, ROBOTS[2])
            crawl = self.moment(day)
            for page in rng.sample(self.lab_paths + OTHER_PAGES, 8):
                crawl += timedelta(seconds=rng.randint(2, 30))
                self.add("apache", crawl, "10.66.0.3", None, "GET", page, 200, rng.randint(6000, 30000), None,
                         rng.choice(ROBOTS[:2]))
            for _ in range(rng.randint(1, 4)):
                self.add(rng.choice(["apache", "iis"]), self.moment(day), f"10.20.{rng.randint(1, 60)}.{rng.randint(2, 250)}",
                         None, "GET", rng.choice(["/learning/law/coachng", "/learning/law/wellbeing", "/wp-login.php"]),
                         404, 1024, None, rng.choice(BROWSERS))
            if day.day % 3 == 0:
                self.add("apache", self.moment(day), "10.20.9.9", None, "-", "", 408, None, None, "-")
                self.add("apache", self.moment(day), "10.5.0.12", None, "GET", LAW_PATH + "/welcome", 200, 9000,
                         None, rng.choice(ROBOTS[3:]))
            day += timedelta(days=1)


def rng_choice_referer(rng: random.Random) -> str | None:
    return rng.choice([None, None, INTRANET + "/", "https://teams.microsoft.com/", INTRANET + "/news"])


def build_intranet(seed: int, scale: int, snapshots: dict, sessions: list[Session], attendance: dict,
                   unrecorded: dict, responses: list[Response]) -> tuple[list[Request], dict[str, list[str]]]:
    """Programme visits sized so that about 48% of the workforce engages with the week in some way."""
    june = snapshots[SNAPSHOTS[1]]
    net = _Intranet(seed, scale, june, sessions)
    rng = net.rng
    window_first, window_end = law_window()
    window_last = window_end.date() - timedelta(days=1)
    busy_days = {date(2025, 5, 27): 3.0, **{date(2025, 6, d): 4.0 for d in (2, 3, 4, 5, 6, 9, 10, 11, 12, 13)}}
    by_session = {s.session_id: s for s in sessions}

    # Attendees read their lab's page in the days around it.
    engaged: dict[str, Employee] = {}
    for sid, exports in attendance.items():
        session = by_session[sid]
        if session.programme != LAW:
            continue
        for person in _came(exports):
            engaged[person.employee_id] = person
    for sid, people in unrecorded.items():
        for person in people:
            engaged[person.employee_id] = person
    for r in responses:
        if r.person is not None:
            engaged[r.person.employee_id] = r.person
    for employee in list(engaged.values()):
        if rng.random() < 0.6:
            net.staff_visits(employee, rng.choice([1, 1, 2, 3]), window_first.date(), window_last, busy_days)

    # Staff who only read about the week: enough of them to reach the engagement the story tells.
    headcount = [e for e in june if e.active_on(date(2025, 6, 13))]
    already = sum(1 for e in headcount if e.employee_id in engaged)
    readers = [e for e in weighted_order(rng, headcount, [DESK_BASED[e.location] for e in headcount])
               if e.employee_id not in engaged][: max(0, round(0.478 * len(headcount)) - already)]
    night = readers[:2]
    for employee in readers[2:]:
        net.staff_visits(employee, rng.choice([1, 1, 1, 2]), window_first.date(), window_last, busy_days)
    # Window edges, read in local time: IIS logs UTC, so these sit on the other side of midnight there.
    for employee, when in zip(night, (datetime(2025, 5, 19, 0, 12, 5), datetime(2025, 5, 19, 0, 41, 30))):
        net.home[employee.employee_id] = ("iis", f"{NETBIOS}\\{employee.username}", f"10.20.70.{len(net.home) % 250}")
        _, user, ip = net.home[employee.employee_id]
        net.visit("iis", ip, user, BROWSERS[0], when, [LAW_PATH + "/welcome"])
    reading = {e.employee_id for e in readers}
    outsider = next(e for e in weighted_order(rng, headcount, [1.0] * len(headcount))
                    if e.employee_id not in engaged and e.employee_id not in reading)
    net.home[outsider.employee_id] = ("iis", f"{NETBIOS}\\{outsider.username}", "10.20.71.5")
    net.visit("iis", "10.20.71.5", f"{NETBIOS}\\{outsider.username}", BROWSERS[1], datetime(2025, 6, 28, 0, 20, 11),
              [LAW_PATH + "/closing-session"])

    # Visits outside the window, by staff and anonymous readers; accounts that are not in the roster.
    for employee in rng.sample(headcount, 40 * scale):
        net.staff_visits(employee, 1, LOG_FIRST_DAY, window_first.date() - timedelta(days=1), {})
    for employee in rng.sample(headcount, 25 * scale):
        net.staff_visits(employee, 1, window_last + timedelta(days=1), LOG_LAST_DAY, {})
    for account, ip in (("svc_sharepoint", "10.5.0.40"), ("contractor.jpatel", "10.20.90.4")):
        for _ in range(4):
            net.visit("iis", ip, f"{NETBIOS}\\{account}", BROWSERS[1],
                      net.moment(net.day_in(window_first.date(), window_last, busy_days)), net.lab_pages())
    net.anonymous_visits(420 * scale, window_first.date(), window_last, busy_days)
    net.anonymous_visits(30 * scale, LOG_FIRST_DAY, window_first.date() - timedelta(days=1), {})

    # The Disability Confident pages, and everyday traffic that is not about any programme.
    for employee in rng.sample(headcount, 60 * scale):
        server, user, ip = net.visitor(employee)
        net.visit(server, ip, user, BROWSERS[2], net.moment(net.day_in(LOG_FIRST_DAY, LOG_LAST_DAY)), [DC_PATH])
    net.background(650 * scale)
    net.noise()
    garbage = {
        "access.log": ['10.20.4.5 - tbaker [17/Jun/2025:14:05:1', "logrotate: reopened log file",
                       "[Mon Jun 23 02:00:01.123456 2025] [mpm_event:notice] [pid 812] AH00489: resuming normal operations"],
        ROTATED_LOG: ["tail: access.log: file truncated", '10.20.3.3 - - [28/May/2025:10:1'],
        "u_ex250515.log": ["2025-06-10 09:14:02 10.0.0.5 GET /learning/law/menopause"],
    }
    return net.requests, garbage


# ---------------------------------------------------------------------------
# Writing bytes
# ---------------------------------------------------------------------------


def csv_bytes(rows: list[list], encoding: str = "utf-8", newline: str = "\n", bom: bytes = b"",
              quote_all: bool = False, delimiter: str = ",") -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator=newline,
                        quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL)
    writer.writerows([["" if cell is None else cell for cell in row] for row in rows])
    return bom + out.getvalue().encode(encoding)


def utf16_lines(lines: list[str], newline: str) -> bytes:
    """UTF-16 LE with its BOM, written the same on every platform."""
    return b"\xff\xfe" + "".join(line + newline for line in lines).encode("utf-16-le")


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _column(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def xlsx_bytes(rows: list[list], saved: datetime, sheet: str = "Sheet1") -> bytes:
    """A minimal workbook like openpyxl writes: inline strings, numbers, and real date cells.

    Written by hand so that the bytes depend only on the rows (fixed zip times, no clock).
    """
    cells = []
    for r, row in enumerate(rows, start=1):
        out = []
        for c, value in enumerate(row):
            ref = f"{_column(c)}{r}"
            if value is None or value == "":
                continue
            if isinstance(value, bool):
                out.append(f'<c r="{ref}" t="b"><v>{int(value)}</v></c>')
            elif isinstance(value, (int, float)):
                out.append(f'<c r="{ref}" t="n"><v>{value}</v></c>')
            elif isinstance(value, datetime):
                serial = (value - datetime(1899, 12, 30)).total_seconds() / 86400
                out.append(f'<c r="{ref}" s="2" t="n"><v>{serial:.10f}</v></c>')
            elif isinstance(value, date):
                out.append(f'<c r="{ref}" s="1" t="n"><v>{(value - date(1899, 12, 30)).days}</v></c>')
            else:
                out.append(f'<c r="{ref}" t="inlineStr"><is><t>{_xml(str(value))}</t></is></c>')
        cells.append(f'<row r="{r}">{"".join(out)}</row>')
    width = max(len(row) for row in rows)
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    pkg = "http://schemas.openxmlformats.org/package/2006/relationships"
    parts = {
        "[Content_Types].xml": (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml" />'
            '<Default Extension="xml" ContentType="application/xml" />'
            '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml" />'
            '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml" />'
            '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml" />'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml" />'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml" />'
            "</Types>"),
        "_rels/.rels": (
            f'<Relationships xmlns="{pkg}">'
            f'<Relationship Type="{rel}/officeDocument" Target="xl/workbook.xml" Id="rId1" />'
            f'<Relationship Type="{pkg}/metadata/core-properties" Target="docProps/core.xml" Id="rId2" />'
            f'<Relationship Type="{rel}/extended-properties" Target="docProps/app.xml" Id="rId3" />'
            "</Relationships>"),
        "docProps/app.xml": (
            '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
            "<Application>Microsoft Excel</Application></Properties>"),
        "docProps/core.xml": (
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{saved:%Y-%m-%dT%H:%M:%SZ}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{saved:%Y-%m-%dT%H:%M:%SZ}</dcterms:modified>'
            "</cp:coreProperties>"),
        "xl/workbook.xml": (
            f'<workbook xmlns:r="{rel}" xmlns="{main}"><workbookPr /><bookViews><workbookView activeTab="0" /></bookViews>'
            f'<sheets><sheet name="{_xml(sheet)}" sheetId="1" state="visible" r:id="rId1" /></sheets></workbook>'),
        "xl/_rels/workbook.xml.rels": (
            f'<Relationships xmlns="{pkg}">'
            f'<Relationship Type="{rel}/worksheet" Target="/xl/worksheets/sheet1.xml" Id="rId1" />'
            f'<Relationship Type="{rel}/styles" Target="styles.xml" Id="rId2" />'
            "</Relationships>"),
        "xl/styles.xml": (
            f'<styleSheet xmlns="{main}"><numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy hh:mm" /></numFmts>'
            '<fonts count="1"><font><name val="Calibri" /><family val="2" /><sz val="11" /></font></fonts>'
            '<fills count="2"><fill><patternFill /></fill><fill><patternFill patternType="gray125" /></fill></fills>'
            '<borders count="1"><border><left /><right /><top /><bottom /><diagonal /></border></borders>'
            '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" /></cellStyleXfs>'
            '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" />'
            '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" applyNumberFormat="1" xfId="0" />'
            '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" applyNumberFormat="1" xfId="0" /></cellXfs>'
            '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0" /></cellStyles></styleSheet>'),
        "xl/worksheets/sheet1.xml": (
            f'<worksheet xmlns="{main}"><dimension ref="A1:{_column(width - 1)}{len(rows)}" />'
            f'<sheetViews><sheetView workbookViewId="0" /></sheetViews><sheetFormatPr defaultRowHeight="15" />'
            f'<sheetData>{"".join(cells)}</sheetData></worksheet>'),
    }
    out = io.BytesIO()
    stamp = saved.timetuple()[:6]
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, text.encode("utf-8"))
    return out.getvalue()


def gzip_bytes(data: bytes) -> bytes:
    out = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=out, mtime=0) as archive:
        archive.write(data)
    return out.getvalue()


def teams_duration(seconds: float) -> str:
    """Teams writes '1h 3m 34s', '52m 10s', '38m': zero parts left out."""
    seconds = int(round(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    parts = [f"{hours}h"] if hours else []
    parts += [f"{minutes}m"] if minutes else []
    parts += [f"{secs}s"] if secs or not parts else []
    return " ".join(parts)


def us_clock(moment: datetime, year_digits: int = 4, pad: bool = False) -> str:
    hour = moment.hour % 12 or 12
    ampm = "AM" if moment.hour < 12 else "PM"
    if pad:
        return f"{moment:%m/%d/%Y} {hour:02d}:{moment:%M:%S} {ampm}"
    year = moment.year if year_digits == 4 else moment.year % 100
    return f"{moment.month}/{moment.day}/{year}, {hour}:{moment:%M:%S} {ampm}"


def safe_filename(text: str) -> str:
    return "".join(c for c in text if c not in ':/\\?*"<>|')


# ---------------------------------------------------------------------------
# The exports
# ---------------------------------------------------------------------------


def roster_files(model: Model) -> dict[str, bytes]:
    april, june = (model.snapshots[day] for day in SNAPSHOTS)
    header = ["Employee ID", "First Name", "Last Name", "Username", "Email", "Directorate", "Service", "Grade",
              "Is Manager", "Location", "Start Date", "Leave Date", "FTE", "Sex", "Age Band", "Ethnicity",
              "Disability", "Sexual Orientation"]
    rows = [header] + [
        [e.employee_id, e.first_name, e.last_name, e.username, e.email, e.directorate, e.service, e.grade,
         "Y" if e.is_manager else "N", e.location, e.start_date.isoformat(),
         e.leave_date.isoformat() if e.leave_date else "", f"{e.fte:.1f}", e.sex, e.age_band, e.ethnicity,
         e.disability, e.sexual_orientation]
        for e in sorted(april, key=lambda e: e.employee_id)]
    # The June extract came from the new HR system: one Name column, Yes/No, real date cells.
    xlsx_header = ["Employee ID", "Name", "Email", "Username", "Directorate", "Service", "Grade", "Is Manager",
                   "Location", "Start Date", "Leave Date", "FTE", "Sex", "Age Band", "Ethnicity", "Disability",
                   "Sexual Orientation"]
    xlsx_rows = [xlsx_header] + [
        [e.employee_id, e.full_name, e.email, e.username, e.directorate, e.service, e.grade,
         "Yes" if e.is_manager else "No", e.location, e.start_date, e.leave_date, e.fte, e.sex, e.age_band,
         e.ethnicity, e.disability, e.sexual_orientation]
        for e in sorted(june, key=lambda e: (e.last_name, e.first_name, e.employee_id))]
    return {
        "roster/roster_2025-04-01.csv": csv_bytes(rows, encoding="cp1252", newline="\r\n"),
        "roster/roster_2025-06-01.xlsx": xlsx_bytes(xlsx_rows, datetime(2025, 6, 2, 8, 14, 2), "Establishment"),
    }


def catalogue_file(model: Model) -> dict[str, bytes]:
    header = ["Session ID", "Programme", "Title", "Start", "End", "Location", "Format", "Audience", "Capacity",
              "Cost (GBP)", "Intranet Path", "Topic", "Cohort", "Status"]
    rows = [header] + [
        [s.session_id, s.programme, s.title, f"{s.start:%Y-%m-%d %H:%M}", f"{s.end:%Y-%m-%d %H:%M}", s.location,
         "online" if s.online else "in person", s.audience, s.capacity, s.cost, s.intranet_path, s.topic,
         s.cohort, s.status]
        for s in model.sessions]
    return {"sessions/sessions.csv": csv_bytes(rows)}


def corrections_file(model: Model) -> dict[str, bytes]:
    return {"corrections/corrections.csv": csv_bytes([["Kind", "Value", "Maps To"], *model.corrections])}


def _teams_stamp(moment: datetime) -> str:
    return f"{moment:%d/%m/%y}, {moment:%H:%M:%S}"


def teams_report(title: str, apps: list[Appearance]) -> bytes:
    """The 3-section Teams attendance report: summary, one row per person, one row per join."""
    joins = [(app, a, b) for app in apps for a, b in app.intervals]
    start, end = min(a for _, a, _ in joins), max(b for _, _, b in joins)
    totals = {id(app): sum((b - a).total_seconds() for a, b in app.intervals) for app in apps}
    lines = ["1. Summary", f"Meeting title\t{title}", f"Attended participants\t{len(apps)}",
             f"Start time\t{_teams_stamp(start)}", f"End time\t{_teams_stamp(end)}",
             f"Meeting duration\t{teams_duration((end - start).total_seconds())}",
             f"Average attendance time\t{teams_duration(sum(totals.values()) / len(apps))}", "",
             "2. Participants", "Name\tFirst Join\tLast Leave\tIn-Meeting Duration\tEmail\tParticipant ID (UPN)\tRole"]
    for app in apps:
        lines.append("\t".join([app.name, _teams_stamp(app.intervals[0][0]), _teams_stamp(app.intervals[-1][1]),
                                teams_duration(totals[id(app)]), app.email or "", app.upn or "", app.role]))
    lines += ["", "3. In-Meeting Activities", "Name\tJoin Time\tLeave Time\tDuration\tEmail\tRole"]
    for app, a, b in sorted(joins, key=lambda j: j[1]):
        lines.append("\t".join([app.name, _teams_stamp(a), _teams_stamp(b), teams_duration((b - a).total_seconds()),
                                app.email or "", app.role]))
    return utf16_lines(lines, "\r\n")


def teams_legacy_report(apps: list[Appearance]) -> bytes:
    """The older Teams report: no title, one row per join or leave, US dates; an open last join."""
    events = []
    for app in apps:
        for number, (a, b) in enumerate(app.intervals):
            action = "Joined before" if app.role == "Organiser" and number == 0 else "Joined"
            events.append((a, app.name, action))
            if not (app.open_ended and number == len(app.intervals) - 1):
                events.append((b, app.name, "Left"))
    events.sort(key=lambda e: e[0])
    lines = ["Full Name\tUser Action\tTimestamp"] + [f"{name}\t{action}\t{us_clock(moment)}" for moment, name, action in events]
    return utf16_lines(lines, "\n")


def _zoom_minutes(a: datetime, b: datetime) -> int:
    return max(1, math.ceil((b - a).total_seconds() / 60))


def zoom_report(apps: list[Appearance], meeting: tuple[str, str, datetime, datetime, str] | None) -> bytes:
    """Zoom's participants report, one row per join, with or without the meeting block."""
    rows = []
    if meeting:
        meeting_id, topic, start, end, host = meeting
        people = len({(a.email or a.name).lower() for a in apps})
        rows += [["Meeting ID", "Topic", "Start Time", "End Time", "User Email", "Duration (Minutes)", "Participants", ""],
                 [meeting_id, topic, us_clock(start, pad=True), us_clock(end, pad=True), host,
                  _zoom_minutes(start, end), people, ""], []]
    rows.append(["Name (Original Name)", "User Email", "Join Time", "Leave Time", "Duration (Minutes)", "Guest",
                 "Recording Consent"])
    joins = sorted(((app, n, a, b) for app in apps for n, (a, b) in enumerate(app.intervals)), key=lambda j: j[2])
    for app, number, a, b in joins:
        join = us_clock(a, pad=True)
        if app.broken_join == number:
            join = f"{a:%m}/31/{a:%Y}" + join[10:]  # 31 June: a date that does not exist
        guest = "Yes" if app.email is None else "No"
        rows.append([app.name, app.email or "", join, us_clock(b, pad=True), _zoom_minutes(a, b), guest,
                     "" if app.email is None else "Y"])
    return csv_bytes(rows, newline="\r\n", bom=b"\xef\xbb\xbf")


def zoom_meeting_id(number: int) -> str:
    """Zoom shows meeting IDs in groups: 841 2290 6613."""
    digits = str(number)
    return f"{digits[:3]} {digits[3:7]} {digits[7:]}"


def zoom_unique_report(apps: list[Appearance]) -> bytes:
    rows = [["Name (Original Name)", "User Email", "Total Duration (Minutes)", "Guest"]]
    for app in apps:
        total = sum(_zoom_minutes(a, b) for a, b in app.intervals)
        rows.append([app.name, app.email or "", total, "Yes" if app.email is None else "No"])
    return csv_bytes(rows, newline="\r\n", bom=b"\xef\xbb\xbf")


def eventbrite_report(session: Session, apps: list[Appearance], us: bool, rng: random.Random) -> bytes:
    if us:
        header = ["Order #", "Order Date", "First Name", "Last Name", "Email", "Quantity", "Price Tier", "Ticket Type",
                  "Attendee #", "Group", "Order Type", "Currency", "Total Paid", "Fees Paid", "Eventbrite Fees",
                  "Eventbrite Payment Processing", "Attendee Status", "Job Title", "Company"]
    else:
        header = ["Order no.", "Order Date", "First Name", "Surname", "Email", "Quantity", "Price Tier", "Ticket Type",
                  "Attendee no.", "Group", "Order Type", "Currency", "Total Paid", "Fees Paid", "Eventbrite Fees",
                  "Eventbrite Payment Processing", "Attendee Status", "Event Name", "Event ID", "Job Title"]
    event_id = 700000000000 + int(session.session_id[-2:]) * 7919
    booked = session.start - timedelta(days=21)
    rows = [header]
    for number, app in enumerate(apps, start=1):
        first, _, last = app.name.partition(" ")
        if app.person is not None:
            first, last = app.person.first_name, app.person.last_name
        ordered = booked + timedelta(minutes=rng.randint(0, 20 * 24 * 60), seconds=rng.randint(0, 59))
        order = 6100000000 + event_id % 100000 * 100 + number
        attendee = 8100000000 + event_id % 100000 * 100 + number
        company = "Example Council" if app.person is not None else "Partner organisation"
        if us:
            when = f"{ordered.month}/{ordered.day}/{ordered:%y} {ordered:%H:%M}"
            rows.append([order, when, first, last, app.email, 1, "", "General Admission", attendee, "", "Free Order",
                         "GBP", 0, 0, 0, 0, app.status_text, app.job_title, company])
        else:
            when = f"{ordered:%Y-%m-%d %H:%M:%S}+01:00"
            rows.append([order, when, first, last, app.email, 1, "", "Free ticket", attendee, "", "Free Order", "GBP",
                         0, 0, 0, 0, app.status_text, session.title, event_id, app.job_title])
    return csv_bytes(rows)


def signin_rows(session: Session, apps: list[Appearance], with_name: bool) -> list[list]:
    has_status = any(app.status_text for app in apps)
    header = ["Session ID", "Employee ID"] + (["Name"] if with_name else []) + ["Email"] + (["Status"] if has_status else [])
    rows = [header]
    for app in apps:
        row = [session.session_id, app.employee_id or ""] + ([app.name] if with_name else []) + [app.email or ""]
        rows.append(row + ([app.status_text] if has_status else []))
    return rows


def attendance_files(model: Model) -> dict[str, bytes]:
    rng = random.Random(f"{model.seed}:files")
    files: dict[str, bytes] = {}
    zoom_numbers = iter(range(84122906613, 89999999999, 7_302_113))
    for session in model.sessions:
        exports = model.attendance.get(session.session_id)
        if not exports:
            continue
        sid, day = session.session_id, session.start
        for kind, apps in exports.items():
            if kind == "teams":
                title = LAW_RENAMED[1] if sid == LAW_RENAMED[0] else session.title
                name = f"attendance/{safe_filename(title)} - Attendance report {day:%d-%m-%y}.csv"
                files[name] = teams_report(title, apps)
            elif kind == "teams_legacy":
                files[f"attendance/{sid}/attendance.csv"] = teams_legacy_report(apps)
            elif kind in ("zoom", "zoom_plain"):
                zoom_number, meeting = next(zoom_numbers), None
                if kind == "zoom":
                    meeting = (zoom_meeting_id(zoom_number), session.title,
                               min(a for app in apps for a, _ in app.intervals),
                               max(b for app in apps for _, b in app.intervals), model.lod_team[2].email)
                folder = "" if kind == "zoom" else f"{sid}/"
                files[f"attendance/{folder}participants_{zoom_number}.csv"] = zoom_report(apps, meeting)
            elif kind == "zoom_unique":
                files[f"attendance/{sid}/report-123.csv"] = zoom_unique_report(apps)
            elif kind == "eventbrite_uk":
                files[f"attendance/report-{day:%Y-%m-%d}T{(day - timedelta(hours=2)):%H%M}.csv"] = eventbrite_report(
                    session, apps, False, rng)
            elif kind == "eventbrite_us":
                files[f"attendance/{sid}/Attendees.csv"] = eventbrite_report(session, apps, True, rng)
            else:
                label = (f"ALS {session.cohort} - meeting {session.title.rsplit(' ', 1)[1]} - sign in"
                         if session.cohort else f"{session.title} sign-in sheet")
                rows = signin_rows(session, apps, with_name=session.programme != ALS)
                if kind == "signin_xlsx":
                    files[f"attendance/{safe_filename(label)}.xlsx"] = xlsx_bytes(rows, session.end + timedelta(hours=1))
                else:
                    files[f"attendance/{safe_filename(label)}.csv"] = csv_bytes(rows, encoding="cp1252", newline="\r\n")
    title, start, apps, host = model.stray_meeting
    zoom_number = next(zoom_numbers)
    meeting = (zoom_meeting_id(zoom_number), title, start,
               start + timedelta(minutes=31), host)
    files[f"attendance/participants_{zoom_number}.csv"] = zoom_report(apps, meeting)
    files["attendance/notes.png"] = PNG_1X1
    return files


def feedback_files(model: Model) -> dict[str, bytes]:
    files = {}
    forms = [r for r in model.responses if r.form == "msforms"]
    header = ["Id", "Start time", "Completion time", "Email", "Name", "Last modified time", "Which lab did you attend?",
              "Overall, how would you rate the lab?", "How likely are you to recommend this lab to a colleague?",
              "What is one thing you learnt?", "Which topics would you like next?"]

    def msforms_row(r: Response) -> list:
        stamp = lambda m: f"{m.month}/{m.day}/{m:%y} {m:%H:%M:%S}"  # noqa: E731 - MS Forms' own US clock
        name = r.person.full_name if r.person else ""
        return [r.response_id, stamp(r.started), stamp(r.submitted), r.email, name, "", r.session.title,
                LIKERT[r.rating], r.recommend, r.comment, "".join(t + ";" for t in r.topics)]

    first = [msforms_row(r) for r in forms if "msforms_xlsx" in r.exports]
    later = [msforms_row(r) for r in forms if "msforms_csv" in r.exports]
    files[f"feedback/Learning at Work Week lab feedback(1-{len(first)}).xlsx"] = xlsx_bytes(
        [header] + first, MSFORMS_FIRST_EXPORT, "Sheet1")
    files["feedback/LAW lab feedback 20-06-25.csv"] = csv_bytes([header] + later, encoding="cp1252", newline="\r\n")

    google = [["Timestamp", "Email address", "Which session did you attend?", "Overall, how would you rate the session?",
               "How likely are you to recommend this session to a colleague?", "What will you do differently?"]]
    for r in (r for r in model.responses if r.form == "google"):
        m = r.submitted
        stamp = f"{m:%Y/%m/%d} {m.hour % 12 or 12}:{m:%M:%S} {'AM' if m.hour < 12 else 'PM'} GMT+1"
        google.append([stamp, r.email, r.session.title, str(r.rating), str(r.recommend), r.comment])
    files["feedback/LAW in-person sessions feedback (Responses) - Form responses 1.csv"] = csv_bytes(google, quote_all=True)

    options = ["Digital skills", "Wellbeing", "Leadership"]
    monkey = [["Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address", "Email Address", "First Name",
               "Last Name", "Custom Data 1", "Which event did you attend?", "How would you rate the event overall?",
               "How likely is it that you would recommend this event to a friend or colleague?",
               "Which topics would you like more of?", "", "", "Any other comments?"],
              ["", "", "", "", "", "", "", "", "", "Response", "Response", "Response", *options, "Open-Ended Response"]]
    for r in (r for r in model.responses if r.form == "surveymonkey"):
        person = r.person
        chosen = {"Digital skills": "Digital skills" in r.topics, "Wellbeing": "Wellbeing" in r.topics,
                  "Leadership": "Leadership" in r.topics}
        monkey.append([114270371700 + r.response_id * 13, 431829562, us_clock(r.started, pad=True),
                       us_clock(r.submitted, pad=True), f"10.20.{r.response_id % 60}.{r.response_id % 250 + 2}",
                       r.email, person.first_name if person else "", person.last_name if person else "", "",
                       r.session.title, r.rating, r.recommend, *[o if chosen[o] else "" for o in options], r.comment])
    files["feedback/Learning at Work Week - Zoom labs.csv"] = csv_bytes(monkey, newline="\r\n")
    return files


def _apache_line(r: Request) -> str:
    stamp = (r.when).strftime("%d/%b/%Y:%H:%M:%S") + " +0100"
    request = "-" if r.method == "-" else f"{r.method} {r.target} HTTP/1.1"
    size = "-" if r.size is None or r.status == 304 else str(r.size)
    return f'{r.ip} - {r.user or "-"} [{stamp}] "{request}" {r.status} {size} "{r.referer or "-"}" "{r.agent}"'


IIS_FIELDS_OLD = "date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken"
IIS_FIELDS_NEW = "date time c-ip cs-username cs-method cs-uri-stem cs-uri-query sc-status cs(User-Agent)"
IIS_RESTARTS = (datetime(2025, 6, 4, 5, 12, 33), datetime(2025, 6, 20, 4, 2, 10))  # UTC; fields change at the first


def _iis_line(r: Request, fields: str, rng: random.Random) -> str:
    utc = r.when - BST
    stem, _, query = r.target.partition("?")
    agent = r.agent.replace(" ", "+")
    if fields == IIS_FIELDS_OLD:
        referer = r.referer or "-"
        return (f"{utc:%Y-%m-%d %H:%M:%S} 10.0.0.5 {r.method} {stem} {query or '-'} 443 {r.user or '-'} {r.ip} "
                f"{agent} {referer} {r.status} 0 0 {rng.randint(15, 400)}")
    return f"{utc:%Y-%m-%d %H:%M:%S} {r.ip} {r.user or '-'} {r.method} {stem} {query or '-'} {r.status} {agent}"


def intranet_files(model: Model, log_lines: int | None, out: Path | None) -> dict[str, bytes]:
    """Apache: up to mid-June in a rotated .gz, the rest in access.log; a second server logs IIS in UTC."""
    rng = random.Random(f"{model.seed}:logs")
    log_start = datetime.combine(LOG_FIRST_DAY, time())  # both servers started new files then (UTC for IIS)
    ordered = sorted((r for r in model.requests if r.when - (BST if r.server == "iis" else timedelta()) >= log_start),
                     key=lambda r: r.when)
    rotated = [_apache_line(r) for r in ordered if r.server == "apache" and r.when.date() < LOG_ROTATED]
    current = [_apache_line(r) for r in ordered if r.server == "apache" and r.when.date() >= LOG_ROTATED]
    rotated = _sprinkle(rotated, model.garbage[ROTATED_LOG], rng)
    current = _sprinkle(current, model.garbage["access.log"], rng)

    iis = []
    fields, restarts = IIS_FIELDS_OLD, list(IIS_RESTARTS)
    iis += _iis_header(datetime(2025, 5, 15), fields)
    for r in ordered:
        if r.server != "iis" or r.method == "-":
            continue
        while restarts and r.when - BST >= restarts[0]:
            fields = IIS_FIELDS_NEW
            iis += _iis_header(restarts.pop(0), fields)
        iis.append(_iis_line(r, fields, rng))
    iis = iis[:4] + _sprinkle(iis[4:], model.garbage["u_ex250515.log"], rng)

    files = {
        f"intranet/{ROTATED_LOG}": gzip_bytes("".join(line + "\n" for line in rotated).encode("utf-8")),
        "intranet/u_ex250515.log": "".join(line + "\r\n" for line in iis).encode("utf-8"),
    }
    if log_lines is None:
        files["intranet/access.log"] = "".join(line + "\n" for line in current).encode("utf-8")
    else:  # streamed: millions of lines never sit in memory at once
        _write_padded_log(out / "intranet/access.log", current, log_lines, rng)
    return files


def _iis_header(moment: datetime, fields: str) -> list[str]:
    return ["#Software: Microsoft Internet Information Services 10.0", "#Version: 1.0",
            f"#Date: {moment:%Y-%m-%d %H:%M:%S}", f"#Fields: {fields}"]


def _sprinkle(lines: list[str], garbage: list[str], rng: random.Random) -> list[str]:
    out = list(lines)
    for junk in garbage:
        out.insert(rng.randrange(1, len(out)), junk)
    return out


def _write_padded_log(path: Path, lines: list[str], total: int, rng: random.Random):
    """The June log padded with anonymous everyday traffic to `total` lines, for the intranet benchmark.

    Padding reads pages outside every programme from addresses no one else uses, so the
    programme figures do not change; only the volume does. Written as a stream.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    timed, previous = [], datetime.combine(LOG_ROTATED, time())
    for line in lines:  # a garbage line keeps the time of the line before it
        previous = _apache_time(line) or previous
        timed.append((previous, line))
    extra = max(0, total - len(lines))
    start = datetime.combine(LOG_ROTATED, time())
    step = (datetime(2025, 7, 1) - start).total_seconds() / max(1, extra)
    position = 0
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        for number in range(extra):
            when = start + timedelta(seconds=int(number * step))
            while position < len(timed) and timed[position][0] <= when:
                out.write(timed[position][1] + "\n")
                position += 1
            page = OTHER_PAGES[number % len(OTHER_PAGES)] if number % 3 else STATIC[number % len(STATIC)]
            out.write(f'10.99.{number // 62500 % 250}.{number // 250 % 250 + 2} - - [{when:%d/%b/%Y:%H:%M:%S} +0100] '
                      f'"GET {page} HTTP/1.1" 200 {4000 + number % 9000} "-" "{BROWSERS[number % len(BROWSERS)]}"\n')
        for _, line in timed[position:]:
            out.write(line + "\n")


def _apache_time(line: str) -> datetime | None:
    try:
        return datetime.strptime(line.split("[", 1)[1][:20], "%d/%b/%Y:%H:%M:%S")
    except (IndexError, ValueError):
        return None


# ---------------------------------------------------------------------------
# Building and writing
# ---------------------------------------------------------------------------


def build_model(seed: int = 2025, scale: int = 1) -> Model:
    snapshots, special = build_roster(seed, scale)
    sessions = build_catalogue(scale)
    builder = _Attendance(seed, scale, snapshots, special, sessions)
    attendance, unrecorded = builder.build()
    stray = builder.stray_meeting()
    responses = build_feedback(seed, sessions, attendance, unrecorded)
    requests, garbage = build_intranet(seed, scale, snapshots, sessions, attendance, unrecorded, responses)
    sam = special["sam"][0]
    corrections = [("person", "Sam's iPad", sam.employee_id), ("session", LAW_RENAMED[1], LAW_RENAMED[0])]
    return Model(seed, scale, snapshots, sessions, attendance, unrecorded, stray, responses, requests, garbage,
                 corrections, special["lod"])


def render(model: Model, log_lines: int | None = None, out: Path | None = None) -> dict[str, bytes]:
    """Every demo file as bytes, keyed by its path under the raw folder."""
    files = {}
    for part in (roster_files(model), catalogue_file(model), corrections_file(model), attendance_files(model),
                 feedback_files(model), intranet_files(model, log_lines, out)):
        files.update(part)
    return files


def generate(out: Path, seed: int = 2025, scale: int = 1, log_lines: int | None = None) -> Model:
    out = Path(out)
    model = build_model(seed, scale)
    files = render(model, log_lines, out)
    for name, data in sorted(files.items()):
        path = out / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    written = set(files) | ({"intranet/access.log"} if log_lines is not None else set())
    stale = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file() and str(p.relative_to(out)) not in written)
    for name in stale:
        print(f"note: {name} was not written by this run (left as it is)")
    return model


# ---------------------------------------------------------------------------
# The figures the pipeline should find
# ---------------------------------------------------------------------------


class _Directory:
    """Links records to employees by the SPEC's rules, over every snapshot."""

    def __init__(self, model: Model):
        self.ids: set[str] = set()
        self.by_email: dict[str, set[str]] = defaultdict(set)
        self.by_name: dict[str, set[str]] = defaultdict(set)
        self.by_login: dict[str, set[str]] = defaultdict(set)
        for snapshot in model.snapshots.values():
            for e in snapshot:
                self.ids.add(e.employee_id)
                self.by_email[e.email.lower()].add(e.employee_id)
                self.by_name[plain_name(e.full_name)].add(e.employee_id)
                for login in (e.username.lower(), e.email.lower(), e.email.lower().split("@")[0]):
                    self.by_login[login].add(e.employee_id)
        self.corrections = {value.strip().lower(): target for kind, value, target in model.corrections if kind == "person"}

    def link(self, app: Appearance) -> str | None:
        for value in (app.name, app.email, app.upn):
            if value and value.strip().lower() in self.corrections:
                return self.corrections[value.strip().lower()]
        if app.employee_id in self.ids:
            return app.employee_id
        for value in (app.email, app.upn):
            if value and len(self.by_email.get(value.strip().lower(), ())) == 1:
                return next(iter(self.by_email[value.strip().lower()]))
        if not (app.email or app.upn or app.employee_id):
            found = self.by_name.get(plain_name(app.name), set())
            return next(iter(found)) if len(found) == 1 else None
        return None

    def link_user(self, user: str) -> str | None:
        found = self.by_login.get(user.split("\\")[-1].lower(), set())
        return next(iter(found)) if len(found) == 1 else None


def _status(app: Appearance, kind: str, session: Session) -> str | None:
    if kind.startswith("eventbrite"):
        return EVENTBRITE_STATUS[app.status_text]
    if kind.startswith("signin"):
        return NO_SHOW if app.status_text == "Absent" else PRESENT
    intervals = [iv for n, iv in enumerate(app.intervals) if n != app.broken_join]
    if app.open_ended:
        intervals[-1] = (intervals[-1][0], session.end)
    if kind == "zoom_unique":
        present = sum(_zoom_minutes(a, b) for a, b in app.intervals) * 60.0
    else:
        present, last = 0.0, session.start
        for a, b in sorted(intervals):
            a, b = max(a, last, session.start), min(b, session.end)
            if b > a:
                present += (b - a).total_seconds()
                last = b
    if present <= 0:
        return None
    return PRESENT if present >= ATTENDED_SHARE * session.seconds else PARTIAL


DEMO_PREFIXES = {LAW: LAW_PATH}  # as data/demo.toml sets [programmes."..."] intranet_prefix


def expected_figures(model: Model, prefixes: dict[str, str] | None = None) -> dict[str, dict]:
    """Headline figures by the SPEC's definitions, from the model (never from the files).

    `prefixes` are the programmes' intranet_prefix settings (default: the demo's). Every
    landing-page view shares its visit with a lab page, so they change page views only.
    """
    prefixes = DEMO_PREFIXES if prefixes is None else prefixes
    directory = _Directory(model)
    window_start, window_end = law_window()
    figures = {}
    for programme in PROGRAMMES:
        sessions = [s for s in model.sessions if s.programme == programme]
        delivered = [s for s in sessions if s.delivered]
        last_day = max(s.start.date() for s in delivered)
        snapshot = max((d for d in model.snapshots if d <= last_day), default=min(model.snapshots))
        managers_only = all(s.audience == "Managers" for s in sessions)
        headcount = {e.employee_id for e in model.snapshots[snapshot]
                     if e.active_on(last_day) and (e.is_manager or not managers_only)}

        best: dict[tuple[str, tuple], str] = {}
        registered: set[tuple[str, tuple]] = set()
        for s in delivered:
            for kind, apps in model.attendance.get(s.session_id, {}).items():
                for app in apps:
                    employee = directory.link(app)
                    key = ("employee", employee) if employee else ("guest", (app.email or app.name).strip().lower())
                    status = _status(app, kind, s)
                    if status is None:
                        continue
                    pair = (s.session_id, key)
                    if STRENGTH[status] > STRENGTH.get(best.get(pair), -1):
                        best[pair] = status
                    if (kind.startswith("eventbrite") and status != CANCELLED) or (
                            kind in ("signin", "signin_xlsx") and app.status_text):
                        registered.add(pair)
        came = {pair for pair, status in best.items() if status in (PRESENT, PARTIAL)}
        participants = {key[1] for _, key in came if key[0] == "employee" and key[1] in headcount}
        no_shows = sum(1 for pair in registered if best[pair] == NO_SHOW)

        responses = [r for r in model.responses if r.session.programme == programme and r.session.delivered]
        ratings = [r.rating for r in responses if 1 <= r.rating <= 5]
        recommends = [r.recommend for r in responses]
        identified = set()
        for r in responses:
            found = directory.by_email.get(r.email.strip().lower(), set())
            if len(found) == 1:
                identified |= found
        figure = {
            "sessions_delivered": len(delivered),
            "delivered_without_attendance": sorted(s.session_id for s in delivered if s.session_id not in model.attendance),
            "headcount": len(headcount),
            "participants": len(participants),
            "participation_pct": round(100 * len(participants) / len(headcount), 2),
            "attendances": len(came),
            "guests": sum(1 for _, key in came if key[0] == "guest"),
            "registrations": len(registered),
            "no_shows": no_shows,
            "feedback_responses": len(responses),
            "avg_rating": round(sum(ratings) / len(ratings), 3) if ratings else None,
            "nps": (round(100 * (sum(v >= 9 for v in recommends) - sum(v <= 6 for v in recommends)) / len(recommends), 2)
                    if recommends else None),
            "total_cost_gbp": sum(s.cost for s in delivered),
        }
        paths = sorted({p.lower().rstrip("/") for p in [s.intranet_path for s in sessions] + [prefixes.get(programme)] if p})
        visitors: set[str] = set()
        if paths:
            first_day = min(s.start.date() for s in delivered)
            start = datetime.combine(first_day - timedelta(days=WINDOW_DAYS), time())
            end = datetime.combine(last_day + timedelta(days=WINDOW_DAYS + 1), time())
            visits, page_views, visitors = _programme_visits(model.requests, paths, start, end)
            linked = {directory.link_user(v) for v in visitors if not v.startswith("ip:")}
            figure.update(programme_visits=visits, page_views=page_views, unique_visitors=len(visitors),
                          authenticated_visitors_in_headcount=len(linked & headcount))
            visitors = linked
        engaged = participants | (identified & headcount) | (visitors & headcount)
        figure.update(engaged_people=len(engaged), engaged_pct=round(100 * len(engaged) / len(headcount), 2))
        if any(s.cohort for s in sessions):
            figure["cohorts"] = _cohorts(delivered, best, registered, headcount)
        figures[programme] = figure
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


def _cohorts(delivered: list[Session], best: dict, registered: set, headcount: set) -> dict[str, dict]:
    out = {}
    for cohort in sorted({s.cohort for s in delivered if s.cohort}):
        meetings = [s.session_id for s in delivered if s.cohort == cohort]
        members: dict[str, int] = {}
        for (sid, key), status in best.items():
            if sid in meetings and key[0] == "employee" and key[1] in headcount:
                members.setdefault(key[1], 0)
                members[key[1]] += status in (PRESENT, PARTIAL)
        completed = sum(1 for n in members.values() if n >= 0.8 * len(meetings))
        out[cohort] = {"meetings_held": len(meetings), "members": len(members), "completed_members": completed,
                       "completion_pct": round(100 * completed / len(members), 2) if members else None}
    return out


STATIC_SUFFIXES = (".css", ".js", ".png", ".jpg", ".jpeg", ".gif", ".svg", ".ico", ".woff", ".woff2", ".ttf", ".map")
ROBOT_WORDS = ("bot", "crawl", "spider", "slurp", "monitor", "uptime", "curl", "wget", "python-requests")


def _programme_visits(requests: list[Request], paths: list[str], start: datetime, end: datetime):
    """SPEC section 3, Intranet: page views, visits (30-minute gap), programme visits in the window."""
    views = defaultdict(list)
    for r in requests:
        path = r.target.split("?", 1)[0].lower().rstrip("/") or "/"
        if (r.method != "GET" or not 200 <= r.status <= 399 or path.endswith(STATIC_SUFFIXES)
                or any(word in r.agent.lower() for word in ROBOT_WORDS)):
            continue
        visitor = r.user.split("\\")[-1].lower() if r.user else f"ip:{r.ip} {r.agent}"
        views[visitor].append((r.when, path))
    visits = page_views = 0
    visitors = set()
    for visitor, seen in views.items():
        seen.sort()
        current, last = [], None
        for when, path in seen + [(None, None)]:
            if when is None or (last is not None and when - last > timedelta(minutes=30)):
                hits = [p for w, p in current if start <= w < end and any(p == q or p.startswith(q + "/") for q in paths)]
                if hits:
                    visits += 1
                    page_views += len(hits)
                    visitors.add(visitor)
                current = []
            current.append((when, path))
            last = when
    return visits, page_views, visitors


# ---------------------------------------------------------------------------
# Command line
# ---------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=Path("data/raw"), help="the raw folder to write (default data/raw)")
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--scale", type=int, default=1, help="multiply staff, attendance and traffic (1, 10, 100)")
    parser.add_argument("--log-lines", type=int, default=None, help="pad the plain Apache log to this many lines")
    args = parser.parse_args(argv)
    model = generate(args.out, args.seed, args.scale, args.log_lines)
    for programme, figure in expected_figures(model).items():
        print(programme)
        for name, value in figure.items():
            print(f"  {name}: {value}")
    if args.log_lines is None:
        for name, counts in expected_log_lines(model).items():
            print(f"{name}: {counts}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
