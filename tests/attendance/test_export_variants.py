"""The exports real councils have (issue 13), through the real assets: people, presence, statuses, the session.

Skills 2025, one build of the byte-exact fixtures in tests/fixtures/formats (attended = half the schedule):

CC-01 Coaching conversations, Wed 4 June 10:00-11:30 (5400 s): Teams "Meeting Summary" 2021-22 report
  Priya Shah     E006  10:00:04-11:30:00 (left 11:31:40, clipped)            5396 s attended
  Tom Baker      E002  10:02:11-10:40:09 + 10:44:30-11:30:00 = 2278 + 2730     5008 s attended
  Ngozi Okafor (Guest), no e-mail: the label dropped, her name -> E001 10:05:57-11:29:13   4996 s attended
  Sam Lee        a guest: the #EXT# UPN is his e-mail, so his join without an Email cell and his
                 join with one are one guest: 928 + 600                        1528 s partial
  Raj Mehta (Unverified), no e-mail -> E003 10:10:01-11:30:00                 4799 s attended
DD-01 Data for decisions, Thu 5 June 14:00-15:30: Zoom 2025 export (meeting block with "ID")
  Priya Shah E006 5400 attended; Amy Lowe E004 14:00:00-15:29:55 5395 attended (her waiting-room
  row from 13:59:02 is not presence); Chris Lee E007 14:03:50-14:40:05 2175 partial (his waiting
  room 14:03:10-14:03:50 would have made it 2215); Dan Brown (Host) E012 14:00:15-15:30 5385 attended;
  Kim Taylor only waited: no row.
PE-01 Plain English, Tue 10 June 09:30-10:30; RS-01 Resilience, Wed 11 June 14:00-15:00;
PE-02 Plain English, Tue 17 June 09:30-10:30: one Zoom flat report of three meetings
  PE-01: Priya 09:30:21-10:30 3579 attended, Tom 09:31:05-10:30 3535 attended, Visitor Tablet 750 partial
  RS-01: Priya 14:00:10-15:00 3590 attended, Chris Lee (EXT) no e-mail -> E007 14:01:30-15:00 3510 attended
  PE-02: Priya 09:30:05-10:29:50 3585 attended, Amy Lowe 09:35-09:50 900 partial
An old Teams log in attendance/ names no session: its 5 lines (3 joins, 2 Lefts paired into them) are
read 5, kept 0, quarantined 5.
Exports in French, Portuguese (Teams) and Japanese (Zoom) in attendance/CC-01/ are skipped, saying what they are.
"""

import pytest

from tests.attendance.scenario import AS_OF, CATALOGUE_HEADER, ROSTER, attendees, build_tables
from tests.conftest import SAMPLES, query

PROGRAMME = "Skills 2025"
CATALOGUE = CATALOGUE_HEADER + "".join(
    f"{session},{PROGRAMME},{title},{start},{end},Online,online,All staff,20,0,,Skills\r\n"
    for session, title, start, end in [
        ("CC-01", "Coaching conversations", "2025-06-04 10:00", "2025-06-04 11:30"),
        ("DD-01", "Data for decisions", "2025-06-05 14:00", "2025-06-05 15:30"),
        ("PE-01", "Plain English", "2025-06-10 09:30", "2025-06-10 10:30"),
        ("RS-01", "Resilience", "2025-06-11 14:00", "2025-06-11 15:00"),
        ("PE-02", "Plain English", "2025-06-17 09:30", "2025-06-17 10:30"),
    ]
)
FIXTURES = {
    "attendance/Coaching conversations.csv": "teams_meeting_summary_guests_utf16le.csv",
    "attendance/data for decisions.csv": "zoom_2025_waiting_room.csv",
    "attendance/zoom june.csv": "zoom_several_meetings_flat.csv",
    "attendance/teams log.csv": "teams_legacy_no_session_utf16le.csv",
    "attendance/CC-01/rapport.csv": "teams_french_utf16le.csv",
    "attendance/CC-01/relatorio.csv": "teams_portuguese_utf16le.csv",
    "attendance/CC-01/参加者.csv": "zoom_japanese.csv",
}


@pytest.fixture(scope="module")
def skills(tmp_path_factory):
    files = {"roster/roster_2025-06-01.csv": ROSTER, "sessions/catalogue.csv": CATALOGUE}
    files |= {relative: (SAMPLES / name).read_bytes() for relative, name in FIXTURES.items()}
    return build_tables(tmp_path_factory.mktemp("skills"), files, AS_OF)


def audit(root, file):
    return query(root, "select format, rows_read, rows_kept, rows_quarantined from audit.files where file = ?", [file])[
        0
    ]


def sessions_of(root, file):
    return query(root, "select distinct session_id from staging.attendance where file = ? order by 1", [file])


def test_teams_meeting_summary_report(skills):
    assert audit(skills, "attendance/Coaching conversations.csv") == ("teams-meeting-summary", 7, 7, 0)
    assert sessions_of(skills, "attendance/Coaching conversations.csv") == [("CC-01",)]
    assert attendees(skills, "CC-01") == {
        "E006": ("attended", 5396.0),
        "E002": ("attended", 5008.0),
        "E001": ("attended", 4996.0),
        "email:sam.lee@partner.org.uk": ("partial", 1528.0),
        "E003": ("attended", 4799.0),
    }
    linked_by = query(
        skills,
        "select name, list(distinct linked_by) from staging.attendance_linked "
        "where session_id = 'CC-01' and name in ('Ngozi Okafor', 'Raj Mehta') group by 1 order by 1",
    )
    assert linked_by == [("Ngozi Okafor", ["name"]), ("Raj Mehta", ["name"])]


def test_zoom_2025_export_waiting_room_is_not_presence(skills):
    assert audit(skills, "attendance/data for decisions.csv") == ("zoom-participants", 4, 4, 0)
    assert attendees(skills, "DD-01") == {
        "E006": ("attended", 5400.0),
        "E004": ("attended", 5395.0),
        "E007": ("partial", 2175.0),
        "E012": ("attended", 5385.0),
    }


def test_zoom_flat_report_each_meeting_goes_to_its_own_session(skills):
    assert audit(skills, "attendance/zoom june.csv") == ("zoom-meetings", 7, 7, 0)
    assert sessions_of(skills, "attendance/zoom june.csv") == [("PE-01",), ("PE-02",), ("RS-01",)]
    assert attendees(skills, "PE-01") == {
        "E006": ("attended", 3579.0),
        "E002": ("attended", 3535.0),
        "name:visitor tablet": ("partial", 750.0),
    }
    assert attendees(skills, "RS-01") == {"E006": ("attended", 3590.0), "E007": ("attended", 3510.0)}
    assert attendees(skills, "PE-02") == {"E006": ("attended", 3585.0), "E004": ("partial", 900.0)}


def test_labelled_names_link_and_labels_never_make_another_guest(skills):
    guests = query(skills, "select session_id, count(*) from core.attendance where is_guest group by 1 order by 1")
    assert guests == [("CC-01", 1), ("PE-01", 1)]  # Sam Lee's two joins are one guest; Visitor Tablet
    labelled = query(
        skills,
        "select count(*) from staging.attendance where regexp_matches(name, '\\((guest|host|ext|unverified)\\)', 'i')",
    )
    assert labelled == [(0,)]


def test_old_teams_log_with_nothing_staged_counts_every_line_quarantined(skills):
    assert audit(skills, "attendance/teams log.csv") == ("teams-legacy", 5, 0, 5)
    lines = query(
        skills, "select row_number, reason from quarantine.records where file = 'attendance/teams log.csv' order by 1"
    )
    assert [line for line, _ in lines] == [2, 3, 4, 5, 6]
    assert all("the file names no session" in reason for _, reason in lines)
    assert sessions_of(skills, "attendance/teams log.csv") == []


def test_exports_in_another_language_are_skipped_saying_what_they_are(skills):
    skipped = query(
        skills, "select file, status, reason from audit.files where file like 'attendance/CC-01/%' order by file"
    )
    english = "the language Uptake reads"
    assert skipped == [
        (
            "attendance/CC-01/rapport.csv",
            "skipped",
            f"not read: a Teams attendance report in French; download it again with Teams set to English, {english}",
        ),
        (
            "attendance/CC-01/relatorio.csv",
            "skipped",
            "not read: a Teams attendance report in Portuguese; "
            f"download it again with Teams set to English, {english}",
        ),
        (
            "attendance/CC-01/参加者.csv",
            "skipped",
            f"not read: a Zoom participants report in Japanese; download it again with Zoom set to English, {english}",
        ),
    ]
    assert sessions_of(skills, "attendance/CC-01/rapport.csv") == []
