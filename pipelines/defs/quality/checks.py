"""Data quality: each Great Expectations suite in expectations/suites/ runs as blocking asset checks.

One check per expectation, named by its meta.check, on the asset the suite is named
after (suites/core/attendance.json checks ["core", "attendance"]; a table written by an
asset of another name says so in its meta.asset): a suite for a new table is one new
JSON file, found by its name.

Severity, set per expectation in the suite:
- "critical" -> an ERROR check. It stops the refresh before anything downstream runs:
  nothing is published, the last reports and warehouse stay as they were, and
  `uptake refresh` exits 1 naming the check and its failing rows. Used where a
  figure would be wrong: a repeated key, a broken link between tables, an
  impossible value (a negative duration, a session over 24 hours), a person key
  that is not a hash.
- "warning" -> a WARN check, listed on the data-quality page. Used where the
  rules of SPEC section 3 already handle the oddity or its effect is visible:
  a roster e-mail shared by two employees (linking by e-mail skips it), a blank
  Directorate ("Not recorded"), an unknown session Status, a join dated away
  from its session (counted as not present).

Every check is declared blocking so that the steps downstream of a table wait
for its checks (and audit.checks is complete before the publication step);
only a failed ERROR check stops them.

Unchanged tables: after each validation, audit.validations keeps a SHA-256 of the suite file, the code that
runs it and the Great Expectations version, the columns its query returns and a fingerprint of their rows (the
row count and the sum of the rows' hashes). A later refresh that finds the same suite, columns and fingerprint
runs no rule again, and does not even import Great Expectations: each rule keeps its recorded outcome, a
passed one reporting "passed: unchanged since the last validated refresh" (in audit.checks' examples, which
pages show only for rules that did not pass, so the published pages stay the same) and a broken one its
recorded counts and examples, which the same rows give again.
"""

from __future__ import annotations

import hashlib
from functools import cache
from importlib import metadata
from pathlib import Path

import dagster as dg
import duckdb
import pandas as pd

from pipelines.defs.quality import validate
from pipelines.defs.quality.validate import Evaluation, Suite, suites, validate_table
from pipelines.defs.resources import Warehouse

CHECKS_COLUMNS = {
    "table_name": "varchar",  # "core.attendance"
    "position": "integer",  # the expectation's place in its suite
    "check_name": "varchar",
    "description": "varchar",  # what is expected, in plain words
    "severity": "varchar",  # error (blocks publication) | warning
    "outcome": "varchar",  # passed | warned | failed
    "passed": "boolean",
    "unexpected_count": "bigint",  # rows breaking the rule; NULL for a rule that is not about rows
    "element_count": "bigint",  # rows looked at
    "examples": "varchar[]",  # up to 5, "file row N: column value"; personal values never shown
    "expectation": "varchar",  # the GE expectation type
    "column_names": "varchar",
}


def record_checks(
    connection: duckdb.DuckDBPyConnection, table: str, evaluations: list[Evaluation], known_tables: list[str]
) -> None:
    """Replace the table's rows of audit.checks with these evaluations (and drop rows of suites that are gone)."""
    existing = [
        row[0]
        for row in connection.execute(
            "select column_name from information_schema.columns where table_schema = 'audit' and table_name = "
            "'checks' order by ordinal_position"
        ).fetchall()
    ]
    if existing != list(CHECKS_COLUMNS):
        columns = ", ".join(f"{name} {kind}" for name, kind in CHECKS_COLUMNS.items())
        connection.execute(f"create or replace table audit.checks ({columns})")
    connection.execute(
        "delete from audit.checks where table_name = ? or not list_contains(?, table_name)", [table, known_tables]
    )
    frame = pd.DataFrame(
        [
            {
                "table_name": table,
                "position": position,
                "check_name": evaluation.rule.check,
                "description": evaluation.rule.description,
                "severity": evaluation.rule.severity,
                "outcome": evaluation.outcome,
                "passed": evaluation.passed,
                "unexpected_count": evaluation.unexpected_count,
                "element_count": evaluation.element_count,
                "examples": evaluation.examples,
                "expectation": evaluation.rule.expectation,
                "column_names": ", ".join(evaluation.rule.columns),
            }
            for position, evaluation in enumerate(evaluations, start=1)
        ],
        columns=list(CHECKS_COLUMNS),
    ).astype({"unexpected_count": "Int64", "element_count": "Int64"})
    connection.register("evaluations", frame)
    try:
        connection.execute(f"insert into audit.checks by name select {', '.join(CHECKS_COLUMNS)} from evaluations")
    finally:
        connection.unregister("evaluations")


UNCHANGED = "passed: unchanged since the last validated refresh"


def run_suite(connection: duckdb.DuckDBPyConnection, suite: Suite, known_tables: list[str]) -> list[Evaluation]:
    """The suite's evaluations, recorded in audit.checks: validated, or carried over when the rows are unchanged."""
    validation = [suite.table, _suite_key(suite), *_fingerprint(connection, suite)]
    evaluations = _unchanged(connection, suite, validation)
    if evaluations is None:
        evaluations = validate_table(connection, suite)
        connection.execute("delete from audit.validations where table_name = ?", [suite.table])
        connection.execute("insert into audit.validations values (?, ?, ?, ?)", validation)
    record_checks(connection, suite.table, evaluations, known_tables)
    return evaluations


def _suite_key(suite: Suite) -> str:
    """What a validation's outcome depends on besides the rows: the suite, and the validator."""
    return hashlib.sha256(suite.path.read_bytes() + _validator()).hexdigest()


@cache
def _validator() -> bytes:
    """The code that runs a suite (validate.py) and the Great Expectations version (read from its metadata, not
    imported): the same for every suite of a run, read once."""
    return Path(validate.__file__).read_bytes() + metadata.version("great-expectations").encode()


def _fingerprint(connection: duckdb.DuckDBPyConnection, suite: Suite) -> tuple[str, str]:
    """The columns the suite's query returns, and a fingerprint of its rows: their count and the sum of their
    hashes. A missing table gives a fingerprint no validation records, so nothing is carried over."""
    try:
        checked = connection.sql(f"select * from ({suite.query}) as checked limit 0")
        value = connection.execute(
            f"select count(*) || ' ' || coalesce(sum(hash(checked)), 0) from ({suite.query}) as checked"
        ).fetchone()[0]
    except duckdb.Error as error:
        return "", f"not readable: {error}"
    return ", ".join(f"{name} {kind}" for name, kind in zip(checked.columns, checked.types)), value


def _unchanged(connection: duckdb.DuckDBPyConnection, suite: Suite, validation: list[str]) -> list[Evaluation] | None:
    """The last validation's evaluations when the same suite found the same columns and rows; None otherwise."""
    same = connection.execute(
        "select count(*) from audit.validations where table_name = ? and suite_sha256 = ? and columns = ? and "
        "fingerprint = ? and columns <> ''",
        validation,
    ).fetchone()[0]
    if not same:
        return None
    try:
        recorded = {
            row[0]: row[1:]
            for row in connection.execute(
                "select check_name, passed, unexpected_count, element_count, examples from audit.checks "
                "where table_name = ?",
                [suite.table],
            ).fetchall()
        }
    except duckdb.CatalogException:  # no audit.checks: nothing to carry over
        return None
    if set(recorded) != {rule.check for rule in suite.rules}:
        return None
    return [
        Evaluation(suite.table, rule, passed, unexpected, elements, [UNCHANGED] if passed else list(examples))
        for rule in suite.rules
        for passed, unexpected, elements, examples in [recorded[rule.check]]
    ]


def check_result(evaluation: Evaluation, asset_key: dg.AssetKey, check_name: str) -> dg.AssetCheckResult:
    metadata = {
        "severity": evaluation.rule.severity,
        "expectation": evaluation.rule.expectation,
        "partial_unexpected_list": dg.MetadataValue.json(evaluation.examples),
    }
    for counter in ("unexpected_count", "element_count"):
        if getattr(evaluation, counter) is not None:
            metadata[counter] = getattr(evaluation, counter)
    return dg.AssetCheckResult(
        asset_key=asset_key,
        check_name=check_name,
        passed=evaluation.passed,
        severity=dg.AssetCheckSeverity.ERROR if evaluation.rule.severity == "error" else dg.AssetCheckSeverity.WARN,
        description=f"{evaluation.summary()} ({UNCHANGED})"
        if evaluation.examples == [UNCHANGED]
        else evaluation.summary(),
        metadata=metadata,
    )


def suite_checks(suite: Suite, known_tables: list[str]) -> dg.AssetChecksDefinition:
    asset_key = dg.AssetKey(suite.asset_key)
    specs = [
        dg.AssetCheckSpec(
            suite.check_name(rule), asset=asset_key, blocking=True, description=f"{rule.description} ({rule.severity})"
        )
        for rule in suite.rules
    ]

    @dg.multi_asset_check(
        specs=specs,
        name=f"{suite.table.replace('.', '__')}__expectations",
        description=f"Great Expectations suite {suite.table}",
    )
    def expectations(warehouse: Warehouse):
        with warehouse.get_connection() as connection:
            evaluations = run_suite(connection, suite, known_tables)
        for evaluation in evaluations:
            yield check_result(evaluation, asset_key, suite.check_name(evaluation.rule))

    return expectations


@dg.definitions
def quality_checks() -> dg.Definitions:
    found = suites()
    tables = [suite.table for suite in found]
    return dg.Definitions(asset_checks=[suite_checks(suite, tables) for suite in found])
