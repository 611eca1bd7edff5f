"""Corrections: the L&OD officer's lasting fixes, applied before the matching and linking rules."""

from __future__ import annotations

import csv
from pathlib import Path

import dagster as dg
import pandas as pd

from pipelines.audit_log import AuditCollector, read_folder
from pipelines.defs.resources import RefreshRun, Warehouse
from pipelines.formats.corrections import parse_corrections
from pipelines.sql import replace_table, run_sql

COLUMNS = ["row", "kind", "value", "maps_to", "file"]
SQL = Path(__file__).parent / "sql"


@dg.asset(
    key=["staging", "corrections"],
    group_name="staging",
    kinds={"duckdb", "python"},
    deps=[dg.AssetKey(["raw", "corrections"])],
)
def staging_corrections(warehouse: Warehouse, refresh: RefreshRun) -> dg.MaterializeResult:
    """Every correction row under raw/corrections (there may be none)."""
    log = AuditCollector("corrections")
    files = read_folder(refresh.settings.raw_dir, "corrections", parse_corrections, log)
    frames = [pd.DataFrame(columns=COLUMNS), *(parsed.records.assign(file=raw.name) for raw, parsed in files)]
    corrections = (
        pd.concat(frames, ignore_index=True).astype({"row": "int64"}).astype({c: "string" for c in COLUMNS[1:]})
    )
    with warehouse.get_connection() as connection:
        log.write(connection)
        rows = replace_table(connection, "staging.corrections", corrections)
    return dg.MaterializeResult(metadata={"rows": rows, "files": len(files)})


@dg.asset(
    key=["audit", "correction_suggestions"],
    group_name="core",
    kinds={"duckdb", "csv"},
    deps=[
        dg.AssetKey(["core", "attendance"]),
        dg.AssetKey(["staging", "attendance_unlinked"]),
        dg.AssetKey(["audit", "files"]),
    ],
)
def correction_suggestions(warehouse: Warehouse) -> dg.MaterializeResult:
    """Ready-to-paste correction lines for what a correction would fix.

    Session lines quote meeting titles and person lines name people: both go only to
    corrections-to-review.csv beside the warehouse; the data-quality page gives their counts.
    """
    with warehouse.get_connection() as connection:
        run_sql(connection, SQL / "suggestions.sql")
        rows = connection.execute("select kind, value, reason, records from audit.correction_suggestions").fetchall()
    path = warehouse.published.with_name("corrections-to-review.csv")
    with path.open("w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Kind", "Value", "Maps To", "Why", "Records"])
        writer.writerows((kind, value, "", reason, records) for kind, value, reason, records in rows)
    return dg.MaterializeResult(metadata={"suggestions": len(rows), "path": dg.MetadataValue.path(str(path))})
