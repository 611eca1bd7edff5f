"""The committed two-year demo through the real refresh: period_reach agrees with the generator's model.

The generator counts each period by the SPEC's rules from what really happened (scripts/demo/figures.py),
never from the files; the pipeline counts from the files.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from scripts.demo import build_model
from scripts.demo.figures import period_figures
from tests.conftest import query

AS_OF = datetime(2025, 6, 30, 18, 0)  # data/demo.toml
COLUMNS = ["headcount", "sessions_delivered", "participants", "attendances"]


@pytest.fixture(scope="module")
def model():
    return build_model(2025, 1)


def reach(root, period: str) -> dict:
    row = query(root, f"select {', '.join(COLUMNS)} from marts.period_reach where period = ?", [period])[0]
    return dict(zip(COLUMNS, row))


def test_this_year_so_far(demo, model):
    expected = period_figures(model, date(2025, 4, 1), date(2025, 6, 30), AS_OF)
    assert reach(demo.root, "2025/26") == expected
    assert expected["participants"] > 600 and expected["headcount"] == 3004


def test_last_year_to_the_same_point(demo, model):
    expected = period_figures(model, date(2024, 4, 1), date(2024, 6, 30), datetime(2024, 6, 30, 18, 0))
    found = query(
        demo.root,
        "select (select count(*) from core.period_headcount where period = '2025/26' and basis = "
        "'previous'), prev_sessions_delivered, prev_participants, prev_attendances from marts.period_reach "
        "where period = '2025/26'",
    )[0]
    assert dict(zip(COLUMNS, found)) == expected
    assert expected["sessions_delivered"] == 11  # nine LAW 2024 labs, two coaching circles


def test_last_year_whole_with_no_comparison(demo, model):
    assert reach(demo.root, "2024/25") == period_figures(model, date(2024, 4, 1), date(2025, 3, 31), AS_OF)
    assert query(
        demo.root, "select prev_participants, is_current from marts.period_reach where period = '2024/25'"
    ) == [(None, False)]


def test_the_equality_table_hides_small_groups_with_their_secondary_cell(demo):
    hidden = query(
        demo.root,
        "select period, dimension, group_name from marts.equality_monitoring where suppressed "
        "and dimension in ('sex', 'ethnicity', 'sexual_orientation') order by all",
    )
    assert ("2024/25", "sex", "Non-binary") in hidden  # three people on the October 2024 snapshot
    assert ("2025/26", "sexual_orientation", "Other") in hidden
    assert ("2025/26", "ethnicity", "Other ethnic group") in hidden
    assert (demo.reports / "2025-26" / "equality.csv").exists()
