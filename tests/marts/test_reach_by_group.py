"""marts.reach_by_group: take-up by group, and the publication rule's suppressed cells."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd
import pytest

from pipelines.sql import prepare, replace_table, run_sql
from tests.marts.scenario import LAW, MB, query

PARTICIPANTS_SQL = Path(__file__).resolve().parents[2] / "pipelines" / "defs" / "people" / "sql" / "participants.sql"
SQL = Path(__file__).resolve().parents[2] / "pipelines" / "defs" / "marts" / "sql" / "reach_by_group.sql"


def test_learning_at_work_week_by_group(warehouse):
    rows = query(
        warehouse,
        "select dimension, group_name, headcount, participants, round(participation_pct, 2), suppressed "
        "from marts.reach_by_group where programme = ?",
        [LAW],
    )
    assert rows == [
        # One cell hidden (headcount 4 < 5): the next smallest participant count, Place (58), goes too.
        ("directorate", "Adults", 400, 200, 50.0, False),
        ("directorate", "Chief Executive's", 4, 0, 0.0, True),
        ("directorate", "Children", 300, 150, 50.0, False),
        ("directorate", "Place", 146, 58, 39.73, True),
        ("directorate", "Resources", 250, 120, 48.0, False),
        # CX hidden; PO1 and PO2 both have 44 participants: the smaller headcount (PO2, 47) goes too.
        # Grades in the order they first appear in the roster (no grade_order setting), not by name.
        ("grade", "SO1", 500, 240, 48.0, False),
        ("grade", "SO2", 400, 200, 50.0, False),
        ("grade", "PO1", 150, 44, 29.33, False),
        ("grade", "PO2", 47, 44, 93.62, True),
        ("grade", "CX", 3, 0, 0.0, True),
        ("manager", "Manager", 100, 60, 60.0, False),
        ("manager", "Not a manager", 1000, 468, 46.8, False),
        # Museum: 2 participants (1-4) hidden, and Library (50) with it.
        ("location", "Civic Centre", 690, 330, 47.83, False),
        ("location", "Depot", 300, 146, 48.67, False),
        ("location", "Library", 100, 50, 50.0, True),
        ("location", "Museum", 10, 2, 20.0, True),
        # Two cells hidden already: no third.
        ("sex", "Female", 600, 300, 50.0, False),
        ("sex", "Male", 496, 226, 45.56, False),
        ("sex", "Non-binary", 2, 1, 50.0, True),
        ("sex", "Prefer not to say", 2, 1, 50.0, True),
        # Age Band is a column of the roster, but empty: no breakdown. Ethnicity and the rest are not there.
    ]


def test_headcount_is_hidden_only_under_min_cell_and_rankings_name_only_shown_groups(warehouse):
    rows = query(
        warehouse,
        "select group_name, headcount_suppressed, highest_shown, lowest_shown from marts.reach_by_group "
        "where programme = ? and dimension = 'directorate'",
        [LAW],
    )
    # Place (39.7%) is the true lowest but hidden: Resources (48%) is the lowest shown. Adults and Children
    # tie at 50%: the first name is the highest. Only Chief Executive's (4 people) hides its headcount.
    assert rows == [
        ("Adults", False, True, False),
        ("Chief Executive's", True, False, False),
        ("Children", False, False, False),
        ("Place", False, False, False),
        ("Resources", False, False, True),
    ]


def test_every_breakdown_adds_up_to_the_programme(warehouse):
    totals = query(
        warehouse,
        """select dimension, sum(groups.headcount), sum(groups.participants),
                  any_value(reach.headcount), any_value(reach.participants)
           from marts.reach_by_group as groups join marts.programme_reach as reach using (programme)
           where programme = ? group by dimension order by dimension""",
        [MB],
    )
    assert totals == [
        (dimension, 100, 4, 100, 4) for dimension in ("directorate", "grade", "location", "manager", "sex")
    ]


def people(groups: dict[str, list[tuple]]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Headcount and attendance tables from (group, headcount, participants) per breakdown column.

    The participants are the first people; each column deals them, then the others, to its groups in order.
    """
    cells = next(iter(groups.values()))
    size, taking_part = sum(cell[1] for cell in cells), sum(cell[2] for cell in cells)
    headcount = pd.DataFrame(
        {"programme": "P", "person_key": [f"k{index}" for index in range(size)], "is_manager": False}
    )
    for column in (
        "directorate",
        "grade",
        "location",
        "sex",
        "age_band",
        "ethnicity",
        "disability",
        "sexual_orientation",
    ):
        values, participant, other = [None] * size, 0, taking_part
        for name, count, participants in groups.get(column, []):
            for index in [*range(participant, participant + participants), *range(other, other + count - participants)]:
                values[index] = name
            participant, other = participant + participants, other + count - participants
        headcount[column] = pd.Series(values, dtype=object)
    attendance = pd.DataFrame(
        {"session_id": "S1", "person_key": headcount["person_key"][:taking_part], "attendance_status": "attended"}
    )
    return headcount, attendance


@pytest.fixture
def connection():
    with duckdb.connect() as connection:
        prepare(connection)
        yield connection


def build(connection, groups: dict[str, list[tuple]], min_cell: int, grade_order: list[str] = ()) -> list[tuple]:
    headcount, attendance = people(groups)
    replace_table(connection, "core.headcount", headcount)
    # The newest roster snapshot lists the grades in the order of the headcount's rows; an older one the other way.
    roster = pd.DataFrame({"row": range(len(headcount)), "grade": headcount["grade"], "file": "roster.csv"})
    replace_table(
        connection,
        "staging.roster",
        pd.concat(
            [
                roster.assign(snapshot_date=pd.Timestamp("2025-05-01")),
                roster.assign(snapshot_date=pd.Timestamp("2025-04-01"), row=roster["row"][::-1].to_numpy()),
            ]
        ),
    )
    replace_table(connection, "core.attendance", attendance)
    replace_table(
        connection, "core.sessions", pd.DataFrame({"session_id": ["S1"], "programme": ["P"], "delivered": [True]})
    )
    run_sql(connection, PARTICIPANTS_SQL)
    run_sql(connection, SQL, min_cell=min_cell, grade_order=list(grade_order))
    return connection.execute(
        "select dimension, group_name, headcount, participants, suppressed from marts.reach_by_group"
    ).fetchall()


def test_grades_are_listed_in_pay_order(connection):
    # The participants come first in the roster, so the grades first appear as Z, X, Y there.
    groups = {"grade": [("Z", 10, 6), ("X", 10, 0), ("Y", 10, 5)]}
    grades = [row[1] for row in build(connection, groups, min_cell=5) if row[0] == "grade"]
    assert grades == ["Z", "Y", "X"]
    # A grade_order setting wins; a grade it does not name comes after the ones it does.
    grades = [row[1] for row in build(connection, groups, min_cell=5, grade_order=["Y", "X"]) if row[0] == "grade"]
    assert grades == ["Y", "X", "Z"]


def test_the_threshold_is_the_min_cell_setting(connection):
    groups = {
        "directorate": [("A", 50, 9), ("B", 40, 20), ("C", 31, 12), ("D", 9, 0)],
        "grade": [("X", 50, 9), ("Y", 50, 20), ("Z", 30, 12)],
    }
    assert build(connection, groups, min_cell=10) == [
        ("directorate", "A", 50, 9, True),  # 9 participants: 1 to min_cell - 1
        ("directorate", "B", 40, 20, False),
        ("directorate", "C", 31, 12, False),  # two hidden already
        ("directorate", "D", 9, 0, True),  # headcount under 10
        ("grade", "X", 50, 9, True),
        ("grade", "Y", 50, 20, False),
        ("grade", "Z", 30, 12, True),  # the next smallest participant count
        ("manager", "Not a manager", 130, 41, False),
    ]
    assert build(connection, groups, min_cell=5) == [
        ("directorate", "A", 50, 9, False),
        ("directorate", "B", 40, 20, False),
        ("directorate", "C", 31, 12, False),
        ("directorate", "D", 9, 0, False),  # 0 people is not a count that identifies anyone
        ("grade", "X", 50, 9, False),
        ("grade", "Y", 50, 20, False),
        ("grade", "Z", 30, 12, False),
        ("manager", "Not a manager", 130, 41, False),
    ]


def test_a_blank_value_is_not_recorded_and_an_empty_column_is_no_breakdown(connection):
    groups = {
        "directorate": [("A", 6, 5), ("B", 6, 0)],
        "sex": [("Female", 6, 5), (None, 6, 0)],
        "ethnicity": [(None, 12, 5)],
    }
    assert build(connection, groups, min_cell=5) == [
        ("directorate", "A", 6, 5, False),
        ("directorate", "B", 6, 0, False),
        ("manager", "Not a manager", 12, 5, False),
        ("sex", "Female", 6, 5, False),
        ("sex", "Not recorded", 6, 0, False),
    ]
