"""The marts the pages read, on the hand-counted fixture warehouse (tests/reports/warehouse.py)."""

from datetime import date

import duckdb
import pytest

from pipelines.defs.marts.pages import PAGE_MARTS, build_page_mart
from pipelines.settings import Settings
from tests.reports.warehouse import ALS, LAW, build_warehouse


@pytest.fixture
def settings(tmp_path):
    return Settings(
        tmp_path / "raw", tmp_path / "warehouse" / "uptake.duckdb", tmp_path / "reports", tmp_path / "uptake.toml"
    )


@pytest.fixture
def connection(settings):
    with duckdb.connect(str(build_warehouse(settings.warehouse, settings))) as connection:
        yield connection


def rows(connection, sql, parameters=None):
    return connection.execute(sql, parameters).fetchall()


def test_visits_by_day_counts_a_visit_on_the_london_day_it_began_over_the_logged_days(connection):
    # Logs cover 30 May - 4 June; alice's visit begins 23:50 on 1 June London time and ends after midnight.
    assert rows(
        connection,
        "select day, programme_visits, page_views, unique_visitors, sessions_delivered from marts.visits_by_day where "
        "programme = ? order by day",
        [LAW],
    ) == [
        (date(2025, 5, 30), 0, 0, 0, 0),
        (date(2025, 5, 31), 0, 0, 0, 0),
        (date(2025, 6, 1), 1, 1, 1, 0),
        (date(2025, 6, 2), 1, 3, 2, 1),
        (date(2025, 6, 3), 1, 1, 1, 1),
        (date(2025, 6, 4), 0, 0, 0, 0),
    ]
    # The days add up to the programme's visits (3), and a programme without intranet pages has no rows.
    assert rows(connection, "select sum(programme_visits) from marts.visits_by_day where programme = ?", [LAW]) == [
        (3,)
    ]
    assert rows(connection, "select count(*) from marts.visits_by_day where programme = ?", [ALS]) == [(0,)]


def test_reach_by_week_counts_each_participant_in_the_week_they_first_took_part(connection):
    # Week 1: LAW-01 (13 headcount participants + a guest) and LAW-02 (5 repeats, 3 new); week 2: LAW-05
    # (3 new, p01 again, p41 outside the headcount) and LAW-03 without data. 19 = programme_reach.participants.
    assert rows(
        connection,
        "select week_start, week_number, sessions_delivered, attendances, new_participants, cumulative_participants, "
        "cumulative_participation_pct from marts.reach_by_week order by programme, week_start",
    ) == [
        (date(2025, 6, 2), 1, 2, 22, 16, 16, 40.0),
        (date(2025, 6, 9), 2, 2, 5, 3, 19, 47.5),
    ]
    # Action Learning Sets run over two days: not longer than a week, so no rows.
    assert rows(connection, "select count(*) from marts.reach_by_week where programme = ?", [ALS]) == [(0,)]


def test_rating_distribution_has_every_score_of_each_scale(connection):
    ratings = rows(
        connection,
        "select score, responses, round(share_pct, 2) from marts.rating_distribution where question = 'rating' order "
        "by score",
    )
    assert ratings == [(1, 0, 0.0), (2, 0, 0.0), (3, 1, 16.67), (4, 3, 50.0), (5, 2, 33.33)]
    recommend = rows(
        connection,
        "select nps_group, sum(responses), sum(share_pct) from marts.rating_distribution where question = 'recommend' "
        "group by nps_group order by nps_group",
    )
    # 5 answered (one response left it blank): 1 detractor, 1 passive, 3 promoters -> NPS 60 - 20 = +40.
    assert recommend == [("detractor", 1, 20.0), ("passive", 1, 20.0), ("promoter", 3, 60.0)]
    assert rows(connection, "select count(*) from marts.rating_distribution where question = 'recommend'") == [(11,)]
    assert rows(
        connection,
        "select distinct nps_group, nps_group_share_pct from marts.rating_distribution where question = 'recommend' "
        "order by 1",
    ) == [("detractor", 20.0), ("passive", 20.0), ("promoter", 60.0)]


def test_directorate_reach_puts_each_directorate_next_to_the_organisation(connection):
    assert rows(
        connection,
        "select programme, headcount, participants, suppressed, organisation_participants,"
        " organisation_participation_pct "
        "from marts.directorate_reach where directorate = 'Adults' order by programme",
    ) == [(ALS, 9, 6, False, 6, 66.667), (LAW, 15, 8, False, 19, 47.5)]


def test_programme_sources_say_what_the_figures_rest_on(connection):
    assert rows(
        connection,
        "select programme, roster_snapshot_date, headcount_date, managers_only, sessions_delivered,"
        " sessions_with_attendance_data, "
        "has_intranet_pages, intranet_window_first_day, intranet_window_last_day from marts.programme_sources order "
        "by programme",
    ) == [
        (ALS, date(2025, 5, 1), date(2025, 6, 6), True, 2, 2, False, date(2025, 5, 22), date(2025, 6, 20)),
        (LAW, date(2025, 5, 1), date(2025, 6, 11), False, 4, 3, True, date(2025, 5, 19), date(2025, 6, 25)),
    ]


def test_quarantine_reasons_are_masked_and_point_at_file_row_and_column(connection):
    reasons = rows(
        connection, "select source, reason, records, examples from marts.quarantine_reasons order by source, reason"
    )
    assert reasons == [
        (
            "attendance",
            "'…' in 3. In-Meeting Activities is not listed once in 2. Participants, so this join was not used",
            1,
            [{"folder": "attendance", "file_hash": "teams-sh", "row_number": 11, "column_name": "Name"}],
        ),
        (
            "attendance",
            "Join Time '…' is not a real date",
            1,
            [{"folder": "attendance", "file_hash": "teams-sh", "row_number": 9, "column_name": "Join Time"}],
        ),
        (
            "feedback",
            "Overall: '…' is not a rating from 1 to 5; call … or …",
            1,
            [{"folder": "feedback", "file_hash": None, "row_number": 5, "column_name": "Overall"}],
        ),
        (
            "feedback",
            "the answer … is not in the roster",
            1,
            [{"folder": "feedback", "file_hash": None, "row_number": 4, "column_name": "Email"}],
        ),
        (
            "roster",
            "Employee ID … appears again in the … snapshot; the first row was kept",
            1,
            [{"folder": "roster", "file_hash": "roster-s", "row_number": 12, "column_name": "Employee ID"}],
        ),
    ]


def test_the_same_reason_with_different_values_is_one_reason_with_a_few_examples(connection, settings):
    connection.execute(
        "insert into quarantine.records select 'attendance', 'parse', 'attendance/zoom.csv', i, 'Join Time', "
        "'Join Time ''' || i || '/13/2025 10:00'' is not a real date', '', true from range(1, 6) as r(i)"
    )
    build_page_mart(connection, next(mart for mart in PAGE_MARTS if mart.name == "quarantine_reasons"), settings)
    records, files, examples = connection.execute(
        "select records, files, examples from marts.quarantine_reasons where reason = 'Join Time ''…'' is not a real "
        "date'"
    ).fetchone()
    assert (records, files) == (6, 2)
    # Examples give the folder and the file's short hash (zoom.csv is not in the fixture's audit.files), never its name.
    assert [(example["folder"], example["file_hash"], example["row_number"]) for example in examples] == [
        ("attendance", "teams-sh", 9),
        ("attendance", None, 1),
        ("attendance", None, 2),
    ]


def test_data_quality_summary(connection):
    assert rows(connection, "select * from marts.data_quality_summary") == [(3, 2, 1, 66, 64, 2, 3, 1)]


def test_a_page_mart_whose_sources_are_missing_is_dropped_not_failed(settings):
    path = build_warehouse(settings.warehouse, settings, without=["core.responses", "core.page_views"])
    with duckdb.connect(str(path)) as connection:
        tables = {
            row[0]
            for row in connection.execute(
                "select table_name from information_schema.tables where table_schema = 'marts'"
            ).fetchall()
        }
        assert "rating_distribution" not in tables and "visits_by_day" not in tables and "reach_by_week" in tables
        mart = next(mart for mart in PAGE_MARTS if mart.name == "visits_by_day")
        assert build_page_mart(connection, mart, settings) == ["core.page_views"]
