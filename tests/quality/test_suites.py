"""The suites under expectations/: they load in the GE data context, good rows pass, and every expectation can fail."""

from __future__ import annotations

import json

import duckdb
import pytest

from pipelines.defs.quality.validate import SUITES, _context, read_suite, suites, validate_frame, validate_table
from tests.quality.frames import TABLES, broken, good_frame

SUITE_TABLES = [suite.table for suite in suites()]


def suite_of(table: str):
    schema, name = table.split(".")
    return read_suite(SUITES / schema / f"{name}.json")


def test_one_suite_per_validated_table_found_by_file_name():
    assert SUITE_TABLES == [
        "core.attendance",
        "core.headcount",
        "core.page_views",
        "core.people",
        "core.responses",
        "core.sessions",
        "core.visits",
        "staging.attendance",
        "staging.feedback",
        "staging.intranet_files",
        "staging.roster",
        "staging.sessions",
        "staging.sessions_set_aside",
    ]
    assert set(SUITE_TABLES) == set(TABLES), "every suite needs good rows in tests/quality/frames.py"


@pytest.mark.parametrize("table", SUITE_TABLES)
def test_suite_loads_in_the_data_context_with_named_described_checks(table):
    suite = suite_of(table)
    loaded = _context().suites.get(table)
    assert loaded.name == table
    assert [expectation.meta["check"] for expectation in loaded.expectations] == [rule.check for rule in suite.rules]
    raw = json.loads(suite.path.read_text(encoding="utf-8"))["expectations"]
    assert all(expectation["severity"] in ("critical", "warning") and expectation["description"] for expectation in raw)
    checks = [rule.check for rule in suite.rules]
    assert len(checks) == len(set(checks)), "check names must be unique within a suite"
    assert all(check.isidentifier() and check.islower() for check in checks)


@pytest.mark.parametrize("table", SUITE_TABLES)
def test_good_rows_pass_every_rule(table):
    suite = suite_of(table)
    failed = [(e.rule.check, e.examples) for e in validate_frame(suite, good_frame(table)) if not e.passed]
    assert failed == []


@pytest.mark.parametrize("table", SUITE_TABLES)
def test_each_expectation_fails_on_a_frame_that_breaks_it(table):
    suite = suite_of(table)
    expectations = json.loads(suite.path.read_text(encoding="utf-8"))["expectations"]
    for rule, expectation in zip(suite.rules, expectations, strict=True):
        bad = broken(good_frame(table), expectation["type"], expectation["kwargs"])
        evaluation = next(e for e in validate_frame(suite, bad) if e.rule.check == rule.check)
        assert evaluation.outcome == ("failed" if rule.severity == "error" else "warned"), rule.check
        assert evaluation.examples, f"{rule.check} failed without saying where"


def test_severity_policy_examples():
    """The issue's examples: a repeated attendee in core.attendance blocks; a shared roster e-mail warns."""
    severity = {(suite.table, rule.check): rule.severity for suite in suites() for rule in suite.rules}
    assert severity["core.attendance", "attendee_counted_once_per_session"] == "error"
    assert severity["staging.roster", "email_unique_per_snapshot"] == "warning"
    assert severity["staging.roster", "employee_id_unique_per_snapshot"] == "error"
    assert severity["staging.sessions", "session_lasts_at_most_a_day"] == "error"
    assert severity["core.responses", "rating_between_1_and_5"] == "error"
    assert severity["core.responses", "recommend_between_0_and_10"] == "error"


def test_examples_name_file_and_row_and_never_show_personal_values():
    suite = suite_of("staging.roster")
    frame = good_frame("staging.roster")
    frame.loc[1, "email"] = frame.loc[0, "email"]  # two employees share an e-mail
    shared = next(e for e in validate_frame(suite, frame) if e.rule.check == "email_unique_per_snapshot")
    assert (shared.outcome, shared.unexpected_count, shared.element_count) == ("warned", 2, 2)
    assert shared.examples == [
        "roster/roster-2025-05-01.csv row 2: snapshot_date 2025-05-01",
        "roster/roster-2025-05-01.csv row 3: snapshot_date 2025-05-01",
    ]
    assert "ngozi" not in shared.summary().lower()


def test_examples_of_core_rows_show_the_key():
    suite = suite_of("core.attendance")
    frame = good_frame("core.attendance")
    frame.loc[1, ["attendee_key", "presence_seconds"]] = [frame.loc[0, "attendee_key"], -5.0]
    evaluations = {e.rule.check: e for e in validate_frame(suite, frame)}
    repeated, negative = evaluations["attendee_counted_once_per_session"], evaluations["presence_not_negative"]
    assert repeated.examples == ["session_id LAW-07, attendee_key 0123456789abcdef0123"]
    assert (repeated.outcome, repeated.unexpected_count) == ("failed", 2)
    assert negative.examples == ["presence_seconds -5"]
    assert negative.summary() == "Presence is not negative; failing: 1 of 2 rows, e.g. presence_seconds -5"


def _attendance_warehouse(rows: int) -> duckdb.DuckDBPyConnection:
    """core.sessions, and core.attendance whose first and last rows repeat one attendee and whose middle row has a
    negative presence."""
    connection = duckdb.connect()
    connection.execute("create schema core")
    connection.register("sessions_frame", good_frame("core.sessions"))
    connection.execute("create table core.sessions as select * from sessions_frame")
    connection.execute(
        """
        create table core.attendance as
        select 'LAW-07' as session_id,
               substr(sha256((i % ($rows - 1))::varchar), 1, 20) as attendee_key,
               substr(sha256((i % ($rows - 1))::varchar), 1, 20) as person_key,
               false as is_guest,
               case when i = $rows // 2 then -1.0 else 60.0 * i end as presence_seconds,
               false as registered,
               'attended' as attendance_status
        from range($rows) as numbers(i)
        """,
        {"rows": rows},
    )
    return connection


def test_large_tables_are_validated_in_chunks_with_the_same_findings():
    connection = _attendance_warehouse(rows=23)
    suite = suite_of("core.attendance")
    whole = {e.rule.check: (e.passed, e.unexpected_count, e.element_count) for e in validate_table(connection, suite)}
    chunked = {
        e.rule.check: (e.passed, e.unexpected_count, e.element_count)
        for e in validate_table(connection, suite, chunk_rows=4)
    }
    assert chunked == whole
    assert whole["attendee_counted_once_per_session"] == (
        False,
        2,
        23,
    )  # the repeat in rows 1 and 23 meets in one chunk
    assert whole["presence_not_negative"] == (False, 1, 23)
    assert whole["attendance_status_known"] == (True, 0, 23)


def test_a_table_that_cannot_be_read_breaks_every_rule():
    connection = duckdb.connect()
    connection.execute(
        "create schema core; create table core.attendance (session_id varchar)"
    )  # but no core.sessions to join
    evaluations = validate_table(connection, suite_of("core.attendance"))
    assert {e.outcome for e in evaluations} == {"failed"}
    assert "core.attendance could not be read" in evaluations[0].examples[0]


def test_a_table_its_asset_did_not_write_has_nothing_to_check():
    """staging.intranet_files does not exist before the first refresh has run."""
    evaluations = validate_table(duckdb.connect(), suite_of("staging.intranet_files"))
    assert {(e.outcome, e.element_count) for e in evaluations} == {("passed", 0)}


def test_audit_checks_holds_one_row_per_rule_replaced_on_each_run():
    from pipelines.defs.quality.checks import record_checks

    connection = duckdb.connect()
    connection.execute(
        "create schema audit; create table audit.checks (table_name varchar, check_name varchar)"
    )  # an older shape
    attendance, people = suite_of("core.attendance"), suite_of("core.people")
    frame = good_frame("core.attendance")
    frame.loc[1, "attendance_status"] = "went home"
    record_checks(
        connection, "core.people", validate_frame(people, good_frame("core.people")), ["core.attendance", "core.people"]
    )
    for _ in range(2):
        record_checks(
            connection, "core.attendance", validate_frame(attendance, frame), ["core.attendance", "core.people"]
        )
    counts = connection.execute(
        "select table_name, outcome, count(*) from audit.checks group by all order by all"
    ).fetchall()
    assert counts == [
        ("core.attendance", "failed", 1),
        ("core.attendance", "passed", 11),
        ("core.people", "passed", 11),
    ]
    assert connection.execute("select * from audit.checks where outcome = 'failed'").fetchall() == [
        (
            "core.attendance",
            8,
            "attendance_status_known",
            "Status is attended, partial, no_show or cancelled",
            "error",
            "failed",
            False,
            1,
            2,
            ["attendance_status went home"],
            "expect_column_values_to_be_in_set",
            "attendance_status",
        )
    ]
    record_checks(
        connection, "core.attendance", validate_frame(attendance, good_frame("core.attendance")), ["core.attendance"]
    )
    assert connection.execute("select distinct table_name, outcome from audit.checks").fetchall() == [
        ("core.attendance", "passed")
    ]
