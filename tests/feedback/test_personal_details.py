"""Personal details, labelled ratings and zone abbreviations through the real assets (issue 13.6-8).

One Google Forms export for CC-01 Coaching conversations (Wed 4 June 2025), Europe/London (BST in June):
  row 2  11:40:12 BST  -> 11:40:12 local  priya.shah@ -> E006   "4 (Exceeds Expectations)" 4, recommend 9
  row 3  10:45:00 GMT  -> 11:45:00 local  anonymous              "5 (Exceptional)" 5, recommend 10
  row 4  10:50:00 UTC  -> 11:50:00 local  anonymous              "0 (Not Applicable)" and "Not applicable": no answers
  row 5  11:55 AEST: a zone Uptake does not know, so only the time is quarantined; tom.baker@ -> E002, recommend 8
Its name, e-mail, employee name, evaluator, phone and employee number questions are dropped. The Teams
"Meeting Summary" report of the same session brings a guest's e-mail (sam.lee@partner.org.uk).
"""

import re

import pytest

from tests.attendance.scenario import AS_OF, CATALOGUE_HEADER, ROSTER, build_tables
from tests.conftest import SAMPLES, query

CATALOGUE = CATALOGUE_HEADER + (
    "CC-01,Skills 2025,Coaching conversations,2025-06-04 10:00,2025-06-04 11:30,"
    "Online,online,All staff,20,0,,Skills\r\n"
)
E_MAIL = r"[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+"


@pytest.fixture(scope="module")
def coaching(tmp_path_factory):
    files = {
        "roster/roster_2025-06-01.csv": ROSTER,
        "sessions/catalogue.csv": CATALOGUE,
        "feedback/coaching.csv": (SAMPLES / "google_forms_personal_questions.csv").read_bytes(),
        "attendance/coaching.csv": (SAMPLES / "teams_meeting_summary_guests_utf16le.csv").read_bytes(),
    }
    return build_tables(tmp_path_factory.mktemp("coaching"), files, AS_OF)


def test_every_response_counts_with_its_labelled_scores_and_zone(coaching):
    responses = query(
        coaching,
        "select submitted_at::varchar, rating, recommend, anonymous, comment "
        "from core.responses order by submitted_at nulls last",
    )
    assert responses == [
        ("2025-06-04 11:40:12", 4, 9, False, "Write to [e-mail removed] about it"),
        ("2025-06-04 11:45:00", 5, 10, True, "Ring me on [phone number removed]"),
        ("2025-06-04 11:50:00", None, None, True, "More role play"),
        (None, None, 8, False, None),
    ]
    assert query(
        coaching, "select file, row_number, column_name, whole_row from quarantine.records where source = 'feedback'"
    ) == [
        ("feedback/coaching.csv", 5, "Timestamp", False),
    ]
    assert query(
        coaching, "select rows_read, rows_kept, rows_quarantined from audit.files where file = 'feedback/coaching.csv'"
    ) == [
        (4, 4, 0),
    ]


def test_personal_answers_are_never_stored(coaching):
    stored = " ".join(str(value) for row in query(coaching, "select * from staging.feedback") for value in row)
    for answer in ("Priya Shah", "Tom Baker", "07700 900123", "E006", "Anon", "me@home.example"):
        assert answer not in stored


def test_no_e_mail_in_any_text_column_of_core_or_marts(coaching):
    columns = query(
        coaching,
        "select table_schema, table_name, column_name from information_schema.columns "
        "where table_schema in ('core', 'marts') and data_type = 'VARCHAR'",
    )
    assert len(columns) > 20
    found = [
        (schema, table, column)
        for schema, table, column in columns
        if query(coaching, f'select count(*) from {schema}."{table}" where regexp_matches("{column}", ?)', [E_MAIL])[0][
            0
        ]
    ]
    assert found == []
    assert re.search(E_MAIL, "sam.lee@partner.org.uk")  # the pattern finds the guest's e-mail staging holds
    assert query(coaching, "select count(*) from staging.attendance where upn = 'sam.lee@partner.org.uk'") == [(2,)]
