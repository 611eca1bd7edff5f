"""The intranet suites: each table is validated when the rows its suite checks change; a passed check not run
again says so, a broken one keeps its counts and examples. Raw requests are not validated one by one: the parser's
reject rules judge every line (tests/formats/test_weblog.py).

The suites are run as a refresh runs them (quality.checks.run_suite) on a temporary warehouse.
"""

from __future__ import annotations

import pytest

from pipelines.defs.quality.checks import UNCHANGED, run_suite
from pipelines.defs.quality.validate import SUITES, read_suite, suites
from tests.intranet.conftest import apache, build, load, rows

KNOWN = [suite.table for suite in suites()]
DAY = "03/Jun/2025"


def outcomes(evaluations) -> dict[str, tuple]:
    """Each check's outcome, rows looked at, and whether it was carried over unchanged."""
    return {e.rule.check: (e.outcome, e.element_count, e.examples == [UNCHANGED]) for e in evaluations}


def lines(count: int, start_minute: int = 0, status: int = 200) -> list[str]:
    return [
        apache(f"{DAY}:10:{start_minute + i:02d}:00 +0100", f"/page/{i}", user="alice", status=status)
        for i in range(count)
    ]


def test_a_log_whose_lines_do_not_add_up_fails_its_check(warehouse, tmp_path):
    suite = read_suite(SUITES / "staging" / "intranet_files.json")
    load(warehouse, tmp_path, "a.log", lines(3) + ["not a request"])
    assert rows(warehouse, "select rows_read, rows_kept, rejects_total from staging.intranet_files") == [(4, 3, 1)]
    assert {check: outcome for check, (outcome, _, _) in outcomes(run_suite(warehouse, suite, KNOWN)).items()} == {
        "required_columns": "passed",
        "log_loaded_once": "passed",
        "format_known": "passed",
        "every_line_counted": "passed",
    }

    warehouse.execute("insert into staging.intranet_files values ('b-sha256', 'combined', 5, 3, 1)")  # a line lost
    warehouse.execute(
        "insert into audit.files_found (source, file, sha256) values ('intranet', 'intranet/b.log', 'b-sha256')"
    )
    assert outcomes(run_suite(warehouse, suite, KNOWN))["every_line_counted"] == ("failed", 2, False)
    found = {e.rule.check: (e.outcome, e.unexpected_count, e.examples) for e in run_suite(warehouse, suite, KNOWN)}
    assert found["every_line_counted"] == ("failed", 1, ["intranet/b.log: uncounted_lines 1"])

    # The same rows again: carried over, the broken rule with its counts and examples, the others as unchanged.
    again = run_suite(warehouse, suite, KNOWN)
    assert {e.rule.check: (e.outcome, e.unexpected_count, e.examples) for e in again}["every_line_counted"] == (
        found["every_line_counted"]
    )
    assert {e.examples == [UNCHANGED] for e in again if e.passed} == {True}


@pytest.mark.parametrize("table", ["core.page_views", "core.visits"])
def test_a_core_table_is_checked_again_only_when_its_content_changes(warehouse, tmp_path, table):
    schema, name = table.split(".")
    suite = read_suite(SUITES / schema / f"{name}.json")
    # alice's views at 10:00, 10:01, then 10:40 and 10:41: two visits with a 30-minute gap, one with 60.
    load(warehouse, tmp_path, "access.log", lines(2) + lines(2, start_minute=40))
    build(warehouse)
    assert outcomes(run_suite(warehouse, suite, KNOWN))["visitor_present"] == (
        "passed",
        {"page_views": 4, "visits": 2}[name],
        False,
    )
    assert {unchanged for _, _, unchanged in outcomes(run_suite(warehouse, suite, KNOWN)).values()} == {True}

    build(warehouse)  # rebuilt, the same rows: still unchanged
    assert {unchanged for _, _, unchanged in outcomes(run_suite(warehouse, suite, KNOWN)).values()} == {True}

    build(warehouse, visit_gap_minutes=60)  # one visit now: new visit IDs, checked again
    assert {unchanged for _, _, unchanged in outcomes(run_suite(warehouse, suite, KNOWN)).values()} == {False}


def test_a_renamed_column_is_checked_again_though_the_values_are_the_same(warehouse, tmp_path):
    suite = read_suite(SUITES / "core" / "visits.json")
    load(warehouse, tmp_path, "access.log", lines(2))
    build(warehouse)
    run_suite(warehouse, suite, KNOWN)
    warehouse.execute("alter table core.visits rename column page_views to views")
    evaluations = {e.rule.check: e for e in run_suite(warehouse, suite, KNOWN)}
    assert evaluations["required_columns"].outcome == "failed"
    assert evaluations["required_columns"].examples == ["column page_views is missing"]
