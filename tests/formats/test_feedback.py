"""Feedback form exports: Microsoft Forms, Google Forms, SurveyMonkey (SPEC sections 2 and 3 "Feedback")."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from pipelines.formats.feedback import COLUMNS, classify_questions, parse_feedback, parse_rating, parse_recommend
from pipelines.formats.tables import NotATable
from tests.conftest import SAMPLES

ROW_2 = (
    "2,6/3/25 15:05:02,6/3/25 15:09:13,Raj.Mehta@Example.gov.uk,Raj Mehta,Coaching conversations,7,8,Résumé writing;,"
)
MSFORMS_CSV = (
    "ID,Start time,Completion time,Email,Name,Which lab did you attend?,Overall rating,"
    "How likely are you to recommend this lab to a colleague?,Topics you want next,Any other comments?\r\n"
    "1,6/3/25 15:01:22,6/3/25 15:03:40,anonymous,,Coaching conversations,Excellent,10,Resilience;Budgeting;,"
    "Très utile\r\n"
    f"{ROW_2}\r\n"
    '3,13/3/25 09:00:00,13/3/25 09:04:10,,Zoë Müller,Café débrief,Strongly agree,11,,"Loved it, the café too"\r\n'
    "4,13/3/25 09:10:00,31/31/25 09:12:00,anonymous,,Café débrief,Good,9,,\r\n"
    "5,,,,,,,,,\r\n"
    "\r\n"
)

GOOGLE_CSV = (
    '"Timestamp","Email Address","Which session did you attend?","Overall, the session met my needs",'
    '"How likely are you to recommend this session to a colleague?","What will you do differently?"\n'
    '"2025/06/03 3:08:44 PM GMT+1","Tom.Baker@example.gov.uk","Coaching conversations","Strongly agree","9",'
    '"Ask more open questions"\n'
    '"2025/06/03 3:12:01 PM GMT+1","","Coaching conversations","Neither agree nor disagree","6",""\n'
    '"2025/06/04 10:00:00 AM GMT+1","","Budgeting basics","Disagree","ten","Shorter, please"\n'
)

SURVEYMONKEY_CSV = (
    "Respondent ID,Collector ID,Start Date,End Date,IP Address,Email Address,First Name,Last Name,Custom Data 1,"
    "Which event did you attend?,How would you rate the event overall?,Which workshops were useful?,,,"
    "How likely is it that you would recommend this event to a friend or colleague?,Any other comments?\r\n"
    ",,,,,,,,,Response,Response,Financial management,Working with volunteers,Managing workers,Response,"
    "Open-Ended Response\r\n"
    "114270371801,431829562,06/12/2025 10:14:45 AM,06/12/2025 10:16:02 AM,10.20.30.40,,,,,"
    'Working with volunteers,4,Financial management,,Managing workers,10,"Useful, thanks"\r\n'
    "114270371802,431829562,06/12/2025 11:00:00 AM,06/12/2025 11:03:30 AM,10.20.30.41,Ann.Lee@example.gov.uk,Ann,Lee,,"
    "Working with volunteers,Poor,,Working with volunteers,,11,\r\n"
    "114270371803,431829562,06/13/2025 09:00:00 AM,,10.20.30.42,,,,,,,,,,,\r\n"
)


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def balanced(parsed) -> bool:
    """rows_read = distinct rows kept + distinct rows rejected whole."""
    whole = {reject.row for reject in parsed.rejects if reject.whole_row}
    return parsed.rows_read == len(set(parsed.records["row"])) + len(whole)


def records(parsed) -> list[dict]:
    """Records without the fingerprint, with pandas' missing values as None, for exact comparison."""
    rows = parsed.records.drop(columns="answers_fingerprint").astype(object)
    return rows.where(rows.notna(), None).to_dict("records")


def record(row, key, submitted, email, name, session, rating, recommend, comments) -> dict:
    return dict(zip(COLUMNS, (row, key, submitted, email, name, session, rating, recommend, comments)))


# Microsoft Forms -----------------------------------------------------------


def test_msforms_csv_in_windows_1252_with_crlf(tmp_path):
    data = MSFORMS_CSV.encode("cp1252")
    assert b"R\xe9sum\xe9" in data and b"\r\n" in data
    parsed = parse_feedback(write(tmp_path, "responses.csv", data))

    assert parsed.format == "msforms"
    assert parsed.rows_read == 5 and balanced(parsed)
    assert records(parsed) == [
        record(2, "msforms:1", "6/3/25 15:03:40", None, None, "Coaching conversations", 5, 10, "Très utile"),
        record(
            3,
            "msforms:2",
            "6/3/25 15:09:13",
            "raj.mehta@example.gov.uk",
            "Raj Mehta",
            "Coaching conversations",
            None,
            8,
            None,
        ),
        record(
            4, "msforms:3", "13/3/25 09:04:10", None, "Zoë Müller", "Café débrief", 5, None, "Loved it, the café too"
        ),
        record(5, "msforms:4", None, None, None, "Café débrief", 4, 9, None),  # its unreadable time quarantined alone
    ]
    assert parsed.meta == {
        "questions": {
            "session": "Which lab did you attend?",
            "recommend": "How likely are you to recommend this lab to a colleague?",
            "rating": "Overall rating",
            "comments": ["Any other comments?"],  # the multi-select "Topics" (trailing ';') is a choice
        },
        "date_order": "dmy",  # 13/3/25 settles it
    }


def test_msforms_unreadable_answers_are_rejected_alone_and_non_responses_whole(tmp_path):
    parsed = parse_feedback(write(tmp_path, "responses.csv", MSFORMS_CSV.encode("cp1252")))
    alone = [(r.row, r.column, r.reason) for r in parsed.rejects if not r.whole_row]
    assert alone == [
        (
            3,
            "Overall rating",
            "Overall rating: '7' is not a rating from 1 to 5 "
            "(a number, Very poor … Excellent, or Strongly disagree … Strongly agree)",
        ),
        (
            4,
            "How likely are you to recommend this lab to a colleague?",
            "How likely are you to recommend this lab to a colleague?: '11' is not a score from 0 to 10",
        ),
        (5, "Completion time", "Completion time '31/31/25 09:12:00' is not a real date"),
    ]
    whole = [(r.row, r.column, r.reason) for r in parsed.rejects if r.whole_row]
    assert whole == [
        (6, "Completion time", "line 6 has no Completion time and no answers, so it is not a response"),
    ]
    assert parsed.rejects[0].raw == ROW_2


def _msforms_workbook(path: Path, header: list, rows: list[list]) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Sheet1"
    for values in [header, *rows]:
        sheet.append(values)
    workbook.save(path)
    return path


def test_msforms_xlsx_with_id_last_modified_numbers_and_real_dates(tmp_path):
    header = [
        "Id",
        "Start time",
        "Completion time",
        "Email",
        "Name",
        "Last modified time",
        "Which workshop did you attend?",
        "Please rate the venue",
        "Overall, how would you rate the lab?",
        "How likely are you to recommend this lab to a colleague?",
        "What is one thing you learnt?",
    ]
    rows = [
        [
            1,
            datetime(2025, 6, 3, 15, 1, 22),
            datetime(2025, 6, 3, 15, 3, 40),
            "anonymous",
            None,
            None,
            "Budgeting basics",
            "Poor",
            "Neither agree nor disagree",
            9,
            "GROW model",
        ],
        [
            2,
            datetime(2025, 6, 3, 15, 5, 2),
            datetime(2025, 6, 3, 15, 9, 13),
            "Sam.Lee@Example.gov.uk",
            "Sam Lee",
            None,
            "Budgeting basics",
            5,
            "Great",
            0,
            None,
        ],
    ]
    parsed = parse_feedback(_msforms_workbook(tmp_path / "Lab feedback.xlsx", header, rows))

    assert parsed.format == "msforms" and parsed.rows_read == 2 and balanced(parsed)
    assert records(parsed) == [
        record(2, "msforms:1", "2025-06-03 15:03:40", None, None, "Budgeting basics", 3, 9, "GROW model"),
        record(
            3,
            "msforms:2",
            "2025-06-03 15:09:13",
            "sam.lee@example.gov.uk",
            "Sam Lee",
            "Budgeting basics",
            None,
            0,
            None,
        ),
    ]
    # Two rating questions: the one saying "overall" wins; the venue rating is no comment.
    assert parsed.meta["questions"]["rating"] == "Overall, how would you rate the lab?"
    assert parsed.meta["questions"]["comments"] == ["What is one thing you learnt?"]
    assert parsed.meta["date_order"] is None  # ISO dates need no order
    [reject] = parsed.rejects
    assert (reject.row, reject.column, reject.whole_row) == (3, "Overall, how would you rate the lab?", False)
    assert "'Great' is not a rating from 1 to 5" in reject.reason


def test_same_response_in_xlsx_and_csv_exports_has_the_same_fingerprint(tmp_path):
    header = (
        "ID,Start time,Completion time,Email,Name,Which lab did you attend?,Overall rating,"
        "How likely are you to recommend this lab to a colleague?,Any other comments?"
    ).split(",")
    rows = [
        [1, "6/3/25 15:01:22", "6/3/25 15:03:40", "anonymous", None, "Coaching conversations", "Good", 9, "Très utile"],
        [2, "6/3/25 15:01:22", "6/3/25 15:03:40", "anonymous", None, "Coaching conversations", "Good", 9, "Utile"],
    ]
    xlsx = parse_feedback(_msforms_workbook(tmp_path / "export.xlsx", header, rows))
    # The CSV export has its columns in another order and its ID renumbered: answers still match.
    csv_text = (
        "Any other comments?,Id,Start time,Completion time,Email,Name,Which lab did you attend?,Overall rating,"
        "How likely are you to recommend this lab to a colleague?\r\n"
        "Très utile,7,6/3/25 15:01:22,6/3/25 15:03:40,anonymous,,Coaching conversations,Good,9\r\n"
    )
    csv = parse_feedback(write(tmp_path, "export.csv", csv_text.encode("cp1252")))

    fingerprints = list(xlsx.records["answers_fingerprint"])
    assert fingerprints[0] == csv.records["answers_fingerprint"][0]
    assert fingerprints[0] != fingerprints[1]
    assert len(fingerprints[0]) == 20


# Google Forms --------------------------------------------------------------


def test_google_forms_all_quoted_with_gmt_offset_and_agreement_scale(tmp_path):
    parsed = parse_feedback(write(tmp_path, "Form responses 1.csv", GOOGLE_CSV.encode("utf-8")))

    assert parsed.format == "google-forms" and parsed.rows_read == 3 and balanced(parsed)
    assert records(parsed) == [
        record(
            2,
            None,
            "2025/06/03 3:08:44 PM GMT+1",
            "tom.baker@example.gov.uk",
            None,
            "Coaching conversations",
            5,
            9,
            "Ask more open questions",
        ),
        record(3, None, "2025/06/03 3:12:01 PM GMT+1", None, None, "Coaching conversations", 3, 6, None),
        record(4, None, "2025/06/04 10:00:00 AM GMT+1", None, None, "Budgeting basics", 2, None, "Shorter, please"),
    ]
    assert parsed.meta["questions"] == {
        "session": "Which session did you attend?",
        "recommend": "How likely are you to recommend this session to a colleague?",
        "rating": "Overall, the session met my needs",
        "comments": ["What will you do differently?"],
    }
    assert parsed.meta["date_order"] is None
    [reject] = parsed.rejects
    assert (reject.row, reject.whole_row) == (4, False)
    assert reject.reason.endswith("'ten' is not a score from 0 to 10")


# SurveyMonkey --------------------------------------------------------------


def test_surveymonkey_two_header_rows_with_a_multi_column_question(tmp_path):
    parsed = parse_feedback(write(tmp_path, "Data_All_250612.csv", SURVEYMONKEY_CSV.encode("utf-8")))

    assert parsed.format == "surveymonkey"
    assert parsed.rows_read == 3 and balanced(parsed)  # the label row is a header, not data
    assert records(parsed) == [
        record(
            3,
            "surveymonkey:114270371801",
            "06/12/2025 10:16:02 AM",
            None,
            None,
            "Working with volunteers",
            4,
            10,
            "Useful, thanks",
        ),
        record(
            4,
            "surveymonkey:114270371802",
            "06/12/2025 11:03:30 AM",
            "ann.lee@example.gov.uk",
            "Ann Lee",
            "Working with volunteers",
            2,
            None,
            None,
        ),
    ]
    assert parsed.meta == {
        "questions": {
            "session": "Which event did you attend?",
            "recommend": "How likely is it that you would recommend this event to a friend or colleague?",
            "rating": "How would you rate the event overall?",
            "comments": ["Any other comments?"],
        },
        "date_order": "mdy",  # AM/PM clock
    }
    assert [(r.row, r.whole_row) for r in parsed.rejects] == [(4, False), (5, True)]
    assert parsed.rejects[1].reason == "line 5 has no End Date and no answers, so it is not a response"


def test_multi_choice_answers_count_in_the_fingerprint(tmp_path):
    other_choice = SURVEYMONKEY_CSV.replace(",Financial management,,Managing workers,10,", ",,,Managing workers,10,")
    first = parse_feedback(write(tmp_path, "a.csv", SURVEYMONKEY_CSV.encode("utf-8")))
    second = parse_feedback(write(tmp_path, "b.csv", other_choice.encode("utf-8")))
    assert first.records["answers_fingerprint"][0] != second.records["answers_fingerprint"][0]
    assert first.records["answers_fingerprint"][1] == second.records["answers_fingerprint"][1]


# The committed samples, counted by hand -------------------------------------


def test_sample_msforms_xlsx():
    parsed = parse_feedback(SAMPLES / "msforms.xlsx")
    assert (parsed.format, parsed.rows_read, parsed.rejects) == ("msforms", 1, [])
    assert records(parsed) == [
        record(2, "msforms:1", "6/3/25 15:03:40", None, None, "Coaching conversations", 4, 9, "GROW model"),
    ]
    assert parsed.meta["questions"]["rating"] == "Overall, how would you rate the lab?"


def test_sample_msforms_cp1252_csv():
    parsed = parse_feedback(SAMPLES / "msforms_cp1252.csv")
    assert (parsed.format, parsed.rows_read, parsed.rejects) == ("msforms", 2, [])
    assert records(parsed) == [
        record(2, "msforms:1", "6/3/25 15:03:40", None, None, "Coaching conversations", 5, 10, None),
        record(
            3,
            "msforms:2",
            "6/3/25 15:09:13",
            "raj.mehta@example.gov.uk",
            "Raj Mehta",
            "Coaching conversations",
            4,
            8,
            None,
        ),
    ]
    assert parsed.meta["questions"]["comments"] == []  # "Topics you want next" is a multi-select
    assert parsed.meta["date_order"] is None


def test_sample_google_forms():
    parsed = parse_feedback(SAMPLES / "google_forms.csv")
    assert (parsed.format, parsed.rows_read, parsed.rejects) == ("google-forms", 2, [])
    assert records(parsed) == [
        record(
            2,
            None,
            "2025/06/03 3:08:44 PM GMT+1",
            "tom.baker@example.gov.uk",
            None,
            "Coaching conversations",
            5,
            9,
            "Ask more open questions",
        ),
        record(3, None, "2025/06/03 3:12:01 PM GMT+1", None, None, "Coaching conversations", 3, 6, None),
    ]


def test_sample_surveymonkey():
    parsed = parse_feedback(SAMPLES / "surveymonkey.csv")
    assert (parsed.format, parsed.rows_read, parsed.rejects) == ("surveymonkey", 1, [])
    assert records(parsed) == [
        record(
            3,
            "surveymonkey:114270371801",
            "06/12/2025 10:16:02 AM",
            None,
            None,
            "Working with volunteers",
            4,
            None,
            "Useful, thanks",
        ),
    ]
    assert parsed.meta == {
        "questions": {
            "session": "Which event did you attend?",
            "recommend": None,
            "rating": "How would you rate the event overall?",
            "comments": ["Any other comments?"],
        },
        "date_order": "mdy",
    }


# Overrides -----------------------------------------------------------------


def test_overrides_name_questions_the_word_rules_miss(tmp_path):
    text = (
        '"Timestamp","Session attended","How useful was it (1-5)?","Would you tell a friend? (0-10)","Comments"\n'
        '"2025/06/03 3:08:44 PM GMT+1","LAW-07","Excellent","10","Brilliant"\n'
    )
    path = write(tmp_path, "form.csv", text.encode("utf-8"))
    plain = parse_feedback(path)
    assert plain.meta["questions"] == {
        "session": None,
        "recommend": None,
        "rating": None,
        "comments": ["Session attended", "How useful was it (1-5)?", "Would you tell a friend? (0-10)", "Comments"],
    }
    assert records(plain)[0]["comments"] == "LAW-07 | Excellent | 10 | Brilliant"

    overridden = parse_feedback(
        path,
        {
            "session": "session ATTENDED",
            "rating": "how useful was it(1-5)?",
            "recommend": "  Would you tell  a friend? (0-10)",
        },
    )
    assert overridden.meta["questions"]["comments"] == ["Comments"]
    assert records(overridden) == [
        record(2, None, "2025/06/03 3:08:44 PM GMT+1", None, None, "LAW-07", 5, 10, "Brilliant"),
    ]


def test_an_override_wins_over_the_word_rules():
    columns = ["Which lab did you attend?", "Overall rating", "Rate the trainer", "Anything else?"]
    assert classify_questions(columns, {"rating": "rate the TRAINER"}) == {
        "session": "Which lab did you attend?",
        "recommend": None,
        "rating": "Rate the trainer",
        "comments": ["Anything else?"],
    }


def test_an_override_naming_no_column_leaves_the_word_rules_to_decide():
    columns = ["Which lab did you attend?", "Overall rating"]
    assert (
        classify_questions(columns, {"rating": ["Another form's question", "Overall  Rating"]})["rating"]
        == "Overall rating"
    )
    assert classify_questions(columns, {"session": "Not in this form"})["session"] == "Which lab did you attend?"


def test_an_unknown_override_is_an_error():
    with pytest.raises(ValueError, match="'ratings' is not one of session, recommend, rating"):
        classify_questions(["Overall rating"], {"ratings": "Overall rating"})


# Question recognition ------------------------------------------------------


def test_recommend_wins_over_rating_and_session_words():
    found = classify_questions(["Which session would you recommend? Rate 0-10", "Which lab did you attend?", "Rating"])
    assert found == {
        "session": "Which lab did you attend?",
        "recommend": "Which session would you recommend? Rate 0-10",
        "rating": "Rating",
        "comments": [],
    }


def test_words_are_whole_words():
    found = classify_questions(
        [
            "Whichever event suits you",
            "Which labour scheme?",
            "Which workshops were useful?",
            "Which renamed services confuse you?",
            "Ratings of the venue",
            "Overall, it was worth it",
        ]
    )
    assert found == {
        "session": None,
        "recommend": None,
        "rating": "Overall, it was worth it",
        "comments": [
            "Whichever event suits you",
            "Which labour scheme?",
            "Which workshops were useful?",
            "Which renamed services confuse you?",
            "Ratings of the venue",
        ],
    }


def test_without_overall_the_first_rating_question_wins_and_tool_columns_are_ignored():
    found = classify_questions(
        ["ID", "Email address", "Name", "Rate the trainer", "Rate the venue", "Comments"], closed=["Comments"]
    )
    assert found == {"session": None, "recommend": None, "rating": "Rate the trainer", "comments": []}


# Answers -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Very poor", 1),
        ("Poor", 2),
        ("Average", 3),
        ("Good", 4),
        ("Excellent", 5),
        ("Strongly disagree", 1),
        ("Disagree", 2),
        ("Neither agree nor disagree", 3),
        ("Neutral", 3),
        ("Agree", 4),
        ("Strongly agree", 5),
        ("  very  POOR ", 1),
        ("STRONGLY AGREE", 5),
        ("1", 1),
        ("5", 5),
        ("4.0", 4),
        (" 3 ", 3),
        ("", None),
        ("   ", None),
        (None, None),
    ],
)
def test_parse_rating(text, expected):
    assert parse_rating(text) == expected


@pytest.mark.parametrize("text", ["7", "0", "-1", "4.5", "Great", "Very good", "5 stars", "nan"])
def test_parse_rating_rejects_what_is_not_on_the_scale(text):
    with pytest.raises(ValueError, match="is not a rating from 1 to 5"):
        parse_rating(text)


@pytest.mark.parametrize("text, expected", [("0", 0), ("6", 6), ("10", 10), ("9.0", 9), ("", None), (None, None)])
def test_parse_recommend(text, expected):
    assert parse_recommend(text) == expected


@pytest.mark.parametrize("text", ["11", "-1", "7.5", "ten", "Very likely"])
def test_parse_recommend_rejects_what_is_not_0_to_10(text):
    with pytest.raises(ValueError, match="is not a score from 0 to 10"):
        parse_recommend(text)


# Not feedback at all -------------------------------------------------------


def test_format_comes_from_content_not_file_name(tmp_path):
    assert parse_feedback(write(tmp_path, "msforms.csv", GOOGLE_CSV.encode("utf-8"))).format == "google-forms"
    assert parse_feedback(write(tmp_path, "responses.txt", SURVEYMONKEY_CSV.encode("utf-8"))).format == "surveymonkey"


@pytest.mark.parametrize(
    "name, data",
    [
        ("empty.csv", b""),
        ("blank.csv", b"\r\n\r\n"),
        ("chart.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"),
        ("roster.csv", b"Employee ID,Name,Email\r\nE001,Ann Lee,ann.lee@example.gov.uk\r\n"),
        # Teams' older report also has a Timestamp column, but not first
        (
            "teams.csv",
            "Full Name\tUser Action\tTimestamp\r\nAnn Lee\tJoined\t6/3/2025, 3:01:22 PM\r\n".encode("utf-16"),
        ),
    ],
)
def test_not_a_feedback_export(tmp_path, name, data):
    with pytest.raises(NotATable):
        parse_feedback(write(tmp_path, name, data))


def test_a_header_without_responses_reads_no_rows(tmp_path):
    parsed = parse_feedback(write(tmp_path, "form.csv", GOOGLE_CSV.splitlines(keepends=True)[0].encode("utf-8")))
    assert (parsed.rows_read, len(parsed.records), list(parsed.records.columns)) == (0, 0, COLUMNS)


def test_a_response_without_a_time_is_kept_when_it_has_answers(tmp_path):
    text = (
        "ID,Start time,Completion time,Email,Name,Which lab did you attend?,Overall rating\r\n"
        "1,,,anonymous,,Coaching conversations,Average\r\n"
    )
    parsed = parse_feedback(write(tmp_path, "form.csv", text.encode("cp1252")))
    assert records(parsed) == [record(2, "msforms:1", None, None, None, "Coaching conversations", 3, None, None)]
    assert parsed.rejects == [] and parsed.meta["date_order"] is None
