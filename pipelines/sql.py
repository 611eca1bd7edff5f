"""Running the warehouse's SQL: its schemas, audit tables and shared macros, SQL files with bound parameters."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd

SCHEMAS = ("staging", "core", "marts", "audit", "quarantine", "meta")

AUDIT_DDL = """
create table if not exists audit.files_found (
    source varchar, file varchar, sha256 varchar, format varchar,
    status varchar, reason varchar, rows_read bigint, rows_quarantined bigint
);
create table if not exists quarantine.records (
    source varchar, stage varchar, file varchar, row_number bigint, column_name varchar,
    reason varchar, record varchar, whole_row boolean
);
-- What each suite last validated (pipelines/defs/quality/checks.py): its key, the columns and the rows' fingerprint.
create table if not exists audit.validations (
    table_name varchar, suite_sha256 varchar, columns varchar, fingerprint varchar
);
"""


# Keys used to link people across sources, defined once for every SQL file. A name reaches them
# without the labels meeting tools add ("(Guest)"): the attendance parsers drop those.
MACROS = r"""
create or replace macro name_key(full_name) as nullif(trim(regexp_replace(lower(strip_accents(
    regexp_replace(trim(full_name), '^([^,]+),\s*(.+)$', '\2 \1')
)), '\s+', ' ', 'g')), '');
-- A value as a correction names it: case and runs of spaces do not matter.
create or replace macro correction_key(text) as nullif(lower(trim(regexp_replace(text, '\s+', ' ', 'g'))), '');
create or replace macro user_key(login) as nullif(lower(trim(regexp_replace(login, '^.*\\', ''))), '');
create or replace macro page_path(raw_path) as case
    when regexp_replace(lower(split_part(raw_path, '?', 1)), '/+$', '') = '' then '/'
    else regexp_replace(lower(split_part(raw_path, '?', 1)), '/+$', '') end;
-- NPS = % scoring 9-10 minus % scoring 0-6, of those who answered.
create or replace macro nps_of(score) as
    100.0 * (count(*) filter (where score >= 9) - count(*) filter (where score <= 6)) / nullif(count(score), 0);
create or replace macro person_hash(salt, employee_id) as substr(sha256(salt || upper(trim(employee_id))), 1, 20);
-- The breakdowns of SPEC section 3 (Publication), one (dimension, group_name) per person.
create or replace macro breakdowns(
    directorate, grade, manager, location, sex, age_band, ethnicity, disability, sexual_orientation
) as [
    {'dimension': 'directorate', 'group_name': directorate},
    {'dimension': 'grade', 'group_name': grade},
    {'dimension': 'manager', 'group_name': manager},
    {'dimension': 'location', 'group_name': location},
    {'dimension': 'sex', 'group_name': sex},
    {'dimension': 'age_band', 'group_name': age_band},
    {'dimension': 'ethnicity', 'group_name': ethnicity},
    {'dimension': 'disability', 'group_name': disability},
    {'dimension': 'sexual_orientation', 'group_name': sexual_orientation}
];
-- The publication rule of SPEC section 3 for a cell of a breakdown, for every mart that publishes one.
-- A cell hidden on its own: 1 to min_cell - 1 people, or a group whose headcount is under min_cell.
create or replace macro hidden_alone(people, headcount, min_cell) as
    people between 1 and min_cell - 1 or headcount < min_cell;

-- Where exactly one cell of a breakdown is hidden on its own, the shown cell with the fewest people (then
-- the smallest headcount, then the first name in alphabetical order) is hidden too, so that no total
-- gives it away. `breakdown` names the cells that add up to a total, e.g. (period, dimension).
create or replace macro suppressed_cell(hidden, breakdown, people, headcount, group_name) as
    hidden or (
        count(*) filter (where hidden) over (partition by breakdown) = 1
        and row_number() over (partition by breakdown, hidden order by people, headcount, group_name) = 1
    )
"""


def prepare(connection: duckdb.DuckDBPyConnection) -> None:
    for schema in SCHEMAS:
        connection.execute(f"create schema if not exists {schema}")
    connection.execute(AUDIT_DDL)
    connection.execute(MACROS)


def replace_table(connection: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame) -> int:
    """Create or replace `table` with the frame's rows; returns the row count."""
    connection.register("incoming", frame)
    try:
        connection.execute(f"create or replace table {table} as select * from incoming")
    finally:
        connection.unregister("incoming")
    return len(frame)


def run_sql(connection: duckdb.DuckDBPyConnection, path: Path, **parameters) -> None:
    """Run a SQL file of `;`-separated statements, binding `$name` parameters that each uses."""
    for statement in _statements(path.read_text(encoding="utf-8")):
        used = {name: value for name, value in parameters.items() if f"${name}" in statement}
        connection.execute(statement, used or None)


def _statements(sql: str) -> list[str]:
    body = "\n".join(line for line in sql.splitlines() if not line.lstrip().startswith("--"))
    return [statement.strip() for statement in body.split(";") if statement.strip()]


def count(connection: duckdb.DuckDBPyConnection, table: str) -> int:
    return connection.execute(f"select count(*) from {table}").fetchone()[0]
