"""staging.feedback and core.responses on the hand-counted council (tests/marts/scenario.py).

The nine responses counted for Learning at Work Week 2025, by hand:

  response                          session  rating  recommend  person
  R1 Forms CSV ID 1 (anonymous)     LAW-02   5       10         -
  R2 Forms CSV ID 2                 LAW-03   4       9          E0401
  R3 Forms CSV ID 3 (rating '7')    LAW-04   -       8          E0579 (not a participant)
  R4 Forms CSV ID 4 ('law-05')      LAW-05   4       6          -
  R8 Forms XLSX ID 8                LAW-05   3       9          E0081
  G1 Google                         LAW-04   5       10         E0481
  G2 Google (no e-mail)             LAW-04   2       3          -
  G3 Google (visitor@partner…)      LAW-04   4       9          - (not an employee)
  S1 SurveyMonkey                   LAW-01   4       7          E0589 (not a participant)

The XLSX re-export repeats R1 and R2 (same IDs and completion times, as real date cells): counted once.
Forms CSV ID 5 names no session: quarantined. Average rating 31 / 8 = 3.875;
NPS = 100 x (5 promoters - 2 detractors) / 9; response rate = 9 / 630 attendances.
"""

from __future__ import annotations

import pytest

from tests.marts.scenario import LAW, query

FORMS, XLSX, GOOGLE, SURVEY = (
    "feedback/law_forms.csv",
    "feedback/law_forms_reexport.xlsx",
    "feedback/coaching_google.csv",
    "feedback/welcome_surveymonkey.csv",
)


def test_each_response_is_matched_to_its_session(warehouse):
    matched = query(warehouse, "select file, row, session_id from staging.feedback order by file, row")
    assert matched == [
        (GOOGLE, 2, "LAW-04"),
        (GOOGLE, 3, "LAW-04"),
        (GOOGLE, 4, "LAW-04"),  # GMT+1 times: 5 June, 11:05 local
        (FORMS, 2, "LAW-02"),  # "Coaching conversations" sent on 3 June: the session held that day
        (FORMS, 3, "LAW-03"),
        (FORMS, 4, "LAW-04"),  # "Coaching conversations" sent on 6 June: the latest one held before (5 June)
        (FORMS, 5, "LAW-05"),  # the answer "law-05" is a Session ID
        (XLSX, 2, "LAW-02"),
        (XLSX, 3, "LAW-03"),
        (XLSX, 4, "LAW-05"),
        (SURVEY, 3, "LAW-01"),  # month-first (AM/PM): 06/02/2025 is 2 June
    ]


def test_day_first_wins_where_the_file_does_not_settle_the_order(warehouse):
    # law_forms.csv writes 3/6/25, 4/6/25, 6/6/25: read day-first they fall on their sessions' dates.
    sent = query(
        warehouse, "select row, submitted_at::varchar from staging.feedback where file = ? order by row", [FORMS]
    )
    assert sent == [
        (2, "2025-06-03 10:55:00"),
        (3, "2025-06-04 15:02:00"),
        (4, "2025-06-06 09:00:00"),
        (5, "2025-06-06 11:30:00"),
    ]


def test_the_same_response_in_two_exports_counts_once(warehouse):
    repeats = query(
        warehouse,
        """select repeat.file, repeat.row, original.file, original.row
           from staging.feedback as repeat
           join staging.feedback as original on original.response_id = repeat.duplicate_of
           order by repeat.row""",
    )
    # Same IDs and completion times; row 3's time is a date cell, not '4/6/25 15:02:00'.
    assert repeats == [(XLSX, 2, FORMS, 2), (XLSX, 3, FORMS, 3)]
    assert query(warehouse, "select count(*) from staging.feedback") == [(11,)]
    assert query(warehouse, "select count(*) from core.responses") == [(9,)]


def test_a_response_naming_no_session_is_quarantined_and_an_unreadable_answer_alone(warehouse):
    quarantined = query(
        warehouse,
        "select file, row_number, column_name, reason, whole_row from quarantine.records where source = 'feedback' "
        "order by row_number",
    )
    assert quarantined == [
        (
            FORMS,
            4,
            "Overall rating",
            "Overall rating: '7' is not a rating from 1 to 5 (a number, Very poor … Excellent,"
            " or Strongly disagree … Strongly agree)",
            False,
        ),
        (
            FORMS,
            6,
            "Which lab did you attend?",
            "no session matched: no session in the catalogue is called or numbered 'Knitting for beginners': "
            "add a session correction for it",
            True,
        ),
    ]
    # The response with the '7' still counts, without a rating.
    assert query(
        warehouse, "select rating, recommend from core.responses where session_id = 'LAW-04' and recommend = 8"
    ) == [(None, 8)]


def test_audit_counts_every_data_row(warehouse):
    audit = query(
        warehouse,
        "select file, format, status, rows_read from audit.files_found where source = 'feedback' order by file",
    )
    assert audit == [
        (GOOGLE, "google-forms", "ingested", 3),
        (FORMS, "msforms", "ingested", 5),
        (XLSX, "msforms", "ingested", 3),
        (SURVEY, "surveymonkey", "ingested", 1),
    ]


def test_identified_feedback_is_linked_by_e_mail_and_anonymous_feedback_is_not(warehouse):
    people = query(
        warehouse,
        """select responses.session_id, responses.recommend, responses.anonymous, employees.employee_id
           from core.responses as responses
           left join (
               select distinct employee_id, person_hash(?, employee_id) as person_key from staging.roster
           ) as employees using (person_key)
           order by all""",
        [salt(warehouse)],
    )
    assert people == [
        ("LAW-01", 7, False, "E0589"),
        ("LAW-02", 10, True, None),
        ("LAW-03", 9, False, "E0401"),  # written E0401@Example.gov.uk
        ("LAW-04", 3, True, None),
        ("LAW-04", 8, False, "E0579"),
        ("LAW-04", 9, False, None),  # visitor@partner.org.uk is no employee
        ("LAW-04", 10, False, "E0481"),
        ("LAW-05", 6, True, None),
        ("LAW-05", 9, False, "E0081"),
    ]


def test_core_holds_no_personal_data_and_comments_lose_addresses_and_phone_numbers(warehouse):
    columns = [name for name, *_ in query(warehouse, "describe core.responses")]
    assert columns == [
        "response_id",
        "programme",
        "session_id",
        "person_key",
        "anonymous",
        "rating",
        "recommend",
        "submitted_at",
        "comment",
        "source_format",
    ]
    comments = query(warehouse, "select comment from core.responses where comment is not null order by comment")
    assert comments == [
        ("Ask more open questions",),
        ("Good pace",),
        ("Good start",),
        ("Great – email me at [e-mail removed] or call [phone number removed]",),
        ("Too long. Call [phone number removed]",),
        ("Très utile",),
    ]


def test_programme_feedback_figures(warehouse):
    figures = query(
        warehouse,
        "select feedback_responses, response_rate_pct, avg_rating, nps, engaged_people from marts.programme_reach "
        "where programme = ?",
        [LAW],
    )
    [(responses, response_rate, rating, nps, engaged)] = figures
    assert responses == 9
    assert response_rate == pytest.approx(100 * 9 / 630)
    assert rating == pytest.approx(31 / 8)
    assert nps == pytest.approx(100 * (5 - 2) / 9)
    assert engaged == 528 + 2  # E0579 and E0589 sent identified feedback without taking part


def test_session_feedback_figures(warehouse):
    sessions = query(
        warehouse,
        "select session_id, feedback_responses, avg_rating, nps from marts.session_metrics where programme = ? order "
        "by session_id",
        [LAW],
    )
    assert sessions == [
        ("LAW-01", 1, 4.0, 0.0),
        ("LAW-02", 1, 5.0, 100.0),
        ("LAW-03", 1, 4.0, 100.0),
        ("LAW-04", 4, pytest.approx(11 / 3), 25.0),  # recommend 8, 10, 3, 9: (2 - 1) / 4
        ("LAW-05", 2, 3.5, 0.0),  # recommend 6 and 9
    ]


def salt(warehouse) -> str:
    return (warehouse.parent / "person_key.salt").read_text(encoding="utf-8").strip()
