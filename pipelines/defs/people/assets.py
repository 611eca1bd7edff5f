"""The HR roster: snapshots of the workforce, the denominator of every reach figure."""

from __future__ import annotations

from pathlib import Path

import dagster as dg
import pandas as pd

from pipelines.audit_log import AuditCollector, keep_first, read_folder, store_required
from pipelines.defs.resources import RefreshRun, Warehouse
from pipelines.formats.roster import date_in_name, parse_roster
from pipelines.salt import salt_for
from pipelines.sql import count, run_sql

SQL = Path(__file__).parent / "sql"


@dg.asset(
    key=["staging", "roster"], group_name="staging", kinds={"duckdb", "python"}, deps=[dg.AssetKey(["raw", "roster"])]
)
def staging_roster(warehouse: Warehouse, refresh: RefreshRun) -> dg.MaterializeResult:
    """Every roster snapshot under raw/roster, one row per employee and snapshot.

    A second row for the same employee in one snapshot is quarantined; the first is kept.
    """
    log = AuditCollector("roster")
    files = read_folder(refresh.settings.raw_dir, "roster", parse_roster, log)
    roster = (
        pd.concat([parsed.records.assign(file=raw.name) for raw, parsed in files], ignore_index=True)
        if files
        else pd.DataFrame()
    )
    roster = keep_first(
        roster,
        ["snapshot_date", "employee_id"],
        log,
        "Employee ID",
        lambda row: (
            f"Employee ID {row['employee_id']} appears again in the {row['snapshot_date']} snapshot; "
            "the first row was kept"
        ),
    )
    missing = (
        f"No roster was found in {refresh.settings.raw_dir / 'roster'}: export the HR workforce extract "
        "(CSV or XLSX with Employee ID, Directorate, Grade, Start Date...) into that folder and refresh again."
    )
    with warehouse.get_connection() as connection:
        unusable = _newest_unusable(files, log)
        if unusable:
            log.write(connection)
            raise dg.Failure(description=unusable)
        store_required(connection, log, roster, "staging.roster", missing)
        snapshots = connection.execute("select count(distinct snapshot_date) from staging.roster").fetchone()[0]
    return dg.MaterializeResult(
        metadata={"rows": len(roster), "snapshots": snapshots, "files": len(files), "quarantined": len(log.quarantine)}
    )


def _newest_unusable(files: list, log: AuditCollector) -> str | None:
    """A roster file unreadable or with no employee rows that is the newest by its date, or has no date in its name.

    Reading on without it would quietly count every programme against an older snapshot (SPEC section 6).
    """
    readable = [parsed.records["snapshot_date"].max() for _, parsed in files if not parsed.records.empty]
    newest = max(readable, default=None)
    skipped = [entry for entry in log.files if (entry["reason"] or "").startswith("not read")]  # not copies
    unusable = [(entry["file"], entry["reason"].removeprefix("not read: ")) for entry in skipped]
    unusable += [(raw.name, "it has no employee rows") for raw, parsed in files if parsed.records.empty]
    found = [(date_in_name(Path(name).name), name, reason) for name, reason in unusable]
    # The file named: one without a date first, else the newest by its date.
    undated = sorted(entry for entry in found if entry[0] is None)
    dated = sorted((entry for entry in found if entry[0] is not None), reverse=True)
    for day, name, reason in undated + dated:
        if day is None or newest is None or day >= newest:
            when = "has no date in its name" if day is None else f"is the newest snapshot ({day})"
            return (
                f"The roster file {name} {when} but cannot be used: {reason}. Fix or remove it and refresh again; "
                "the figures would otherwise fall back to an older snapshot."
            )
    return None


@dg.asset(key=["staging", "person_identifiers"], group_name="staging", kinds={"duckdb", "sql"}, deps=[staging_roster])
def staging_person_identifiers(warehouse: Warehouse) -> dg.MaterializeResult:
    """Every way a record can name an employee (Employee ID, e-mail, username, name), from every snapshot."""
    with warehouse.get_connection() as connection:
        run_sql(connection, SQL / "person_identifiers.sql", salt=salt_for(warehouse.published))
        kinds = dict(
            connection.execute(
                "select kind, count(*) from staging.person_identifiers group by all order by all"
            ).fetchall()
        )
    return dg.MaterializeResult(metadata={"rows": sum(kinds.values()), "kinds": dg.MetadataValue.json(kinds)})


@dg.asset(key=["core", "people"], group_name="core", kinds={"duckdb", "sql"}, deps=[staging_roster])
def core_people(warehouse: Warehouse) -> dg.MaterializeResult:
    """Employees per snapshot with a salted person key and their attributes: no names, e-mails or IDs."""
    with warehouse.get_connection() as connection:
        run_sql(connection, SQL / "people.sql", salt=salt_for(warehouse.published))
        rows = count(connection, "core.people")
    return dg.MaterializeResult(metadata={"rows": rows})


@dg.asset(
    key=["core", "headcount"],
    group_name="core",
    kinds={"duckdb", "sql"},
    deps=[core_people, dg.AssetKey(["core", "programmes"])],
)
def core_headcount(warehouse: Warehouse) -> dg.MaterializeResult:
    """Each programme's headcount: the employees active on its last session date (snapshot rules of SPEC section 3)."""
    with warehouse.get_connection() as connection:
        run_sql(connection, SQL / "headcount.sql")
        rows = connection.execute("select programme, count(*) from core.headcount group by all order by all").fetchall()
    return dg.MaterializeResult(metadata={"headcount": dg.MetadataValue.json(dict(rows))})


@dg.asset(
    key=["core", "participants"],
    group_name="core",
    kinds={"duckdb", "sql"},
    deps=[core_headcount, dg.AssetKey(["core", "attendance"])],
)
def core_participants(warehouse: Warehouse) -> dg.MaterializeResult:
    """Each programme's participants: headcount employees attended or partial at one of its delivered sessions."""
    with warehouse.get_connection() as connection:
        run_sql(connection, SQL / "participants.sql")
        return dg.MaterializeResult(metadata={"rows": count(connection, "core.participants")})
