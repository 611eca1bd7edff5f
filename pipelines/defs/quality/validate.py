"""Great Expectations suites of warehouse tables, run on pandas batches read from DuckDB through Arrow.

Why not GE's SQL datasource: on DuckDB it returns empty results (great_expectations
issues #10738, #11579). The rows are read with DuckDB's Arrow reader and validated as
pandas frames, CHUNK_ROWS at a time so that a large table never sits in memory whole;
a uniqueness expectation gets chunks split by a hash of its key columns, so that
repeated keys always meet in the same chunk.

`import great_expectations` takes seconds, so it happens inside the validating
functions, never when the Dagster definitions load: reading `suites()` needs only json.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa

EXPECTATIONS = Path(__file__).resolve().parents[3] / "expectations"  # the GE data context
SUITES = EXPECTATIONS / "suites"  # suites/<schema>/<table>.json validates <schema>.<table>
CHUNK_ROWS = 500_000
EXAMPLES = 5
SEVERITIES = {"critical": "error", "warning": "warning", "info": "warning"}  # GE's word -> ours
UNIQUENESS = {"expect_column_values_to_be_unique", "expect_compound_columns_to_be_unique"}
SCHEMA_ONLY = {
    "expect_column_to_exist",
    "expect_table_columns_to_match_set",
    "expect_table_columns_to_match_ordered_list",
    "expect_table_column_count_to_equal",
    "expect_table_column_count_to_be_between",
}
ROW_LOCATION = ("file", "row")  # staging rows say where they were read: examples name the file and row
# Integers and booleans read as pandas' nullable types, so a chunk holding a NULL keeps its column's type.
NULLABLE = {
    pa.int8(): pd.Int8Dtype(),
    pa.int16(): pd.Int16Dtype(),
    pa.int32(): pd.Int32Dtype(),
    pa.int64(): pd.Int64Dtype(),
    pa.uint8(): pd.UInt8Dtype(),
    pa.uint16(): pd.UInt16Dtype(),
    pa.uint32(): pd.UInt32Dtype(),
    pa.uint64(): pd.UInt64Dtype(),
    pa.bool_(): pd.BooleanDtype(),
}


@dataclass(frozen=True)
class Rule:
    """One expectation of a suite, as the Dagster check that runs it."""

    check: str  # the check's name, unique in its suite (the expectation's meta.check)
    severity: str  # "error" blocks publication, "warning" is listed on the data-quality page
    description: str  # what is expected, in plain words
    expectation: str  # the GE expectation type
    columns: tuple[str, ...]


@dataclass(frozen=True)
class Suite:
    """A table's suite. Its meta may say: `query` (the rows checked, e.g. the table with catalogue columns
    joined on), `personal_columns` (never shown in an example), `asset` (the asset that writes the table,
    when it is not named after it) and `row_location` (the columns naming a row's file and line)."""

    table: str  # "core.attendance", the suite's name and file suites/core/attendance.json
    path: Path
    rules: tuple[Rule, ...]
    query: str
    personal: frozenset[str]
    asset_key: tuple[str, ...]
    row_location: tuple[str, ...] = ROW_LOCATION

    def check_name(self, rule: Rule) -> str:
        """The Dagster check's name: the rule's, prefixed by the table where an asset writes several tables."""
        return (
            rule.check
            if self.asset_key == tuple(self.table.split("."))
            else f"{self.table.split('.')[1]}__{rule.check}"
        )


@dataclass
class Evaluation:
    """What one rule found in one table, summed over every chunk validated."""

    table: str
    rule: Rule
    passed: bool = True
    unexpected_count: int | None = None  # rows that broke the rule (None: not a rule about rows)
    element_count: int | None = None  # rows looked at
    examples: list[str] = field(default_factory=list)

    @property
    def outcome(self) -> str:
        if self.passed:
            return "passed"
        return "failed" if self.rule.severity == "error" else "warned"

    def summary(self) -> str:
        """The rule and, when broken, how often and where: the text the CLI prints."""
        if self.passed:
            return self.rule.description
        counted = (
            f"failing: {self.unexpected_count} of {self.element_count} rows"
            if self.unexpected_count
            else "it does not hold"
        )
        examples = f", e.g. {'; '.join(self.examples)}" if self.examples else ""
        return f"{self.rule.description}; {counted}{examples}"


def suites(folder: Path = SUITES) -> list[Suite]:
    """Every suite under `folder`, read with json alone (no GE import): one file per table."""
    return [read_suite(path, folder) for path in sorted(folder.glob("*/*.json"))]


def read_suite(path: Path, folder: Path = SUITES) -> Suite:
    content = json.loads(path.read_text(encoding="utf-8"))
    table = f"{path.parent.name}.{path.stem}"
    if content.get("name") != table:
        raise ValueError(f"{path.relative_to(folder)}: the suite must be named {table!r}, the table it validates")
    rules = []
    for expectation in content.get("expectations", []):
        check = expectation.get("meta", {}).get("check")
        if not check:
            raise ValueError(f"{path.relative_to(folder)}: every expectation needs meta.check, the name of its check")
        kwargs = expectation.get("kwargs", {})
        columns = kwargs.get("column_list") or [
            kwargs[key] for key in ("column", "column_A", "column_B") if key in kwargs
        ]
        rules.append(
            Rule(
                check,
                SEVERITIES[expectation.get("severity", "critical")],
                expectation.get("description") or check,
                expectation["type"],
                tuple(columns),
            )
        )
    meta = content.get("meta", {})
    query = meta.get("query") or f'select * from "{path.parent.name}"."{path.stem}"'
    return Suite(
        table,
        path,
        tuple(rules),
        "\n".join(query) if isinstance(query, list) else query,
        frozenset(meta.get("personal_columns", [])),
        tuple(meta.get("asset") or table.split(".")),
        tuple(meta.get("row_location") or ROW_LOCATION),
    )


def validate_table(
    connection: duckdb.DuckDBPyConnection, suite: Suite, chunk_rows: int = CHUNK_ROWS
) -> list[Evaluation]:
    """Every rule of the suite on the table's rows; a table that cannot be read breaks every rule.

    A table its asset did not write (before the first refresh) has no rows to break a rule.
    """
    schema, name = suite.table.split(".")
    if not connection.execute(
        "select count(*) from information_schema.tables where table_schema = ? and table_name = ?", [schema, name]
    ).fetchall()[0][0]:
        return [Evaluation(suite.table, rule, True, element_count=0) for rule in suite.rules]
    source = f"({suite.query}) as checked"
    try:
        rows = connection.sql(f"select count(*) from {source}").fetchall()[0][0]
    except duckdb.Error as error:
        return [
            Evaluation(suite.table, rule, False, examples=[f"{suite.table} could not be read: {error}"])
            for rule in suite.rules
        ]
    expectations = _gx_suite(suite.table).expectations
    if rows <= chunk_rows:
        plans = [(expectations, _frames(connection, f"select * from {source}", chunk_rows))]
    else:
        plans = _plans_for_large(connection, source, expectations, rows, chunk_rows)
    evaluations = {rule.check: Evaluation(suite.table, rule) for rule in suite.rules}
    for subset, frames in plans:
        for frame in frames:
            _validate(suite, subset, frame, evaluations)
    return list(evaluations.values())


def validate_frame(suite: Suite, frame: pd.DataFrame) -> list[Evaluation]:
    """Every rule of the suite on one frame (the rows of its query)."""
    evaluations = {rule.check: Evaluation(suite.table, rule) for rule in suite.rules}
    _validate(suite, _gx_suite(suite.table).expectations, frame, evaluations)
    return list(evaluations.values())


def _plans_for_large(
    connection, source: str, expectations: list, rows: int, chunk_rows: int
) -> list[tuple[list, Iterator[pd.DataFrame]]]:
    """Row rules chunk by chunk; each uniqueness rule over chunks split by its key; schema rules on no rows."""
    from great_expectations.expectations.expectation import (
        ColumnMapExpectation,
        ColumnPairMapExpectation,
        MulticolumnMapExpectation,
    )

    row_wise, unique, schema, whole = [], [], [], []
    for expectation in expectations:
        if expectation.expectation_type in UNIQUENESS:
            unique.append(expectation)
        elif isinstance(expectation, (ColumnMapExpectation, ColumnPairMapExpectation, MulticolumnMapExpectation)):
            row_wise.append(expectation)
        elif expectation.expectation_type in SCHEMA_ONLY:
            schema.append(expectation)
        else:  # an aggregate over the whole table (a mean, a row count): it needs every row at once
            whole.append(expectation)
    parts = math.ceil(rows / chunk_rows)
    plans = [
        (row_wise, _frames(connection, f"select * from {source}", chunk_rows)),
        (schema, _frames(connection, f"select * from {source} limit 0", chunk_rows)),
        (whole, _frames(connection, f"select * from {source}", rows)),
    ]
    for expectation in unique:
        kwargs = expectation.configuration.kwargs
        key = ", ".join(_quoted(column) for column in kwargs.get("column_list") or [kwargs["column"]])
        queries = (f"select * from {source} where hash({key}) % {parts} = {part}" for part in range(parts))
        plans.append(([expectation], (frame for query in queries for frame in _frames(connection, query, rows))))
    return [(subset, frames) for subset, frames in plans if subset]


def _frames(connection: duckdb.DuckDBPyConnection, query: str, chunk_rows: int) -> Iterator[pd.DataFrame]:
    """The query's rows as pandas frames of about chunk_rows rows (at least one frame, maybe empty)."""
    reader = connection.sql(query).to_arrow_reader()
    batches, held, yielded = [], 0, False
    for batch in reader:
        batches.append(batch)
        held += batch.num_rows
        if held >= chunk_rows:
            yield _pandas(pa.Table.from_batches(batches, reader.schema))
            batches, held, yielded = [], 0, True
    if batches or not yielded:  # no empty frame after the last full one: each frame is a whole GE validation
        yield _pandas(pa.Table.from_batches(batches, reader.schema))


def _pandas(table: pa.Table) -> pd.DataFrame:
    return table.to_pandas(types_mapper=NULLABLE.get)


def _validate(suite: Suite, expectations: list, frame: pd.DataFrame, evaluations: dict[str, Evaluation]) -> None:
    import great_expectations as gx

    location = list(suite.row_location) if set(suite.row_location) <= set(frame.columns) else []
    batch = (
        _context()
        .data_sources.get("warehouse")
        .get_asset("table")
        .get_batch_definition("whole table")
        .get_batch(batch_parameters={"dataframe": frame})
    )
    result_format = {
        "result_format": "SUMMARY",
        "partial_unexpected_count": EXAMPLES,
        "unexpected_index_column_names": location,
    }
    results = batch.validate(
        gx.ExpectationSuite(name=suite.table, expectations=list(expectations)), result_format=result_format
    )
    for result in results.results:
        evaluation = evaluations[result.expectation_config.meta["check"]]
        details = result.result or {}
        evaluation.passed = evaluation.passed and bool(result.success)
        for counter in ("unexpected_count", "element_count"):
            if details.get(counter) is not None:
                setattr(evaluation, counter, (getattr(evaluation, counter) or 0) + int(details[counter]))
        for example in _examples(result, evaluation.rule, suite.personal, location):
            if len(evaluation.examples) < EXAMPLES and example not in evaluation.examples:
                evaluation.examples.append(example)


@cache
def _context():
    """The committed file data context in expectations/ (read, never written: its datasource and suites are in git)."""
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    import great_expectations as gx

    return gx.get_context(mode="file", context_root_dir=str(EXPECTATIONS))


def _gx_suite(table: str):
    return _context().suites.get(table)


def _examples(result, rule: Rule, personal: frozenset[str], location: list[str]) -> list[str]:
    """A few failing examples in plain words; values of personal columns are never shown."""
    if result.success:
        return []
    problems = [
        info.get("exception_message") for info in (result.exception_info or {}).values() if isinstance(info, dict)
    ]
    if any(problems):
        return [str(problem).removeprefix("Error: ") for problem in problems if problem]
    details = result.result or {}
    located = [entry for entry in details.get("partial_unexpected_index_list") or [] if isinstance(entry, dict)]
    if located:
        return [_located(entry, rule, personal, location) for entry in located]
    if "partial_unexpected_list" in details:
        return [_values(value, rule.columns, personal) for value in details["partial_unexpected_list"]]
    missing = ((details.get("details") or {}).get("mismatched") or {}).get("missing")
    if missing:
        return [f"column {name} is missing" for name in missing]
    if "observed_value" in details:
        return [f"found {_text(details['observed_value'])}"]
    return []


def _located(entry: dict, rule: Rule, personal: frozenset[str], location: list[str]) -> str:
    # "roster/x.csv row 12", "intranet/access.log line 7", or the file alone for a table of files
    where = " ".join([str(entry[location[0]]), *(f"{column} {_text(entry[column])}" for column in location[1:])])
    values = [
        f"{column} {_text(entry[column])}" for column in rule.columns if column in entry and column not in personal
    ]
    return f"{where}: {', '.join(values)}" if values else where


def _values(value, columns: tuple[str, ...], personal: frozenset[str]) -> str:
    if isinstance(value, dict):
        pairs = value.items()
    elif isinstance(value, tuple):
        pairs = zip(columns, value)
    else:
        pairs = [(columns[0] if columns else "value", value)]
    return ", ".join(
        f"{column} (hidden)" if column in personal else f"{column} {_text(item)}" for column, item in pairs
    )


def _text(value) -> str:
    if hasattr(value, "item") and not isinstance(value, (list, dict)):
        value = value.item()  # numpy scalars
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA or value is pd.NaT:
        return "blank"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'
