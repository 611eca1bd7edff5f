"""The audit: every file found under the raw folder, and what became of its rows (SPEC section 4)."""

from __future__ import annotations

from pathlib import Path

import dagster as dg

from pipelines.audit_log import AuditCollector
from pipelines.defs.raw import RAW_FOLDERS
from pipelines.defs.resources import RefreshRun, Warehouse
from pipelines.raw_files import found_paths, raw_file, safe_name, set_aside
from pipelines.sql import run_sql

SQL = Path(__file__).parent / "sql"
STAGING = [
    dg.AssetKey(["staging", name])
    for name in ("roster", "sessions", "attendance", "intranet_files", "feedback", "corrections")
]


@dg.asset(key=["audit", "files"], group_name="core", kinds={"duckdb", "sql"}, deps=STAGING)
def audit_files(warehouse: Warehouse, refresh: RefreshRun) -> dg.MaterializeResult:
    """One row per file under the raw folder: ingested or skipped (and why), rows read, kept and quarantined.

    rows_read = rows_kept + rows_quarantined holds for every file.
    """
    raw_dir = refresh.settings.raw_dir
    log = AuditCollector("unknown")
    with warehouse.get_connection() as connection:
        known = {
            row[0]
            for row in connection.execute("select file from audit.files_found where source <> 'unknown'").fetchall()
        }
        for path in found_paths(raw_dir, "."):
            if safe_name(path.relative_to(raw_dir)) not in known:  # only these are hashed: the rest were already
                elsewhere = f"not in a folder Uptake reads ({', '.join(RAW_FOLDERS)})"
                log.skipped(raw_file(raw_dir, path), set_aside(raw_dir, path) or elsewhere)
        log.write(connection)
        run_sql(connection, SQL / "files.sql")
        totals = connection.execute(
            "select count(*), count(*) filter (where status = 'skipped'), coalesce(sum(rows_quarantined), 0) from "
            "audit.files"
        ).fetchone()
    return dg.MaterializeResult(metadata={"files": totals[0], "skipped": totals[1], "rows_quarantined": int(totals[2])})
