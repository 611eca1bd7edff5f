"""Duplicate responses exactly as SPEC section 3 says, through the real assets (issue 14.4).

Three Microsoft Forms exports of three different forms, each numbering its responses 1, 2, 3:
  coaching.csv   CC-01 (4 June)   IDs 1-3, ratings 5, 4, 3
  decisions.csv  DD-01 (5 June)   IDs 1-3, ratings 4, 4, 2
  plain.csv      PE-01 (10 June)  IDs 1-3, ratings 5, 5, 5
Nine responses, not three: the same ID in another form is another response.
coaching (1).csv is the same file dropped twice: skipped as a copy. "coaching downloaded again.csv" is the
same export saved again with other line ends: its three rows have the same IDs and completion times as
coaching.csv, so they are read and counted once. 9 responses; average rating 37 / 9.
"""

import pytest

from tests.attendance.scenario import AS_OF, CATALOGUE_HEADER, ROSTER, build_tables
from tests.conftest import query

CATALOGUE = CATALOGUE_HEADER + "".join(
    f"{session},Skills 2025,{title},{start},{end},Online,online,All staff,20,0,,Skills\r\n"
    for session, title, start, end in [
        ("CC-01", "Coaching conversations", "2025-06-04 10:00", "2025-06-04 11:30"),
        ("DD-01", "Data for decisions", "2025-06-05 14:00", "2025-06-05 15:30"),
        ("PE-01", "Plain English", "2025-06-10 09:30", "2025-06-10 10:30"),
    ]
)
HEADER = "ID,Start time,Completion time,Email,Name,Which session did you attend?,Overall rating,Any other comments?"


def form(title: str, day: str, hour: int, ratings: list[int], end: str = "\r\n") -> bytes:
    rows = [
        f"{number},{day} {hour}:{30 + number}:00,{day} {hour}:{31 + number}:00,anonymous,,{title},{rating},"
        for number, rating in enumerate(ratings, start=1)
    ]
    return end.join([HEADER, *rows, ""]).encode("cp1252")


@pytest.fixture(scope="module")
def forms(tmp_path_factory):
    coaching = form("Coaching conversations", "4/6/25", 11, [5, 4, 3])
    files = {
        "roster/roster_2025-06-01.csv": ROSTER,
        "sessions/catalogue.csv": CATALOGUE,
        "feedback/coaching.csv": coaching,
        "feedback/coaching (1).csv": coaching,
        "feedback/coaching downloaded again.csv": form("Coaching conversations", "4/6/25", 11, [5, 4, 3], end="\n"),
        "feedback/decisions.csv": form("Data for decisions", "5/6/25", 15, [4, 4, 2]),
        "feedback/plain.csv": form("Plain English", "10/6/25", 10, [5, 5, 5]),
    }
    return build_tables(tmp_path_factory.mktemp("forms"), files, AS_OF)


def test_forms_numbering_their_responses_alike_are_not_duplicates(forms):
    per_session = query(forms, "select session_id, count(*), sum(rating) from core.responses group by 1 order by 1")
    assert per_session == [("CC-01", 3, 12), ("DD-01", 3, 10), ("PE-01", 3, 15)]
    assert query(forms, "select count(*), sum(rating) from core.responses") == [(9, 37)]


def test_the_same_export_twice_counts_once(forms):
    assert query(forms, "select status, reason from audit.files where file = 'feedback/coaching (1).csv'") == [
        ("skipped", "the same file as feedback/coaching.csv, which was read instead"),
    ]
    # Files are read in name order, so the copy saved again is read first and coaching.csv repeats it.
    repeats = query(
        forms,
        """select repeat.file, repeat.row, original.file, original.row
           from staging.feedback as repeat
           join staging.feedback as original on original.response_id = repeat.duplicate_of
           order by 2""",
    )
    again = "feedback/coaching downloaded again.csv"
    assert repeats == [("feedback/coaching.csv", row, again, row) for row in (2, 3, 4)]
    assert query(forms, "select count(*) from staging.feedback") == [(12,)]
