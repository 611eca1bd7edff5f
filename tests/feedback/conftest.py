"""The hand-counted council of tests/marts/scenario.py, built and run once per test session."""

import pytest

from tests.marts.scenario import council


@pytest.fixture(scope="session")
def warehouse(tmp_path_factory):
    return council(tmp_path_factory.getbasetemp())
