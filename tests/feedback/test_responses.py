"""Matching a response to its session, the file's date order, and finding repeats: the rules on their own."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pandas as pd

from pipelines.defs.catalogue.lookup import Catalogue, title_key
from pipelines.defs.feedback.responses import choose_session, duplicates, match_responses

LONDON = ZoneInfo("Europe/London")


def catalogue(corrections: dict[str, str] | None = None) -> Catalogue:
    sessions = pd.DataFrame(
        [
            ("LAW-02", "Coaching conversations", "2025-06-03 10:00", True, None),
            ("LAW-04", "Coaching conversations", "2025-06-05 10:00", True, None),
            ("LAW-07", "Coaching conversations", "2025-06-05 14:00", True, None),
            ("LAW-09", "Coaching conversations", "2025-06-12 10:00", True, None),
            ("LAW-03", "Budgeting basics", "2025-06-04 14:00", True, None),
            ("LAW-06", "Wellbeing walk", "2025-06-09 12:00", False, "cancelled"),
            ("LAW-10", "Closing panel", "2025-07-01 12:00", False, None),
        ],
        columns=["session_id", "title", "start_at", "delivered", "status"],
    )
    sessions["start_at"] = pd.to_datetime(sessions["start_at"])
    sessions["end_at"] = sessions["start_at"] + pd.Timedelta(hours=1)
    return Catalogue(sessions, {title_key(value): maps_to for value, maps_to in (corrections or {}).items()})


def chosen(answer, sent=None, file_name="feedback/form.csv", corrections=None):
    result = choose_session(catalogue(corrections), file_name, answer, datetime.fromisoformat(sent) if sent else None)
    return result if isinstance(result, str) else result.session_id


def test_a_title_several_sessions_share_goes_to_the_one_held_that_day():
    assert chosen("Coaching conversations", "2025-06-03 10:55") == "LAW-02"
    assert chosen("coaching  CONVERSATIONS", "2025-06-03 09:55") == "LAW-02"  # answered just before it began


def test_two_runs_on_the_same_day_the_latest_begun_wins():
    assert chosen("Coaching conversations", "2025-06-05 11:00") == "LAW-04"
    assert chosen("Coaching conversations", "2025-06-05 15:00") == "LAW-07"


def test_otherwise_the_latest_one_delivered_before_the_response():
    assert chosen("Coaching conversations", "2025-06-08 09:00") == "LAW-07"
    assert chosen("Coaching conversations", "2025-05-30 09:00") == (
        "4 sessions are called 'Coaching conversations' and none was held on or before 30 May 2025, "
        "when the response was sent"
    )
    assert chosen("Coaching conversations") == (
        "4 sessions are called 'Coaching conversations' and the response has no date to tell them apart"
    )


def test_a_unique_title_a_session_id_a_correction_and_a_folder():
    assert chosen("Budgeting basics", "2025-06-20 09:00") == "LAW-03"
    assert chosen(" law-09 ", "2025-06-12 11:00") == "LAW-09"
    assert chosen("Money skills", "2025-06-04 15:00", corrections={"money skills": "LAW-03"}) == "LAW-03"
    assert chosen(None, "2025-06-04 15:00", file_name="feedback/LAW-03/form.csv") == "LAW-03"
    assert chosen("Coaching conversations", "2025-06-04 15:00", file_name="feedback/LAW-03/form.csv") == "LAW-03"
    assert chosen(None, "2025-06-05 11:00", file_name="feedback/LAW-03/LAW-04/form.csv") == "LAW-04"


def test_what_matches_nothing_says_why():
    assert (
        chosen("Knitting")
        == "no session in the catalogue is called or numbered 'Knitting': add a session correction for it"
    )
    assert chosen(None).startswith("the response does not say which session it is about")
    assert (
        chosen("Money", corrections={"money": "LAW-99"})
        == "the correction for 'Money' names session LAW-99, which is not in the catalogue"
    )


def test_feedback_on_a_session_that_was_not_delivered_does_not_count():
    assert chosen("Wellbeing walk", "2025-06-09 13:00") == (
        "session LAW-06 ('Wellbeing walk') was not delivered (it was cancelled), so its feedback does not count"
    )
    assert chosen("LAW-10", "2025-06-09 13:00") == (
        "session LAW-10 ('Closing panel') was not delivered (it had not taken place when the figures were refreshed), "
        "so its feedback does not count"
    )


def records(*rows) -> pd.DataFrame:
    return pd.DataFrame(
        [{"row": number, "submitted_text": sent, "session_answer": answer} for number, sent, answer in rows]
    )


def match(frame: pd.DataFrame, file_order=None):
    return match_responses(frame, "feedback/form.csv", "msforms", file_order, catalogue(), LONDON, 14, "Which lab?")


def test_the_order_that_puts_responses_after_their_session_wins():
    # 4/6/25 day-first is 4 June (after LAW-03); month-first 6 April, before it.
    matched = match(
        records((2, "4/6/25 15:02:00", "Budgeting basics"), (3, "6/6/25 09:00:00", "Coaching conversations"))
    )
    assert [(m.session_id, m.submitted_at) for m in matched] == [
        ("LAW-03", datetime(2025, 6, 4, 15, 2)),
        ("LAW-07", datetime(2025, 6, 6, 9, 0)),
    ]
    # Read month-first, 6/4/25 is 4 June: the file's own order is obeyed.
    matched = match(records((2, "6/4/25 15:02:00", "Budgeting basics")), file_order="mdy")
    assert matched[0].submitted_at == datetime(2025, 6, 4, 15, 2)


def test_when_neither_order_fits_the_dated_responses_are_quarantined():
    matched = match(records((2, "1/2/25 10:00:00", "Budgeting basics"), (3, None, "Budgeting basics")))
    assert matched[0].session_id is None and matched[0].column == "Completion time"
    assert matched[0].reason == (
        "read day-first or month-first, none of the file's dates (such as '1/2/25 10:00:00') "
        "falls on its session's date "
        "or in the 14 days after it, so the date order cannot be told"
    )
    assert (matched[1].session_id, matched[1].submitted_at) == ("LAW-03", None)  # no date: nothing to doubt


def test_an_offset_is_obeyed_and_the_time_kept_as_local_wall_clock():
    [matched] = match(records((2, "2025/06/04 4:05:00 PM GMT+2", "Budgeting basics")))
    assert matched.submitted_at == datetime(2025, 6, 4, 15, 5)  # 16:05 at GMT+2 is 15:05 in London in June


def responses(*rows) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["response_id", "file", "response_key", "submitted_at", "answers_fingerprint"])


NOON = datetime(2025, 6, 4, 12, 0)


def test_within_one_export_every_row_is_its_own_response():
    found = duplicates(
        responses(
            ("a", "feedback/law.csv", "msforms:1", NOON, "f1"),
            ("b", "feedback/law.csv", "msforms:1", NOON, "f1"),  # the same ID, time and answers: still another row
            ("c", "feedback/google.csv", None, NOON, "f2"),
            ("d", "feedback/google.csv", None, NOON, "f2"),  # two people, the same second, the same answers
        )
    )
    assert found == [None, None, None, None]


def test_three_forms_each_numbering_1_2_3_are_not_duplicates():
    rows = [
        (
            f"{form}{number}",
            f"feedback/{form}.xlsx",
            f"msforms:{number}",
            NOON + timedelta(days=day, minutes=number),
            "same",
        )
        for day, form in enumerate(("coaching", "budgeting", "resilience"))
        for number in (1, 2, 3)
    ]
    assert duplicates(responses(*rows)) == [None] * 9  # 9 responses counted


def test_the_same_response_in_another_export_has_the_same_id_and_completion_time():
    found = duplicates(
        responses(
            ("a", "feedback/law.csv", "msforms:1", NOON, "f1"),
            ("b", "feedback/law.csv", "msforms:2", NOON, "f2"),
            ("c", "feedback/law.csv", "msforms:3", None, "f3"),
            ("a2", "feedback/law again.xlsx", "msforms:1", pd.Timestamp(NOON), "other"),  # same ID and time
            ("b2", "feedback/law again.xlsx", "msforms:2", NOON + timedelta(minutes=5), "f2"),  # edited later: another
            ("c2", "feedback/law again.xlsx", "msforms:3", None, "f3"),  # no time: cannot be told apart, counts
            ("x", "feedback/law again.xlsx", "msforms:7", NOON, "f1"),  # renumbered: not the same ID
        )
    )
    assert found == [None, None, None, "a", None, None, None]


def test_exports_without_ids_repeat_by_time_and_answers_each_row_once():
    found = duplicates(
        responses(
            ("g1", "feedback/form.csv", None, NOON, "f1"),
            ("g2", "feedback/form.csv", None, NOON, "f1"),
            ("g3", "feedback/form.csv", None, NOON, "f9"),
            ("h1", "feedback/form (re-downloaded).csv", None, NOON, "f1"),
            ("h2", "feedback/form (re-downloaded).csv", None, NOON, "f1"),
            ("h3", "feedback/form (re-downloaded).csv", None, NOON, "f1"),  # a third: the first export had only two
            ("h4", "feedback/form (re-downloaded).csv", None, NOON, "f8"),  # other answers
        )
    )
    assert found == [None, None, None, "g1", "g2", None, None]  # 7 rows, 5 responses counted
