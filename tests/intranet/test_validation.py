"""The intranet suites check each row once: a log's requests in the refresh that loads it, core tables
when their content changes; a check not run again says so, and a warning is never carried over.

The suites are run as a refresh runs them (quality.checks.run_suite) on a temporary warehouse.
"""

from __future__ import annotations

import json

import pytest

from pipelines.defs.quality.checks import UNCHANGED, run_suite
from pipelines.defs.quality.validate import SUITES, read_suite, suites
from tests.intranet.conftest import apache, build, load, rows

KNOWN = [suite.table for suite in suites()]
DAY = "03/Jun/2025"


def requests_suite():
    return read_suite(SUITES / "staging" / "intranet_requests.json")


def log(warehouse, folder, name: str, lines: list[str]) -> None:
    """Load a log as staging_intranet does: its requests, and its row in staging.intranet_files."""
    loaded = load(warehouse, folder, name, lines)
    warehouse.execute(
        "create table if not exists staging.intranet_files"
        " (file_id varchar, format varchar, rows_read bigint, rows_kept bigint, rejects_total bigint)"
    )
    warehouse.execute("insert into staging.intranet_files values (?, ?, ?, ?, ?)", [name, loaded.format, loaded.rows_read, loaded.rows_kept, 0])


def outcomes(evaluations) -> dict[str, tuple]:
    """Each check's outcome, rows looked at, and whether it was carried over unchanged."""
    return {e.rule.check: (e.outcome, e.element_count, e.examples == [UNCHANGED]) for e in evaluations}


def lines(count: int, start_minute: int = 0, status: int = 200) -> list[str]:
    return [apache(f"{DAY}:10:{start_minute + i:02d}:00 +0100", f"/page/{i}", user="alice", status=status) for i in range(count)]


def test_a_logs_requests_are_checked_in_the_refresh_that_loads_it(warehouse, tmp_path):
    suite = requests_suite()
    log(warehouse, tmp_path, "a.log", lines(3))
    assert outcomes(run_suite(warehouse, suite, KNOWN))["requested_at_present"] == ("passed", 3, False)

    # Nothing new: no rule runs, each check says why it passed.
    carried = run_suite(warehouse, suite, KNOWN)
    assert {(outcome, unchanged) for outcome, _, unchanged in outcomes(carried).values()} == {("passed", True)}
    assert rows(warehouse, "select distinct outcome, examples from audit.checks where table_name = ?", [suite.table]) == [
        ("passed", ["passed: unchanged since the last validated refresh"])
    ]

    # A new log: only its 2 requests are checked.
    log(warehouse, tmp_path, "b.log", lines(2, start_minute=30))
    checked = outcomes(run_suite(warehouse, suite, KNOWN))
    assert checked["requested_at_present"] == ("passed", 2, False)
    assert checked["line_loaded_once"][:2] == ("passed", 2)
    assert rows(warehouse, "select fingerprint from audit.validations where table_name = ?", [suite.table]) == [("a.log b.log",)]


def test_a_warning_is_checked_again_until_its_rows_are_gone(warehouse, tmp_path):
    suite = requests_suite()
    log(warehouse, tmp_path, "a.log", lines(3))
    run_suite(warehouse, suite, KNOWN)
    log(warehouse, tmp_path, "odd.log", lines(1, status=200) + lines(1, start_minute=5, status=700))

    for _ in range(2):  # the second time nothing is new, but the warning is listed again, not carried over
        assert outcomes(run_suite(warehouse, suite, KNOWN))["status_is_http"] == ("warned", 2, False)

    warehouse.execute("delete from staging.intranet_requests where file_id = 'odd.log'")
    warehouse.execute("delete from staging.intranet_files where file_id = 'odd.log'")
    assert outcomes(run_suite(warehouse, suite, KNOWN))["status_is_http"] == ("passed", 0, False)
    assert outcomes(run_suite(warehouse, suite, KNOWN))["status_is_http"] == ("passed", 0, True)


def test_a_changed_suite_checks_every_row_again(warehouse, tmp_path):
    log(warehouse, tmp_path, "a.log", lines(3))
    run_suite(warehouse, requests_suite(), KNOWN)
    log(warehouse, tmp_path, "b.log", lines(2, start_minute=30))
    run_suite(warehouse, requests_suite(), KNOWN)

    edited = tmp_path / "suites" / "staging" / "intranet_requests.json"
    edited.parent.mkdir(parents=True)
    content = json.loads((SUITES / "staging" / "intranet_requests.json").read_text(encoding="utf-8"))
    content["meta"]["about"] += " Edited."
    edited.write_text(json.dumps(content), encoding="utf-8")
    assert outcomes(run_suite(warehouse, read_suite(edited, tmp_path / "suites"), KNOWN))["requested_at_present"] == ("passed", 5, False)


@pytest.mark.parametrize("table", ["core.page_views", "core.visits"])
def test_a_core_table_is_checked_again_only_when_its_content_changes(warehouse, tmp_path, table):
    schema, name = table.split(".")
    suite = read_suite(SUITES / schema / f"{name}.json")
    # alice's views at 10:00, 10:01, then 10:40 and 10:41: two visits with a 30-minute gap, one with 60.
    load(warehouse, tmp_path, "access.log", lines(2) + lines(2, start_minute=40))
    build(warehouse)
    assert outcomes(run_suite(warehouse, suite, KNOWN))["visitor_present"] == ("passed", {"page_views": 4, "visits": 2}[name], False)
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
