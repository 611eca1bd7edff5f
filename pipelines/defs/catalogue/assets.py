"""The session catalogue: which sessions each programme has, and which were delivered.

One asset per table: staging.sessions and staging.sessions_set_aside (read from raw/sessions),
staging.intranet_prefixes (from the settings), then core.sessions, core.programmes and
core.programme_paths, each built by the SQL file named after it.
"""

from __future__ import annotations

from pathlib import Path

import dagster as dg
import pandas as pd

from pipelines.audit_log import AuditCollector, keep_first, read_folder, store_required
from pipelines.defs.resources import RefreshRun, Warehouse
from pipelines.formats.sessions import parse_sessions
from pipelines.sql import count, replace_table, run_sql

SQL = Path(__file__).parent / "sql"


@dg.multi_asset(
    name="staging__sessions",  # a failure is reported as staging.sessions's
    specs=[
        dg.AssetSpec(
            ["staging", "sessions"],
            group_name="staging",
            kinds={"duckdb", "python"},
            deps=[dg.AssetKey(["raw", "sessions"])],
            description="Every catalogue row under raw/sessions; a Session ID seen again is quarantined, "
            "the first kept.",
        ),
        dg.AssetSpec(
            ["staging", "sessions_set_aside"],
            group_name="staging",
            kinds={"duckdb", "python"},
            deps=[dg.AssetKey(["raw", "sessions"])],
            description="The catalogue rows set aside (quarantined) that name a Session ID, with why: "
            "attendance or feedback naming one is told so, and the data-quality page warns.",
        ),
    ],
)
def staging_sessions(warehouse: Warehouse, refresh: RefreshRun):
    """The session catalogue as read: the rows kept (staging.sessions), and those set aside with an ID."""
    log = AuditCollector("sessions")
    files = read_folder(refresh.settings.raw_dir, "sessions", parse_sessions, log)
    frames = [parsed.records.assign(file=raw.name) for raw, parsed in files]
    sessions = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    sessions = keep_first(
        sessions,
        ["session_id"],
        log,
        "Session ID",
        lambda row: f"Session ID {row['session_id']} is already in the catalogue; the first row was kept",
    )
    set_aside = pd.DataFrame(
        [{"file": raw.name, **row} for raw, parsed in files for row in parsed.meta["set_aside"]],
        columns=["file", "row", "session_id", "reason"],
    ).astype({"row": "int64"})
    kept_ids = set(sessions["session_id"].str.strip().str.upper()) if not sessions.empty else set()
    set_aside = set_aside[~set_aside["session_id"].str.strip().str.upper().isin(kept_ids)]
    missing = (
        f"No session catalogue was found in {refresh.settings.raw_dir / 'sessions'}: save the catalogue "
        "(CSV or XLSX with Session ID, Programme, Title, Start, End...) into that folder and refresh again."
    )
    with warehouse.get_connection() as connection:
        store_required(connection, log, sessions, "staging.sessions", missing)
        replace_table(connection, "staging.sessions_set_aside", set_aside)
    yield dg.MaterializeResult(
        asset_key=["staging", "sessions"],
        metadata={"rows": len(sessions), "files": len(files), "quarantined": len(log.quarantine)},
    )
    yield dg.MaterializeResult(asset_key=["staging", "sessions_set_aside"], metadata={"rows": len(set_aside)})


@dg.asset(key=["staging", "intranet_prefixes"], group_name="staging", kinds={"duckdb", "python"})
def staging_intranet_prefixes(warehouse: Warehouse, refresh: RefreshRun) -> dg.MaterializeResult:
    """The intranet path prefixes the settings give each programme (`[programmes."<name>"] intranet_prefix`)."""
    prefixes = pd.DataFrame(
        [(programme, prefix) for programme, paths in refresh.settings.intranet_prefixes.items() for prefix in paths],
        columns=["programme", "prefix"],
    )
    with warehouse.get_connection() as connection:
        rows = replace_table(connection, "staging.intranet_prefixes", prefixes)
    return dg.MaterializeResult(metadata={"rows": rows})


@dg.asset(
    key=["core", "sessions"], group_name="core", kinds={"duckdb", "sql"}, deps=[dg.AssetKey(["staging", "sessions"])]
)
def core_sessions(warehouse: Warehouse, refresh: RefreshRun) -> dg.MaterializeResult:
    """Catalogue sessions with their delivered flag: Start at or before as_of, and not cancelled or postponed."""
    with warehouse.get_connection() as connection:
        run_sql(connection, SQL / "sessions.sql", as_of=refresh.as_of)
        rows = count(connection, "core.sessions")
        delivered = connection.execute("select count(*) from core.sessions where delivered").fetchone()[0]
    return dg.MaterializeResult(metadata={"rows": rows, "delivered": delivered})


@dg.asset(key=["core", "programmes"], group_name="core", kinds={"duckdb", "sql"}, deps=[core_sessions])
def core_programmes(warehouse: Warehouse, refresh: RefreshRun) -> dg.MaterializeResult:
    """One row per programme: its delivered sessions' dates, cost and audience, and its intranet window."""
    settings = refresh.settings
    with warehouse.get_connection() as connection:
        run_sql(connection, SQL / "programmes.sql", window_days=settings.window_days, timezone=settings.timezone)
        rows = count(connection, "core.programmes")
    return dg.MaterializeResult(metadata={"rows": rows})


@dg.asset(
    key=["core", "programme_paths"],
    group_name="core",
    kinds={"duckdb", "sql"},
    deps=[core_sessions, core_programmes, staging_intranet_prefixes],
)
def core_programme_paths(warehouse: Warehouse) -> dg.MaterializeResult:
    """Every session's Intranet Path plus the configured prefixes of its programme."""
    with warehouse.get_connection() as connection:
        run_sql(connection, SQL / "programme_paths.sql")
        rows = count(connection, "core.programme_paths")
    return dg.MaterializeResult(metadata={"rows": rows})
