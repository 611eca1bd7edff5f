"""The roster and the session catalogue: the two tables every figure stands on."""

import codecs

import pytest

from pipelines.formats.roster import parse_roster
from pipelines.formats.sessions import parse_sessions
from pipelines.formats.tables import NotATable

ROSTER_CP1252 = (
    "Employee ID,First Name,Last Name,Username,Email,Directorate,Service,Grade,Is Manager,Location,Start Date,"
    "Leave Date\r\n"
    "E1,Zoë,Brontë,zbronte,Zoe.Bronte@Example.gov.uk,Adults,Care,PO3,Y,Civic Centre,03/09/2012,\r\n"
    "E2,José,Núñez,jnunez,jose.nunez@example.gov.uk,Place,Highways,SO1,no,Depot,14/01/2019,31/05/2025\r\n"
    ",No,Identifier,x,x@example.gov.uk,Place,Highways,SO1,N,Depot,14/01/2019,\r\n"
    "E4,Bad,Date,bd,bd@example.gov.uk,Place,Highways,SO1,N,Depot,31/13/2019,\r\n"
    "E5,Odd,Manager,om,om@example.gov.uk,Place,Highways,SO1,maybe,Depot,01/01/2020,\r\n"
).encode("cp1252")


def test_roster_in_windows_1252_with_uk_dates(tmp_path):
    path = tmp_path / "roster_2025-04-01.csv"
    path.write_bytes(ROSTER_CP1252)
    parsed = parse_roster(path)
    assert parsed.rows_read == 5
    first, second = parsed.records.to_dict("records")
    assert first["name"] == "Zoë Brontë" and first["email"] == "zoe.bronte@example.gov.uk"
    assert first["is_manager"] is True and str(first["start_date"]) == "2012-09-03"
    assert str(second["leave_date"]) == "2025-05-31" and second["is_manager"] is False
    assert str(first["snapshot_date"]) == "2025-04-01"
    assert [(r.row, r.column) for r in parsed.rejects] == [(4, "Employee ID"), (5, "Start Date"), (6, "Is Manager")]
    assert "'31/13/2019' is not a date" in parsed.rejects[1].reason


def test_roster_snapshot_date_column_and_utf16(tmp_path):
    path = tmp_path / "hr.csv"
    text = "Snapshot Date\tEmployee ID\tName\tIs Manager\r\n2025-06-01\tE9\tAmy Lowe\tYes\r\n"
    path.write_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    record = parse_roster(path).records.iloc[0]
    assert (str(record["snapshot_date"]), record["name"], record["is_manager"]) == ("2025-06-01", "Amy Lowe", True)


def test_roster_without_a_snapshot_date_is_not_read(tmp_path):
    path = tmp_path / "hr.csv"
    path.write_text("Employee ID,Name\nE1,Amy\n")
    with pytest.raises(NotATable, match="snapshot date is unknown"):
        parse_roster(path)


def test_sessions_catalogue_with_cohort_status_and_bad_rows(tmp_path):
    path = tmp_path / "sessions.csv"
    path.write_text(
        "Session ID,Programme,Title,Start,End,Location,Format,Audience,Capacity,Cost (GBP),Intranet Path,Topic,Cohort,"
        "Status\n"
        "ALS-01,Action Learning Sets,Set 1 meeting 1,10/04/2025 09:30,10/04/2025 12:30,Civic Centre,In person,"
        'Managers,9,"£1,100",,Leadership,Set 1,\n'
        "LAW-26,LAW,Cancelled lab,13/06/2025 10:00,13/06/2025 11:00,Online,online,All staff,40,0,/learning/law/x,"
        "Wellbeing,,Cancelled\n"
        "LAW-27,LAW,Broken,13/06/2025 10:00,13/06/2025 09:00,Online,online,All staff,40,0,,,,\n"
        "LAW-28,LAW,No capacity,13/06/2025 10:00,13/06/2025 11:00,Online,online,All staff,lots,0,,,,\n",
        encoding="utf-8",
    )
    parsed = parse_sessions(path)
    first, second = parsed.records.to_dict("records")
    assert (first["cohort"], first["cost_gbp"], first["capacity"], first["format"]) == ("Set 1", 1100.0, 9, "in person")
    assert str(first["start_at"]) == "2025-04-10 09:30:00"
    assert second["status"] == "cancelled"
    assert [(r.row, r.column) for r in parsed.rejects] == [(4, "End"), (5, "Capacity")]


def test_shared_samples_read_exactly(tmp_path):
    from tests.conftest import SAMPLES

    roster = tmp_path / "roster_2025-04-01.csv"
    roster.write_bytes((SAMPLES / "roster.csv").read_bytes())
    people = parse_roster(roster).records
    assert list(people["employee_id"]) == ["E01234", "E01235"]
    assert list(people["username"]) == ["nokafor", "tbaker"]
    sessions = parse_sessions(SAMPLES / "sessions.csv").records
    assert list(sessions["session_id"]) == ["LAW-07", "ALS-03"]
    assert list(sessions["intranet_path"].fillna("")) == ["/learning/law/coaching", ""]


def test_a_blank_capacity_is_missing_not_a_float(tmp_path):
    path = tmp_path / "sessions.csv"
    path.write_text(
        "Session ID,Programme,Title,Start,End,Capacity,Cost (GBP)\n"
        "A,P,Open lab,2025-06-02 10:00,2025-06-02 11:00,,\n"
        "B,P,Small lab,2025-06-02 12:00,2025-06-02 13:00,12,50\n",
        encoding="utf-8",
    )
    records = parse_sessions(path).records
    assert str(records["capacity"].dtype) == "Int64"
    assert records["capacity"].isna().tolist() == [True, False] and records["capacity"].iloc[1] == 12


def test_of_two_identical_files_the_shorter_name_is_read(tmp_path):
    from pipelines.raw_files import raw_files, split_duplicates

    for name in ("report (1).csv", "report.csv", "other.csv"):
        (tmp_path / "attendance").mkdir(exist_ok=True)
        (tmp_path / "attendance" / name).write_text("Session ID,Employee ID\nA,E1\n" if name != "other.csv" else "x\n")
    unique, copies = split_duplicates(raw_files(tmp_path, "attendance"))
    assert [raw.name for raw in unique] == ["attendance/other.csv", "attendance/report.csv"]
    assert {copy.name: original.name for copy, original in copies.items()} == {
        "attendance/report (1).csv": "attendance/report.csv"
    }
