"""Feedback: form responses matched to their session, counted once, with personal data kept in staging."""

from __future__ import annotations

import hashlib
from functools import partial
from pathlib import Path

import dagster as dg
import pandas as pd

from pipelines.audit_log import AuditCollector, read_folder, record_text
from pipelines.defs.catalogue.lookup import Catalogue
from pipelines.defs.feedback.responses import duplicates, match_responses
from pipelines.defs.resources import RefreshRun, Warehouse
from pipelines.formats.feedback import parse_feedback
from pipelines.formats.tables import Parsed, Reject
from pipelines.sql import count, replace_table, run_sql

SQL = Path(__file__).parent / "sql"
STAGING_COLUMNS = (
    "response_id file row format response_key session_id submitted_at email name"
    " session_answer rating recommend comments answers_fingerprint duplicate_of"
).split()


@dg.asset(
    key=["staging", "feedback"],
    group_name="staging",
    kinds={"duckdb", "python"},
    deps=[
        dg.AssetKey(["raw", "feedback"]),
        dg.AssetKey(["core", "sessions"]),
        dg.AssetKey(["staging", "sessions_set_aside"]),
        dg.AssetKey(["staging", "corrections"]),
    ],
)
def staging_feedback(warehouse: Warehouse, refresh: RefreshRun) -> dg.MaterializeResult:
    """Every feedback response under raw/feedback, matched to its delivered session, times as local time.

    A response seen in an earlier export keeps its row here with `duplicate_of` set, so
    the audit balances and core counts it once. A response that matches no delivered
    session is quarantined with the reason; an unreadable answer is quarantined alone.
    """
    settings = refresh.settings
    log = AuditCollector("feedback")
    files = read_folder(
        settings.raw_dir, "feedback", partial(parse_feedback, overrides=settings.feedback_questions), log
    )
    with warehouse.get_connection() as connection:
        catalogue = Catalogue.load(connection)
        frames = [pd.DataFrame(columns=STAGING_COLUMNS)]
        frames += [_matched(raw.name, parsed, catalogue, refresh, log) for raw, parsed in files]
        feedback = pd.concat(frames, ignore_index=True).astype(
            {"row": "int64", "rating": "Int64", "recommend": "Int64"}
        )
        feedback["duplicate_of"] = duplicates(feedback)
        feedback["submitted_at"] = pd.to_datetime(feedback["submitted_at"])
        log.write(connection)
        rows = replace_table(connection, "staging.feedback", feedback)
    return dg.MaterializeResult(
        metadata={
            "rows": rows,
            "files": len(files),
            "repeated_in_another_export": int(feedback["duplicate_of"].notna().sum()),
            "quarantined": len(log.quarantine),
        }
    )


def _matched(
    file_name: str, parsed: Parsed, catalogue: Catalogue, refresh: RefreshRun, log: AuditCollector
) -> pd.DataFrame:
    """One file's responses with their session and sending time; those matching none are quarantined."""
    records = parsed.records
    matches = match_responses(
        records,
        file_name,
        parsed.format,
        parsed.meta.get("date_order"),
        catalogue,
        refresh.settings.zone,
        refresh.settings.window_days,
        parsed.meta.get("questions", {}).get("session"),
    )
    kept = []
    for record, matched in zip(records.to_dict("records"), matches):
        if matched.session_id is None:
            raw = record_text({key: record[key] for key in ("response_key", "submitted_text", "session_answer")})
            log.reject(file_name, Reject(int(record["row"]), matched.column, matched.reason, raw))
            continue
        response = {
            **record,
            "response_id": hashlib.sha256(f"{file_name}:{record['row']}".encode()).hexdigest()[:16],
            "file": file_name,
            "format": parsed.format,
            "session_id": matched.session_id,
            "submitted_at": matched.submitted_at,
        }
        kept.append({column: response.get(column) for column in STAGING_COLUMNS})
    return pd.DataFrame(kept, columns=STAGING_COLUMNS)


@dg.asset(
    key=["core", "responses"],
    group_name="core",
    kinds={"duckdb", "sql"},
    deps=[
        staging_feedback,
        dg.AssetKey(["staging", "person_identifiers"]),
        dg.AssetKey(["staging", "corrections"]),
        dg.AssetKey(["core", "sessions"]),
    ],
)
def core_responses(warehouse: Warehouse) -> dg.MaterializeResult:
    """One row per response counted once: session, salted person key (identified feedback), scores, cleaned comment."""
    with warehouse.get_connection() as connection:
        run_sql(connection, SQL / "responses.sql")
        rows = count(connection, "core.responses")
        identified, anonymous = connection.execute(
            "select count(person_key), count(*) filter (where anonymous) from core.responses"
        ).fetchone()
    return dg.MaterializeResult(metadata={"rows": rows, "identified": identified, "anonymous": anonymous})
