"""The demo data: deterministic, written in every export format, and telling the SPEC's stories.

The expected headline figures are computed from the generator's own model (who
really came, visited, answered), never by parsing the files, so that they can be
compared with what the pipeline computes from the files. Run with `-s` to see them.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import zipfile
from datetime import date, timedelta
from pathlib import Path

import pytest

from scripts.demo import build_model, expected_figures, generate, render
from scripts.demo.council import ALS, DC, LAW, LAW_PATH, NETBIOS, NICKNAMES, PARTIAL, PRESENT, SNAPSHOTS
from scripts.demo.intranet import law_window
from scripts.demo.last_year import COACHING, INDUCTION, LAST_YEAR_PROGRAMMES, LAST_YEAR_SNAPSHOTS, LAW_2024
from scripts.demo.linking import Directory, status_of
from scripts.demo.model import Model, Session, plain_name
from scripts.demo.roster import build_roster

REPO = Path(__file__).resolve().parents[1]
COMMITTED = REPO / "data" / "raw"


@pytest.fixture(scope="module")
def model() -> Model:
    return build_model(2025, 1)


@pytest.fixture(scope="module")
def files(model) -> dict[str, bytes]:
    return render(model)


@pytest.fixture(scope="module")
def figures(model) -> dict[str, dict]:
    return expected_figures(model)


def one(files: dict[str, bytes], test) -> tuple[str, bytes]:
    found = [(name, data) for name, data in files.items() if test(name)]
    assert len(found) == 1, [name for name, _ in found]
    return found[0]


def digests(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


# -- determinism -------------------------------------------------------------


def test_the_same_seed_writes_byte_identical_files(tmp_path):
    generate(tmp_path / "a", seed=2025)
    generate(tmp_path / "b", seed=2025)
    first, second = digests(tmp_path / "a"), digests(tmp_path / "b")
    assert len(first) == 85
    assert first == second


def test_another_seed_writes_other_data():
    assert (
        render(build_model(7))["roster/roster_2025-04-01.csv"]
        != render(build_model(2025))["roster/roster_2025-04-01.csv"]
    )


def test_the_committed_demo_data_is_what_the_generator_writes(files):
    committed = {str(p.relative_to(COMMITTED)): p.read_bytes() for p in COMMITTED.rglob("*") if p.is_file()}
    assert sorted(committed) == sorted(files)
    changed = [name for name in files if committed[name] != files[name]]
    assert changed == [], "regenerate with: python -m scripts.demo --out data/raw --seed 2025"


def test_the_demo_stays_small(files):
    assert sum(len(data) for data in files.values()) < 4_000_000


def test_log_lines_pads_the_plain_apache_log_without_touching_the_rest(tmp_path, files):
    generate(tmp_path, seed=2025, log_lines=20_000)
    padded = (tmp_path / "intranet/access.log").read_bytes()
    lines = padded.decode("utf-8").splitlines()
    assert len(lines) == 20_000
    original = files["intranet/access.log"].decode("utf-8").splitlines()
    assert [line for line in lines if not line.startswith("10.99.")] == original
    assert (tmp_path / "intranet/u_ex250515.log").read_bytes() == files["intranet/u_ex250515.log"]


def test_scale_multiplies_the_workforce():
    snapshots, _ = build_roster(2025, 10)
    assert [len(snapshots[day]) for day in SNAPSHOTS] == [30_120, 30_300]


# -- the council -------------------------------------------------------------


def test_the_roster_is_a_believable_council(model):
    april, june = (model.snapshots[day] for day in SNAPSHOTS)
    assert (len(april), len(june)) == (3012, 3030)
    active = [e for e in june if e.active_on(date(2025, 6, 13))]
    assert len(active) == 3004
    assert sorted({e.directorate for e in june}) == [
        "Adults' Services",
        "Chief Executive's",
        "Children's Services",
        "Place",
        "Public Health",
        "Resources",
    ]
    assert 0.11 < sum(e.is_manager for e in active) / len(active) < 0.13
    locations = {e.location: sum(1 for a in active if a.location == e.location) for e in active}
    assert max(locations, key=locations.get) == "Civic Centre" and len(locations) == 8
    for field, value in (
        ("sex", "Prefer not to say"),
        ("ethnicity", "Prefer not to say"),
        ("disability", "Yes"),
        ("sexual_orientation", "Prefer not to say"),
    ):
        assert any(getattr(e, field) == value for e in active)
    # Joiners and leavers between the snapshots; one leaver goes during the lab week.
    assert sum(1 for e in june if e.start_date > date(2025, 4, 1)) == 30
    assert sorted({e.leave_date for e in june if e.leave_date and e.leave_date > date(2025, 6, 1)}) == [
        date(2025, 6, 6)
    ]
    # Exactly one full name is shared, by two employees.
    names = {}
    for e in june:
        names.setdefault(plain_name(e.full_name), set()).add(e.employee_id)
    assert [name for name, ids in names.items() if len(ids) > 1] == ["sarah khan"]
    assert len({e.username for e in june}) == len({e.email for e in june}) == len(june)


def test_the_april_roster_is_windows_1252_with_crlf_and_accented_names(files):
    data = files["roster/roster_2025-04-01.csv"]
    assert b"Zo\xeb" in data and b"Jos\xe9" in data
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert data.count(b"\r\n") == data.count(b"\n") == 3013
    assert data.startswith(b"Employee ID,First Name,Last Name,Username,Email,Directorate")


def test_the_june_roster_is_a_workbook_with_one_name_column(files):
    data = files["roster/roster_2025-06-01.xlsx"]
    sheet = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml").decode()
    assert "<t>Name</t>" in sheet and "<t>First Name</t>" not in sheet and 'ref="A1:Q3031"' in sheet


# -- the catalogue -----------------------------------------------------------


def test_the_catalogue_holds_three_programmes(model, files):
    rows = list(csv.DictReader(io.StringIO(files["sessions/sessions.csv"].decode("utf-8"))))
    assert list(rows[0]) == [
        "Session ID",
        "Programme",
        "Title",
        "Start",
        "End",
        "Location",
        "Format",
        "Audience",
        "Capacity",
        "Cost (GBP)",
        "Intranet Path",
        "Topic",
        "Cohort",
        "Status",
    ]
    law = [r for r in rows if r["Programme"] == LAW]
    assert len(law) == 26
    assert [r["Session ID"] for r in law if r["Status"] == "cancelled"] == ["LAW-18"]
    assert [r["Session ID"] for r in law if r["Audience"] == "Managers"] == ["LAW-04", "LAW-15"]
    assert {r["Start"][:10] for r in law} == {f"2025-06-{d:02d}" for d in (2, 3, 4, 5, 6, 9, 10, 11, 12, 13)}
    assert min(int(r["Capacity"]) for r in law) == 15 and max(int(r["Capacity"]) for r in law) == 60
    assert min(int(r["Cost (GBP)"]) for r in law) == 0 and max(int(r["Cost (GBP)"]) for r in law) == 1100
    assert all(r["Intranet Path"].startswith("/learning/law/") for r in law)
    assert {r["Format"] for r in law} == {"online", "in person"}
    assert len({r["Location"] for r in law if r["Format"] == "in person"}) == 5
    sets = [r for r in rows if r["Programme"] == ALS]
    assert len(sets) == 30 and {r["Cohort"] for r in sets} == {"Set 1", "Set 2", "Set 3"}
    assert {r["Audience"] for r in sets} == {"Managers"} and max(r["Start"] for r in sets) > "2025-08-31"
    assert sum(1 for s in model.sessions if s.programme == ALS and s.delivered) == 18
    assert {r["Programme"] for r in rows} == {LAW, ALS, DC, *LAST_YEAR_PROGRAMMES}


# -- the exports -------------------------------------------------------------


def test_every_export_format_is_present_with_its_quirks(files):
    name, data = one(files, lambda n: n.startswith("attendance/Welcome to Learning"))
    assert name.endswith("Attendance report 02-06-25.csv")
    text = data.decode("utf-16")
    assert data[:2] == b"\xff\xfe" and text.startswith("1. Summary\r\n") and "\r\n3. In-Meeting Activities\r\n" in text
    assert "(External)\t" in "".join(d.decode("utf-16") for n, d in files.items() if "Attendance report" in n)

    legacy = files["attendance/LAW-05/attendance.csv"]
    assert legacy[:2] == b"\xff\xfe" and legacy.decode("utf-16").startswith("Full Name\tUser Action\tTimestamp\n")
    assert "Zoe Hargreaves\tJoined" in legacy.decode("utf-16")  # the old client drops the accent

    block = [d for n, d in files.items() if "participants_" in n and b"Meeting ID,Topic" in d]
    assert len(block) == 5 and all(
        d.startswith(b"\xef\xbb\xbfMeeting ID,") and b"\r\n\r\nName (Original" in d for d in block
    )
    _, plain = one(files, lambda n: n.startswith("attendance/LAW-09/participants_"))
    assert plain.startswith(b"\xef\xbb\xbfName (Original Name),User Email,Join Time")
    assert files["attendance/LAW-21/report-123.csv"].startswith(
        b"\xef\xbb\xbfName (Original Name),User Email,Total Duration"
    )

    uk = [d for n, d in files.items() if n.startswith("attendance/report-")]
    assert len(uk) == 5 and all(d.startswith(b"Order no.,Order Date,First Name,Surname") for d in uk)
    statuses = {row[16] for d in uk for row in csv.reader(io.StringIO(d.decode("utf-8")))}
    assert statuses >= {"Checked In", "Attending", "Not Attending", "Deleted", "Refunded", "Transferred"}
    assert files["attendance/LAW-15/Attendees.csv"].startswith(b"Order #,Order Date,First Name,Last Name")

    sheets = [d for n, d in files.items() if n.endswith(("sign in.csv", "sign-in sheet.csv"))]
    assert len(sheets) == 22 + 8 and all(b"\r\n" in d and d.startswith(b"Session ID,Employee ID,") for d in sheets)
    assert any(b"W\xf3jcik" in d or b"Jos\xe9" in d for d in sheets)  # Windows-1252
    assert sorted(n for n in files if n.endswith(".xlsx") and "sign" in n) == [
        "attendance/ALS Set 3 - meeting 2 - sign in.xlsx",
        "attendance/Managing hybrid teams sign-in sheet.xlsx",
    ]

    forms_csv = files["feedback/LAW lab feedback 20-06-25.csv"]
    assert b"R\xe9sum\xe9 writing;" in forms_csv and forms_csv.count(b"\r\n") == forms_csv.count(b"\n")
    _, forms_xlsx = one(files, lambda n: n.startswith("feedback/Learning at Work Week lab feedback(1-"))
    assert forms_xlsx[:2] == b"PK"
    google = files["feedback/LAW in-person sessions feedback (Responses) - Form responses 1.csv"]
    assert google.startswith(b'"Timestamp","Email address",') and b' PM GMT+1"' in google
    monkey = files["feedback/Learning at Work Week - Zoom labs.csv"].decode("utf-8").split("\r\n")
    assert monkey[0].startswith("Respondent ID,") and monkey[1].startswith(",,,,,,,,,Response,Response,")

    iis = files["intranet/u_ex250515.log"].decode("utf-8")
    assert iis.count("\r\n") == iis.count("\n")
    assert len({line for line in iis.splitlines() if line.startswith("#Fields")}) == 2
    assert f"{NETBIOS}\\" in iis and "Mozilla/5.0+(" in iis
    assert gzip.decompress(files["intranet/access.log-20250616.gz"]).startswith(b"10.")
    assert b"\r" not in files["intranet/access.log"]
    assert files["corrections/corrections.csv"].startswith(b"Kind,Value,Maps To\n")
    assert files["attendance/notes.png"].startswith(b"\x89PNG")


def test_files_carry_what_the_quarantine_and_data_quality_page_must_show(model, files):
    assert [s.session_id for s in model.sessions if s.delivered and s.session_id not in model.attendance] == [
        "LAW-12",
        "LW24-08",
    ]
    assert not any("Difficult conversations" in name or "LAW-12" in name for name in files)
    # A Zoom meeting that is not in the catalogue, one join on 31 June, one rating of 7 on a 1-5 scale.
    titles = {s.title for s in model.sessions}
    strays = [
        n
        for n, d in files.items()
        if b"Meeting ID,Topic" in d and d.decode("utf-8-sig").splitlines()[1].split(",")[1] not in titles
    ]
    assert len(strays) == 1
    assert sum(d.count(b"06/31/2025") for d in files.values()) == 1
    google = files["feedback/LAW in-person sessions feedback (Responses) - Form responses 1.csv"].decode()
    assert sum(1 for row in csv.reader(io.StringIO(google)) if row[3] == "7") == 1
    # One response is in both Microsoft Forms exports; the renamed Teams meeting has a correction.
    both = [r for r in model.responses if len(r.exports) == 2]
    assert len(both) == 1
    assert ("session", "Plain English writing (moved)", "LAW-06") in model.corrections
    assert any(n.startswith("attendance/Plain English writing (moved)") for n in files)


def test_online_presence_reads_the_same_whichever_way_it_is_measured(model):
    """Clipped union, raw total or total capped at the scheduled length: the same status for everyone.

    So the expected figures do not depend on which reading a parser takes of a
    total-only export (Zoom unique users, Teams' In-Meeting Duration).
    """
    checked = 0
    for session in model.sessions:
        for kind, apps in model.attendance.get(session.session_id, {}).items():
            if not session.online:
                continue
            for app in apps:
                total = sum((b - a).total_seconds() for n, (a, b) in enumerate(app.intervals) if n != app.broken_join)
                readings = {
                    status_of(app, kind, session),
                    status_from(total, session),
                    status_from(min(total, session.seconds), session),
                }
                assert len(readings) == 1, (session.session_id, app.name)
                checked += 1
    assert checked == 612 + 260  # this year, last year


def status_from(seconds: float, session: Session) -> str:
    return PRESENT if seconds >= 0.5 * session.seconds else PARTIAL


# -- the stories ---------------------------------------------------------------


def test_the_headline_figures_tell_the_story(figures):
    for programme, figure in figures.items():
        print(f"\n{programme}")
        for name, value in figure.items():
            print(f"  {name}: {value}")
    law = figures[LAW]
    assert law["sessions_delivered"] == 25 and law["delivered_without_attendance"] == ["LAW-12"]
    assert law["headcount"] == 3004
    assert law["participants"] == 567  # "over 500 people took part"
    assert law["engaged_people"] == 1432 and round(law["engaged_pct"]) == 48  # "an estimated 48% ... got involved"
    assert law["programme_visits"] == 2160  # "over 2,000 visits to the intranet"
    assert 30 <= law["nps"] <= 50
    als = figures[ALS]
    assert als["headcount"] == 363  # managers only: every set meeting is for managers
    assert {
        cohort: (c["members"], c["meetings_held"], c["completed_members"]) for cohort, c in als["cohorts"].items()
    } == {"Set 1": (9, 7, 8), "Set 2": (8, 6, 8), "Set 3": (8, 5, 7)}


def test_the_landing_page_prefix_changes_page_views_only(model, figures):
    plain = expected_figures(model, prefixes={})[LAW]
    law = figures[LAW]
    assert plain["page_views"] < law["page_views"]
    for name in ("programme_visits", "unique_visitors", "engaged_people"):
        assert plain[name] == law[name]


def test_engagement_comes_from_all_three_sources(model, figures):
    """Participants alone would be about 19%; feedback and intranet reading take it to 48%."""
    law = figures[LAW]
    assert law["participants"] < law["authenticated_visitors_in_headcount"] < law["engaged_people"]
    identified = {r.person.employee_id for r in model.responses if r.person is not None}
    unrecorded = {e.employee_id for e in model.unrecorded["LAW-12"]}
    assert identified & unrecorded, "someone who went to LAW-12 is known only from feedback"


def test_the_story_people_show_up_where_the_linking_rules_are_tested(model):
    apps = {sid: [a for kind in exports.values() for a in kind] for sid, exports in model.attendance.items()}
    directory = Directory(model)
    week_leaver = next(e for e in model.snapshots[SNAPSHOTS[1]] if e.leave_date == date(2025, 6, 6))
    assert any(a.person is week_leaver for a in apps["LAW-01"])  # linked, but not in the headcount
    shared = [a for a in apps["LAW-19"] if a.name == "Sarah Khan"]
    assert len(shared) == 1 and directory.link(shared[0]) is None  # two employees have that name
    sam = next(a for a in apps["LAW-24"] if a.name == "Sam's iPad")
    assert directory.link(sam) == sam.person.employee_id  # by the correction
    nicknamed = [a for a in apps["LAW-19"] if a.person and a.name.split()[0] == NICKNAMES.get(a.person.first_name)]
    assert len(nicknamed) == 1 and directory.link(nicknamed[0]) is None  # 'Bill Lowe' is not on the roster
    assert any(", " in a.name and a.person is not None for sid in apps for a in apps[sid])
    assert any(a.person and a.email and a.email != a.upn and a.upn for sid in apps for a in apps[sid])
    assert any(a.open_ended for a in apps["LAW-05"]) and any(a.open_ended for a in apps["LAW-19"])


def test_intranet_window_edges_are_in_local_time(model):
    """IIS logs UTC: two visits just after midnight on 19 May (local) are in; one on 28 June is out."""
    start, end = law_window()
    edge = [
        r
        for r in model.requests
        if r.server == "iis" and r.method == "GET" and r.target.lower().startswith(LAW_PATH) and r.when.hour == 0
    ]
    assert sorted(r.when.date() for r in edge) == [date(2025, 5, 19), date(2025, 5, 19), date(2025, 6, 28)]
    assert [start <= r.when < end for r in sorted(edge, key=lambda r: r.when)] == [True, True, False]
    assert all((r.when - timedelta(hours=1)).date() != r.when.date() for r in edge)


# -- last year -------------------------------------------------------------------


def test_last_year_has_its_own_rosters_with_joiners_leavers_and_a_reorganisation(model, files):
    april, october = (model.snapshots[day] for day in LAST_YEAR_SNAPSHOTS)
    ids = {day: {e.employee_id for e in model.snapshots[day]} for day in model.snapshots}
    assert len(ids[LAST_YEAR_SNAPSHOTS[1]] - ids[LAST_YEAR_SNAPSHOTS[0]]) > 50  # joined between April and October
    left = [e for e in october if e.leave_date is not None]
    assert left and all(LAST_YEAR_SNAPSHOTS[0] < e.leave_date <= LAST_YEAR_SNAPSHOTS[1] for e in left)
    gone = {e.employee_id for e in april} - ids[date(2025, 4, 1)]
    assert len(gone) > 200  # left during 2024: on no 2025 snapshot
    # Public Health was part of Adults' Services until September 2024.
    assert "Public Health" not in {e.directorate for e in april} and "Public Health" in {e.directorate for e in october}
    assert sum(e.sex == "Non-binary" for e in october) == 3  # a group of fewer than five
    assert files["roster/roster_2024-04-01.csv"].startswith(b"Employee ID,First Name,Last Name")
    assert files["roster/roster_2024-10-01.xlsx"][:2] == b"PK"


def test_people_who_left_in_2024_share_no_name_or_login_with_anyone(model):
    """So that no record of this year links differently: name-only records, e-mails and intranet users."""
    people = model.employees.values()
    assert len({plain_name(e.full_name) for e in people}) == len(people) - 1  # the two Sarah Khans only
    assert len({e.username.lower() for e in people}) == len({e.email.lower() for e in people}) == len(people)


def test_last_year_tells_its_own_stories(model):
    law = [s for s in model.sessions if s.programme == LAW_2024]
    assert len(law) == 10 and [s.session_id for s in law if s.status == "cancelled"] == ["LW24-06"]
    coaching = [s.start.date() for s in model.sessions if s.programme == COACHING]
    assert [(d.year, d.month) for d in coaching] == [(2024, m) for m in range(5, 13)] + [(2025, m) for m in (1, 2, 3)]
    induction = [s.start.date() for s in model.sessions if s.programme == INDUCTION]
    assert min(induction) < date(2025, 4, 1) < max(induction)  # straddles two reporting periods


def test_this_years_figures_do_not_move_with_last_year(model, figures):
    """Last year is built after this year's model, from its own random streams."""
    this_year = build_model(2025, 1)
    this_year.sessions = [s for s in this_year.sessions if s.programme in (LAW, ALS, DC)]
    for day in LAST_YEAR_SNAPSHOTS:
        del this_year.snapshots[day]
    alone = expected_figures(this_year)
    assert {name: alone[name] for name in (LAW, ALS, DC)} == {name: figures[name] for name in (LAW, ALS, DC)}
