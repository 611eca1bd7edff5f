"""Attendance: who registered and who came, from Teams, Zoom, Eventbrite and sign-in sheets.

Tables, in the order they are built, each by its own asset (and SQL file named after it):
- staging.attendance: every record matched to its catalogue session (matching.py), times as local
  wall-clock time. A record matching no session, or with dates that cannot be read, is quarantined.
- staging.attendance_linked: each record with the employee it names (person_key, linked_employee_id,
  linked_by = correction / employee_id / email / upn / name), or, unlinked, its guest_identity and
  why no rule linked it (unlinked_reason = no match / ambiguous name / ambiguous e-mail / unknown
  correction target, name_matches, unlinked_detail in plain words). Unlinked people stay guests:
  they are counted in attendances, and are never quarantined.
- staging.attendance_unlinked: one row per value a person correction would match (an e-mail, else
  UPN, Employee ID or name), with its reason, how many sessions and records, the files, and the
  correction_line to paste into raw/corrections once the Employee ID is added at its end. For the
  data-quality page; it holds names and e-mails, so only counts and reasons may be published.
- core.attendance: one row per (session, attendee) with presence_seconds, registered and
  attendance_status (attended / partial / no_show / cancelled). No names, e-mails or IDs.
"""

from __future__ import annotations

from pathlib import Path

import dagster as dg
import pandas as pd

from pipelines.audit_log import AuditCollector, read_folder, record_text
from pipelines.defs.attendance.matching import match_group
from pipelines.defs.catalogue.lookup import Catalogue
from pipelines.defs.resources import RefreshRun, Warehouse
from pipelines.formats.attendance import parse_attendance
from pipelines.formats.dates import DAY_FIRST, BadTimestamp, exists_locally, local_time
from pipelines.formats.tables import Parsed, Reject
from pipelines.salt import salt_for
from pipelines.sql import count, replace_table, run_sql

SQL = Path(__file__).parent / "sql"
IDENTITY = ["name", "email", "upn", "employee_id"]
STAGING_COLUMNS = [
    "file",
    "row",
    "session_id",
    *IDENTITY,
    "join_at",
    "leave_at",
    "duration_seconds",
    "status",
    "registered",
    "role",
]


@dg.asset(
    key=["staging", "attendance"],
    group_name="staging",
    kinds={"duckdb", "python"},
    deps=[
        dg.AssetKey(["raw", "attendance"]),
        dg.AssetKey(["core", "sessions"]),
        dg.AssetKey(["staging", "sessions_set_aside"]),
        dg.AssetKey(["staging", "corrections"]),
    ],
)
def staging_attendance(warehouse: Warehouse, refresh: RefreshRun) -> dg.MaterializeResult:
    """Every attendance record matched to its catalogue session, times as local wall-clock time.

    A record that matches no session, or whose dates cannot be read, is quarantined with the reason.
    """
    log = AuditCollector("attendance")
    files = read_folder(refresh.settings.raw_dir, "attendance", parse_attendance, log)
    with warehouse.get_connection() as connection:
        catalogue = Catalogue.load(connection)
        frames = [pd.DataFrame(columns=STAGING_COLUMNS)]
        frames += [_matched(raw.name, parsed, catalogue, refresh, log) for raw, parsed in files]
        attendance = pd.concat(frames, ignore_index=True).astype(
            {"row": "int64", "registered": "bool", "duration_seconds": "float64"}
        )
        for column in ("join_at", "leave_at"):
            attendance[column] = pd.to_datetime(attendance[column])
        log.write(connection)
        rows = replace_table(connection, "staging.attendance", attendance)
    return dg.MaterializeResult(metadata={"rows": rows, "files": len(files), "quarantined": len(log.quarantine)})


def _matched(
    file_name: str, parsed: Parsed, catalogue: Catalogue, refresh: RefreshRun, log: AuditCollector
) -> pd.DataFrame:
    """One file's records with their session and times; the rest go to the quarantine.

    Each meeting of the file (its Session ID, else its title and start: Zoom's flat report holds
    several) is matched on its own dates.
    """
    records = parsed.records.copy()
    records["meeting_title"] = records["meeting_title"].fillna(parsed.meta.get("meeting_title"))
    records["meeting_start_text"] = records["meeting_start_text"].fillna(parsed.meta.get("meeting_start_text"))
    kept = []
    meetings = [records[column].fillna("") for column in ("session_id", "meeting_title", "meeting_start_text")]
    for (session_id, title, start), group in records.groupby(meetings, sort=False):
        stamps = [text for text in [start, *group["join_text"], *group["leave_text"]] if text]
        match = match_group(
            catalogue, file_name, session_id or None, title or None, stamps, parsed.meta.get("date_order")
        )
        if match.session_id is None:
            _quarantine(log, file_name, group, "Session", f"no session matched: {match.reason}")
            continue
        kept.append(
            _with_times(file_name, group.assign(session_id=match.session_id), match.order, catalogue, refresh, log)
        )
    return pd.concat(kept, ignore_index=True) if kept else pd.DataFrame(columns=STAGING_COLUMNS)


def _with_times(
    file_name, group: pd.DataFrame, order: str, catalogue: Catalogue, refresh: RefreshRun, log: AuditCollector
) -> pd.DataFrame:
    """The group's records with local join and leave times.

    A data row whose times cannot be read in the file's order is quarantined with all its
    records (a Teams participant has one per join), so no row is half kept.
    """
    session = catalogue.session(group["session_id"].iloc[0])
    rows, unreadable = [], {}
    for record in group.to_dict("records"):
        times, problem = _local_times(record, order, refresh.settings.zone)
        if problem:
            unreadable.setdefault(record["row"], (record, *problem))
            continue
        join_at, leave_at = times
        if join_at is not None and leave_at is None:
            leave_at = session.end_at  # no Left row: present to the scheduled end
        if join_at is None and leave_at is not None:
            join_at = session.start_at  # a Left row without its Joined: present from the scheduled start
        rows.append({**record, "file": file_name, "join_at": join_at, "leave_at": leave_at})
    for record, column, reason in unreadable.values():
        _quarantine(log, file_name, pd.DataFrame([record]), column, reason)
    rows = [row for row in rows if row["row"] not in unreadable]
    return (
        pd.DataFrame(rows, columns=[*group.columns, "file", "join_at", "leave_at"])[STAGING_COLUMNS]
        if rows
        else pd.DataFrame(columns=STAGING_COLUMNS)
    )


def _local_times(record: dict, order: str, zone) -> tuple[list | None, tuple[str, str] | None]:
    """([join_at, leave_at], None), or (None, (column, reason)) when a time cannot be read in the file's order
    or does not exist in the local time zone that day (the hour skipped when the clocks go forward)."""
    times = []
    for column, key in (("Join Time", "join_text"), ("Leave Time", "leave_text")):
        try:
            stamp = local_time(record[key], order, zone)
        except BadTimestamp:
            words = "day-first" if order == DAY_FIRST else "month-first"
            return None, (
                column,
                f"{column} '{record[key]}' is not a real date read {words}, as the rest of the file is written",
            )
        if stamp is not None and not exists_locally(stamp, zone):
            return None, (
                column,
                f"{column} '{record[key]}' does not exist in {zone.key}: the clocks went forward that "
                "night, so the time cannot be placed; check the time zone the export was written in",
            )
        times.append(stamp)
    return times, None


def _quarantine(log: AuditCollector, file_name: str, records: pd.DataFrame, column: str, reason: str) -> None:
    """Each record's line, and the "Left" line paired into it, set aside: no line of it is counted as kept."""
    for record in records.to_dict("records"):
        text = record_text(
            {key: record.get(key) for key in ["session_id", *IDENTITY, "meeting_title", "join_text", "leave_text"]}
        )
        lines = [record["row"], record["leave_row"]]
        for line in dict.fromkeys(int(line) for line in lines if not pd.isna(line)):
            log.reject(file_name, Reject(line, column, reason, text))


@dg.asset(
    key=["staging", "attendance_linked"],
    group_name="staging",
    kinds={"duckdb", "sql"},
    deps=[staging_attendance, dg.AssetKey(["staging", "person_identifiers"]), dg.AssetKey(["staging", "corrections"])],
)
def staging_attendance_linked(warehouse: Warehouse) -> dg.MaterializeResult:
    """Each attendance record with the employee it names, or its guest identity and why no rule linked it."""
    with warehouse.get_connection() as connection:
        run_sql(connection, SQL / "attendance_linked.sql", salt=salt_for(warehouse.published))
        linked_by = dict(
            connection.execute(
                "select coalesce(linked_by, 'guest'), count(*) from staging.attendance_linked group by all"
            ).fetchall()
        )
    return dg.MaterializeResult(
        metadata={"rows": sum(linked_by.values()), "linked_by": dg.MetadataValue.json(linked_by)}
    )


@dg.asset(
    key=["staging", "attendance_unlinked"],
    group_name="staging",
    kinds={"duckdb", "sql"},
    deps=[staging_attendance_linked],
)
def staging_attendance_unlinked(warehouse: Warehouse) -> dg.MaterializeResult:
    """The people no rule linked, one row per value a person correction would match, with the line to paste."""
    with warehouse.get_connection() as connection:
        run_sql(connection, SQL / "attendance_unlinked.sql")
        reasons = dict(
            connection.execute(
                "select unlinked_reason, count(*) from staging.attendance_unlinked group by all"
            ).fetchall()
        )
    return dg.MaterializeResult(metadata={"rows": sum(reasons.values()), "reasons": dg.MetadataValue.json(reasons)})


@dg.asset(
    key=["core", "attendance"],
    group_name="core",
    kinds={"duckdb", "sql"},
    deps=[staging_attendance_linked, dg.AssetKey(["core", "sessions"])],
)
def core_attendance(warehouse: Warehouse, refresh: RefreshRun) -> dg.MaterializeResult:
    """One row per (session, person or guest): presence in real elapsed time, and its status.

    The status is attended / partial / no-show / cancelled (SPEC section 3).
    """
    with warehouse.get_connection() as connection:
        run_sql(
            connection,
            SQL / "attendance.sql",
            attended_share=refresh.settings.attended_share,
            timezone=refresh.settings.timezone,
        )
        statuses = dict(
            connection.execute("select attendance_status, count(*) from core.attendance group by all").fetchall()
        )
        rows = count(connection, "core.attendance")
    return dg.MaterializeResult(metadata={"rows": rows, **statuses})
