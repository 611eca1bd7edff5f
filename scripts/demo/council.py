"""The council and its programmes as the demo tells them: organisation, people's attributes, names, plans."""

from __future__ import annotations

from datetime import date, datetime, timedelta

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

CIVIC = "Civic Centre"

# Directorate: (share of staff, [(service, share, {location: share})])
ORGANISATION = {
    "Adults' Services": (
        0.23,
        [
            ("Adult Social Care", 0.35, {CIVIC: 0.6, "Eastfield Hub": 0.4}),
            ("Reablement", 0.2, {CIVIC: 0.3, "Eastfield Hub": 0.7}),
            ("Safeguarding Adults", 0.15, {CIVIC: 1}),
            ("Commissioning", 0.15, {CIVIC: 1}),
            ("Occupational Therapy", 0.15, {CIVIC: 0.5, "Eastfield Hub": 0.5}),
        ],
    ),
    "Children's Services": (
        0.25,
        [
            ("Children's Social Care", 0.35, {CIVIC: 0.7, "Eastfield Hub": 0.3}),
            ("Early Help", 0.2, {"Eastfield Hub": 0.6, CIVIC: 0.4}),
            ("Education & Inclusion", 0.2, {CIVIC: 1}),
            ("Fostering & Adoption", 0.1, {CIVIC: 1}),
            ("SEND Services", 0.15, {CIVIC: 1}),
        ],
    ),
    "Place": (
        0.27,
        [
            ("Highways", 0.15, {"Northgate Depot": 1}),
            ("Waste & Recycling", 0.25, {"Riverside Depot": 1}),
            ("Parks & Open Spaces", 0.12, {"Riverside Depot": 0.7, "Northgate Depot": 0.3}),
            ("Planning", 0.08, {CIVIC: 1}),
            ("Libraries", 0.15, {"Central Library": 0.5, "Westfield Library": 0.25, "Eastbrook Library": 0.25}),
            ("Leisure", 0.1, {"Parkside Leisure Centre": 1}),
            ("Housing", 0.08, {CIVIC: 1}),
            ("Regulatory Services", 0.07, {CIVIC: 1}),
        ],
    ),
    "Resources": (
        0.15,
        [
            ("Finance", 0.18, {CIVIC: 1}),
            ("HR & OD", 0.12, {CIVIC: 1}),
            ("ICT & Digital", 0.15, {CIVIC: 1}),
            ("Legal Services", 0.08, {CIVIC: 1}),
            ("Revenues & Benefits", 0.2, {CIVIC: 1}),
            ("Customer Services", 0.2, {CIVIC: 0.7, "Central Library": 0.3}),
            ("Procurement", 0.07, {CIVIC: 1}),
        ],
    ),
    "Public Health": (
        0.05,
        [
            ("Health Improvement", 0.5, {CIVIC: 1}),
            ("Health Protection", 0.25, {CIVIC: 1}),
            ("Public Health Intelligence", 0.25, {CIVIC: 1}),
        ],
    ),
    "Chief Executive's": (
        0.05,
        [
            ("Communications", 0.3, {CIVIC: 1}),
            ("Policy & Performance", 0.3, {CIVIC: 1}),
            ("Democratic Services", 0.25, {CIVIC: 1}),
            ("Elections", 0.15, {CIVIC: 1}),
        ],
    ),
}
DESK_BASED = {
    CIVIC: 1.3,
    "Eastfield Hub": 1.0,
    "Central Library": 0.8,
    "Westfield Library": 0.8,
    "Eastbrook Library": 0.8,
    "Parkside Leisure Centre": 0.6,
    "Northgate Depot": 0.4,
    "Riverside Depot": 0.4,
}

STAFF_GRADES = {
    "SC1": 6,
    "SC2": 9,
    "SC3": 12,
    "SC4": 12,
    "SC5": 10,
    "SC6": 10,
    "SO1": 11,
    "SO2": 10,
    "PO1": 8,
    "PO2": 6,
    "PO3": 4,
    "PO4": 2,
}
MANAGER_GRADES = {"PO4": 12, "PO5": 20, "M1": 30, "M2": 22, "M3": 14}
MANAGER_SHARE = 0.118

SEXES = {"Female": 62, "Male": 37, "Prefer not to say": 1}
AGE_BANDS = {"16-24": 5, "25-34": 18, "35-44": 23, "45-54": 27, "55-64": 23, "65+": 4}
ETHNICITIES = {
    "White British": 78,
    "White Other": 5,
    "Asian or Asian British": 7,
    "Black or Black British": 4,
    "Mixed": 2,
    "Other ethnic group": 1,
    "Prefer not to say": 3,
}
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
ACCENTED = [
    ("Zoë", "Hargreaves", "Female"),
    ("José", "Fernández", "Male"),
    ("Chloé", "Lefèvre", "Female"),
    ("Siân", "Pritchard", "Female"),
    ("Seán", "Ó Briain", "Male"),
    ("Renée", "Müller", "Female"),
]
SHARED_NAME = ("Sarah", "Khan", "Female")  # two employees share it: name-only records cannot link
NICKNAMES = {"Robert": "Bob", "William": "Bill", "Elizabeth": "Liz", "Katherine": "Kate", "Margaret": "Maggie"}

# LAW labs: id, day of June, start, end, title, slug, location, audience, capacity, cost, topic, exports.
LAW_PLAN = [
    (
        "LAW-01",
        2,
        "10:00",
        "11:00",
        "Welcome to Learning at Work Week",
        "welcome",
        "Microsoft Teams",
        "All staff",
        60,
        0,
        "Personal Effectiveness",
        ("teams",),
    ),
    (
        "LAW-02",
        2,
        "13:00",
        "15:00",
        "Coaching conversations",
        "coaching",
        CIVIC,
        "All staff",
        30,
        475,
        "Coaching & Mentoring",
        ("eventbrite_uk", "signin"),
    ),
    (
        "LAW-03",
        2,
        "14:00",
        "15:00",
        "Cyber security: spotting phishing",
        "cyber-security",
        "Zoom",
        "All staff",
        60,
        0,
        "Information Governance",
        ("zoom",),
    ),
    (
        "LAW-04",
        3,
        "09:30",
        "12:30",
        "Managing hybrid teams",
        "hybrid-teams",
        CIVIC,
        "Managers",
        20,
        1100,
        "Leadership & Management",
        ("signin_xlsx",),
    ),
    (
        "LAW-05",
        3,
        "12:30",
        "13:15",
        "Mindfulness at lunchtime",
        "mindfulness",
        "Microsoft Teams",
        "All staff",
        60,
        0,
        "Health & Wellbeing",
        ("teams_legacy",),
    ),
    (
        "LAW-06",
        3,
        "14:00",
        "15:30",
        "Plain English writing",
        "plain-english",
        "Microsoft Teams",
        "All staff",
        60,
        475,
        "Personal Effectiveness",
        ("teams",),
    ),
    (
        "LAW-07",
        4,
        "10:00",
        "11:00",
        "Menopause awareness",
        "menopause",
        "Microsoft Teams",
        "All staff",
        60,
        0,
        "Health & Wellbeing",
        ("teams",),
    ),
    (
        "LAW-08",
        4,
        "12:00",
        "13:00",
        "Health walk from Parkside",
        "health-walk",
        "Parkside Leisure Centre",
        "All staff",
        25,
        0,
        "Health & Wellbeing",
        ("signin_nostatus",),
    ),
    (
        "LAW-09",
        4,
        "14:00",
        "16:00",
        "Excel: pivot tables and charts",
        "excel-pivot-tables",
        "Zoom",
        "All staff",
        40,
        550,
        "Digital Skills",
        ("zoom_plain",),
    ),
    (
        "LAW-10",
        5,
        "09:30",
        "11:00",
        "Resilience and wellbeing",
        "resilience",
        "Central Library",
        "All staff",
        40,
        550,
        "Health & Wellbeing",
        ("eventbrite_uk",),
    ),
    (
        "LAW-11",
        5,
        "13:00",
        "14:00",
        "Introduction to AI tools at work",
        "ai-tools",
        "Microsoft Teams",
        "All staff",
        60,
        0,
        "Digital Skills",
        ("teams",),
    ),
    (
        "LAW-12",
        5,
        "14:00",
        "16:00",
        "Difficult conversations",
        "difficult-conversations",
        CIVIC,
        "All staff",
        24,
        800,
        "Leadership & Management",
        (),
    ),
    (
        "LAW-13",
        6,
        "10:00",
        "11:30",
        "Neurodiversity at work",
        "neurodiversity",
        "Zoom",
        "All staff",
        60,
        650,
        "Equality, Diversity & Inclusion",
        ("zoom",),
    ),
    (
        "LAW-14",
        6,
        "13:00",
        "14:00",
        "Financial wellbeing",
        "financial-wellbeing",
        "Microsoft Teams",
        "All staff",
        60,
        0,
        "Health & Wellbeing",
        ("teams",),
    ),
    (
        "LAW-15",
        9,
        "10:00",
        "12:00",
        "Budget basics for managers",
        "budget-basics",
        CIVIC,
        "Managers",
        20,
        650,
        "Leadership & Management",
        ("eventbrite_us",),
    ),
    (
        "LAW-16",
        9,
        "14:00",
        "15:00",
        "Data protection refresher",
        "data-protection",
        "Microsoft Teams",
        "All staff",
        60,
        0,
        "Information Governance",
        ("teams",),
    ),
    (
        "LAW-17",
        10,
        "09:30",
        "11:00",
        "Carbon literacy taster",
        "carbon-literacy",
        "Northgate Depot",
        "All staff",
        20,
        300,
        "Sustainability",
        ("signin",),
    ),
    (
        "LAW-18",
        10,
        "12:30",
        "13:15",
        "Chair-based yoga",
        "chair-yoga",
        "Parkside Leisure Centre",
        "All staff",
        15,
        0,
        "Health & Wellbeing",
        (),
    ),
    (
        "LAW-19",
        10,
        "14:00",
        "15:00",
        "Getting the most from Microsoft Teams",
        "teams-tips",
        "Microsoft Teams",
        "All staff",
        60,
        0,
        "Digital Skills",
        ("teams_legacy",),
    ),
    (
        "LAW-20",
        11,
        "10:00",
        "11:30",
        "Customer service excellence",
        "customer-service",
        "Westfield Library",
        "All staff",
        30,
        475,
        "Customer Service",
        ("eventbrite_uk",),
    ),
    (
        "LAW-21",
        11,
        "14:00",
        "15:00",
        "Time management",
        "time-management",
        "Zoom",
        "All staff",
        60,
        0,
        "Personal Effectiveness",
        ("zoom_unique",),
    ),
    (
        "LAW-22",
        12,
        "09:30",
        "11:00",
        "Career conversations",
        "career-conversations",
        "Microsoft Teams",
        "All staff",
        60,
        0,
        "Coaching & Mentoring",
        ("teams",),
    ),
    (
        "LAW-23",
        12,
        "13:00",
        "14:30",
        "Makerspace open session",
        "makerspace",
        "Central Library",
        "All staff",
        15,
        0,
        "Digital Skills",
        ("eventbrite_uk", "signin"),
    ),
    (
        "LAW-24",
        12,
        "14:00",
        "15:00",
        "Inclusive recruitment",
        "inclusive-recruitment",
        "Zoom",
        "All staff",
        60,
        0,
        "Equality, Diversity & Inclusion",
        ("zoom",),
    ),
    (
        "LAW-25",
        13,
        "10:00",
        "11:30",
        "Presentation skills",
        "presentation-skills",
        CIVIC,
        "All staff",
        30,
        700,
        "Personal Effectiveness",
        ("eventbrite_uk",),
    ),
    (
        "LAW-26",
        13,
        "13:00",
        "14:00",
        "Reflect and plan: closing session",
        "closing-session",
        "Microsoft Teams",
        "All staff",
        60,
        0,
        "Personal Effectiveness",
        ("teams",),
    ),
]
LAW_CANCELLED = "LAW-18"
LAW_NO_FILE = "LAW-12"
LAW_RENAMED = ("LAW-06", "Plain English writing (moved)")  # the Teams title; corrections.csv maps it back
LAW_PATH = "/learning/law"

# Action learning sets: cohort, first meeting, start, end, location, size.
ALS_PLAN = [
    ("Set 1", date(2025, 4, 1), "09:30", "12:30", CIVIC, 9),
    ("Set 2", date(2025, 4, 10), "13:30", "16:30", CIVIC, 9),
    ("Set 3", date(2025, 4, 29), "13:30", "16:30", "Central Library", 8),
]
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
EVENTBRITE_STATUS = {
    "Checked In": PRESENT,
    "Attending": NO_SHOW,
    "Not Attending": CANCELLED,
    "Deleted": CANCELLED,
    "Refunded": CANCELLED,
    "Transferred": CANCELLED,
}

# A tiny valid PNG (1x1): the pipeline must skip it with a reason.
PNG_1X1 = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)
