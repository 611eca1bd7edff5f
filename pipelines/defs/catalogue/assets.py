"""The session catalogue: which sessions each programme has, and which were delivered."""

from __future__ import annotations

from pathlib import Path

import dagster as dg
import pandas as pd

from pipelines.defs.resources import Uptake, Warehouse
from pipelines.formats.sessions import parse_sessions
from pipelines.audit_log import SourceLog, keep_first, read_folder, store_required
from pipelines.sql import count, replace_table, run_sql

SQL = Path(__file__).parent / "sql"


@dg.asset(key=["staging", "sessions"], group_name="staging", kinds={"duckdb", "python"}, deps=[dg.AssetKey(["raw", "sessions"])])
def staging_sessions(warehouse: Warehouse, uptake: Uptake) -> dg.MaterializeResult:
    """Every catalogue file under raw/sessions; a Session ID seen again is quarantined, the first kept."""
    log = SourceLog("sessions")
    files = read_folder(uptake.settings.raw_dir, "sessions", parse_sessions, log)
    frames = [parsed.records.assign(file=raw.name) for raw, parsed in files]
    sessions = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    sessions = keep_first(
        sessions, ["session_id"], log, "Session ID",
        lambda row: f"Session ID {row['session_id']} is already in the catalogue; the first row was kept",
    )
    missing = (
        f"No session catalogue was found in {uptake.settings.raw_dir / 'sessions'}: save the catalogue "
        "(CSV or XLSX with Session ID, Programme, Title, Start, End...) into that folder and refresh again."
    )
    with warehouse.get_connection() as connection:
        store_required(connection, log, sessions, "staging.sessions", missing)
    return dg.MaterializeResult(metadata={"rows": len(sessions), "files": len(files), "quarantined": len(log.quarantine)})


@dg.asset(key=["core", "sessions"], group_name="core", kinds={"duckdb", "sql"}, deps=[staging_sessions])
def core_sessions(warehouse: Warehouse, uptake: Uptake) -> dg.MaterializeResult:
    """Sessions with their delivered flag, and programmes with their dates, cost, window and intranet paths."""
    settings = uptake.settings
    prefixes = pd.DataFrame(
        [(programme, prefix) for programme, paths in settings.intranet_prefixes.items() for prefix in paths],
        columns=["programme", "prefix"],
    )
    with warehouse.get_connection() as connection:
        replace_table(connection, "staging.intranet_prefixes", prefixes)
        run_sql(connection, SQL / "sessions.sql", as_of=uptake.as_of, window_days=settings.window_days, timezone=settings.timezone)
        delivered = connection.execute("select count(*) from core.sessions where delivered").fetchone()[0]
        programmes = count(connection, "core.programmes")
    return dg.MaterializeResult(metadata={"sessions": delivered, "programmes": programmes})
