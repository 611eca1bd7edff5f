"""marts.ten_things: ten figures per programme worded for a bulletin (SPEC section 3 "Publication")."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from pipelines.sql import run_sql
from tests.marts.scenario import ALS, LAW, MB, query

WORDING = Path(__file__).resolve().parents[2] / "pipelines" / "defs" / "marts" / "sql" / "ten_things_wording.sql"


def things(warehouse, programme: str) -> list[tuple]:
    return query(
        warehouse,
        "select rank, metric, value, text from marts.ten_things where programme = ? order by rank",
        [programme],
    )


def test_learning_at_work_week(warehouse):
    assert things(warehouse, LAW) == [
        (1, "participants", 528, "Over 500 people took part"),
        (
            2,
            "engaged_pct",
            pytest.approx(100 * 530 / 1100),
            "An estimated 48% of the workforce got involved in some way",
        ),
        (3, "participation_pct", 48.0, "48% of the workforce took part in a session"),
        # No intranet visits in these data: that figure gives way to the next.
        (4, "sessions_delivered", 5, "5 sessions were held"),  # the cancelled walk is not one
        (5, "busiest_session", 252, "The busiest session, Coaching conversations on 3 June, had over 200 attendances"),
        (6, "cost_per_participant_gbp", pytest.approx(6500 / 528), "It cost £12 per participant"),
        (7, "avg_rating", 3.875, "Sessions were rated 3.9 out of 5 on average"),
        (8, "nps", pytest.approx(100 / 3), "The Net Promoter Score was +33"),
        (9, "repeat_attenders", 100, "100 people came to two or more sessions"),  # exact: not "over 100"
        (10, "managers_participation_pct", 60.0, "60% of managers took part, against 47% of other staff"),
    ]


def test_a_cohort_programme_without_feedback_shows_other_real_figures(warehouse):
    assert things(warehouse, ALS) == [
        (1, "participants", 10, "10 people took part"),
        # Engaged people are just the 10 participants: "10% got involved" would repeat "10% took part".
        (2, "participation_pct", 10.0, "10% of managers took part in a session"),
        (
            3,
            "cohort_completion_pct",
            pytest.approx(700 / 11),
            "64% of cohort members came to at least 80% of their meetings",
        ),
        (4, "sessions_delivered", 8, "8 sessions were held"),
        (5, "busiest_session", 6, "The busiest session, Set 1 meeting 1 on 12 May, had 6 attendances"),
        (6, "cost_per_participant_gbp", 240.0, "It cost £240 per participant"),
        (7, "repeat_attenders", 9, "9 people came to two or more sessions"),
        (8, "attendances", 37, "There were 37 attendances"),
        # Every ALS session has a sign-in sheet with a Status column: 11 no-shows of 48 bookings, and says so.
        (
            9,
            "no_show_rate_pct",
            pytest.approx(100 * 11 / 48),
            "23% of bookings were no-shows, at the 8 sessions with booking data",
        ),
        # 37 attendances over 8 sessions of 9 places.
        (10, "fill_rate_pct", pytest.approx(100 * 37 / 72), "Sessions were 51% full"),
    ]


def test_nothing_that_rests_on_one_or_two_sessions_or_repeats_another(warehouse):
    # Two sessions only: no "2 sessions were held", no busiest of two, no fill rate of two. Engaged people
    # are the participants. Fewer than ten things, none of them filler.
    assert things(warehouse, MB) == [
        (1, "participants", 4, "4 people took part"),
        (2, "participation_pct", 4.0, "4% of managers took part in a session"),
        (3, "cohort_completion_pct", 75.0, "75% of cohort members came to at least 80% of their meetings"),
        (4, "repeat_attenders", 3, "3 people came to two or more sessions"),
        (5, "attendances", 7, "There were 7 attendances"),
    ]


@pytest.fixture(scope="module")
def words():
    with duckdb.connect() as connection:
        run_sql(connection, WORDING)
        yield lambda sql, value: connection.execute(f"select {sql}", [value]).fetchone()[0]


@pytest.mark.parametrize(
    "count, text",
    [
        (0, "0"),
        (1, "1"),
        (99, "99"),
        (100, "100"),
        (101, "over 100"),
        (199, "over 100"),
        (500, "500"),
        (537, "over 500"),
        (999, "over 900"),
        (1000, "1,000"),
        (2345, "over 2,000"),
        (20000, "20,000"),
        (19999, "over 10,000"),
    ],
)
def test_counts_of_100_or_more_are_floored_to_one_figure(words, count, text):
    assert words("count_in_words(?)", count) == text


@pytest.mark.parametrize(
    "value, percent, nps, money",
    [
        (48.0, "48%", "+48", "£48"),
        (48.49, "48%", "+48", "£48"),
        (48.5, "49%", "+49", "£49"),
        (12.31, "12%", "+12", "£12"),
        (0.4, "0%", "0", "£0"),
        (-2.5, "-3%", "-3", "-£3"),
        (-12.49, "-12%", "-12", "-£12"),
        (1100, "1100%", "+1100", "£1,100"),
    ],
)
def test_percentages_nps_and_money_are_whole_numbers_rounded_half_away_from_zero(words, value, percent, nps, money):
    assert (
        words("percent_in_words(?)", value),
        words("nps_in_words(?)", value),
        words("money_in_words(?)", value),
    ) == (
        percent,
        nps,
        money,
    )


def test_an_average_has_one_decimal_and_a_sentence_opens_with_a_capital(words):
    assert [words("rounded_tenth(?)", value) for value in (3.875, 3.85, 3.84, 4.0)] == ["3.9", "3.9", "3.8", "4.0"]
    assert words("as_sentence(?)", "over 500 people took part") == "Over 500 people took part"
