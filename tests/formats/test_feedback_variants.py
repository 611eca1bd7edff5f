"""Feedback exports as real forms are made (issue 13.6-8): personal questions, labelled ratings, zone abbreviations."""

from datetime import UTC, datetime, timedelta

import pandas as pd
import pytest

from pipelines.formats.dates import BadTimestamp, parse_timestamp
from pipelines.formats.feedback import is_personal, parse_feedback, parse_rating, parse_recommend
from tests.conftest import SAMPLES

FORM = SAMPLES / "google_forms_personal_questions.csv"
PERSONAL_ANSWERS = [
    "Priya Shah",
    "priya.shah@council.gov.uk",
    "Tom Baker",
    "07700 900123",
    "E006",
    "Anon",
    "me@home.example",
]


def scores(parsed, column):
    return [None if pd.isna(value) else int(value) for value in parsed.records[column]]


def test_personal_questions_are_neither_comments_nor_stored():
    parsed = parse_feedback(FORM)

    assert parsed.meta["questions"] == {
        "session": "Which session did you attend?",
        "recommend": "How likely are you to recommend this session to a colleague?",
        "rating": "How would you rate the trainer?",
        "comments": ["What will you do differently?"],
    }
    stored = [str(value) for value in parsed.records.drop(columns=["email", "answers_fingerprint"]).to_numpy().ravel()]
    assert not [value for value in stored for answer in PERSONAL_ANSWERS if answer in value]
    # Only the tool's own e-mail column identifies a respondent; "What is your complete email?" does not.
    assert parsed.records["email"].tolist() == ["priya.shah@council.gov.uk", None, None, "tom.baker@council.gov.uk"]
    assert parsed.records["name"].isna().all()


def test_personal_answers_do_not_even_reach_the_fingerprint(tmp_path):
    changed = tmp_path / "form.csv"
    changed.write_bytes(FORM.read_bytes().replace(b"07700 900123", b"01632 960000").replace(b'"Anon"', b'"Someone"'))

    assert (
        parse_feedback(changed).records["answers_fingerprint"].tolist()
        == parse_feedback(FORM).records["answers_fingerprint"].tolist()
    )


def test_labelled_ratings_are_their_number_and_not_applicable_is_no_answer():
    parsed = parse_feedback(FORM)

    assert scores(parsed, "rating") == [4, 5, None, None]
    assert scores(parsed, "recommend") == [9, 10, None, 8]
    assert [(reject.row, reject.column) for reject in parsed.rejects] == [(5, "Timestamp")]  # nothing else quarantined


def test_unknown_zone_abbreviation_quarantines_the_timestamp_only():
    parsed = parse_feedback(FORM)

    [reject] = parsed.rejects
    assert (reject.row, reject.column, reject.whole_row) == (5, "Timestamp", False)
    assert reject.reason.startswith(
        "Timestamp '2025/06/04 11:55:00 AM AEST' has a time zone 'AEST' that Uptake does not know"
    )
    assert parsed.rows_read == 4 and len(parsed.records) == 4
    assert parsed.records["submitted_text"].tolist() == [
        "2025/06/04 11:40:12 AM BST",
        "2025/06/04 10:45:00 AM GMT",
        "2025/06/04 10:50:00 AM UTC",
        None,
    ]


@pytest.mark.parametrize(
    ("text", "utc"),
    [
        ("2022/06/22 11:07:29 AM BST", datetime(2022, 6, 22, 10, 7, 29)),
        ("2022/06/22 11:07:29 AM GMT", datetime(2022, 6, 22, 11, 7, 29)),
        ("2022/06/22 11:07:29 PM UTC", datetime(2022, 6, 22, 23, 7, 29)),
        ("2025/06/03 3:08:44 PM GMT+1", datetime(2025, 6, 3, 14, 8, 44)),
        ("2025-06-03T10:00:00Z", datetime(2025, 6, 3, 10)),
    ],
)
def test_zone_abbreviations_are_read(text, utc):
    assert parse_timestamp(text).astimezone(UTC).replace(tzinfo=None) == utc


def test_unknown_abbreviation_is_not_guessed():
    with pytest.raises(BadTimestamp, match="'XYZ' that Uptake does not know"):
        parse_timestamp("2022/06/22 11:07:29 AM XYZ")
    assert parse_timestamp("2022/06/22 11:07:29 AM BST").utcoffset() == timedelta(hours=1)


@pytest.mark.parametrize(
    ("wording", "personal"),
    [
        ("What is your name?", True),
        ("Employee Name\u00a0", True),
        ("Evaluator Name", True),
        ("Name", True),
        ("What is your complete email?", True),
        ("Your e-mail address", True),
        ("Phone number", True),
        ("Mobile", True),
        ("Employee number", True),
        ("Staff ID", True),
        ("Name one thing you will do differently", False),
        ("Which renamed services confuse you?", False),
        ("What will you do differently?", False),
        ("How would you rate the trainer?", False),
    ],
)
def test_personal_questions_are_recognised_by_their_words(wording, personal):
    assert is_personal(wording) is personal


@pytest.mark.parametrize(
    ("text", "rating"),
    [
        ("4 (Exceeds Expectations)", 4),
        ("5 (Exceptional)", 5),
        ("0 (Not Applicable)", None),
        ("Not applicable", None),
        ("N/A", None),
        ("3", 3),
        ("Good", 4),
    ],
)
def test_labelled_ratings(text, rating):
    assert parse_rating(text) == rating


def test_a_labelled_rating_off_the_scale_is_still_unreadable():
    with pytest.raises(ValueError, match="'7' is not a rating from 1 to 5"):
        parse_rating("7 (Outstanding)")
    assert parse_recommend("0 (Not likely at all)") == 0  # a real 0: only "not applicable" is no answer
    assert parse_recommend("0 (Not applicable)") is None
