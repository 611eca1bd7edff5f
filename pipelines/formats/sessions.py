"""The event catalogue kept by L&OD (SPEC section 2, `sessions/`)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from pipelines.formats.dates import DAY_FIRST, BadTimestamp, date_order, parse_timestamp
from pipelines.formats.tables import NotATable, Parsed, Reject, has_column, pick, read_table, text_of

TEXT_COLUMNS = {
    "session_id": ("Session ID",),
    "programme": ("Programme", "Program"),
    "title": ("Title", "Session Title"),
    "location": ("Location", "Venue"),
    "format": ("Format", "Delivery"),
    "audience": ("Audience",),
    "intranet_path": ("Intranet Path", "Intranet Page"),
    "topic": ("Topic",),
    "cohort": ("Cohort", "Set"),
    "status": ("Status",),
}


def parse_sessions(path: Path) -> Parsed:
    """Catalogue rows; a row without an ID, programme or readable Start/End is rejected.

    `meta["set_aside"]` lists each rejected row that has a Session ID: {row, session_id, reason}.
    """
    table = read_table(path)
    if not has_column(table, "Session ID") or not has_column(table, "Start"):
        raise NotATable("it has no Session ID and Start columns, so it is not the session catalogue")
    frame = pd.DataFrame(
        {"row": table["row"], **{column: pick(table, *names) for column, names in TEXT_COLUMNS.items()}}
    )
    starts, ends = pick(table, "Start", "Start Time"), pick(table, "End", "End Time")
    order = date_order([*starts.dropna(), *ends.dropna()]) or DAY_FIRST
    capacity, cost = pick(table, "Capacity", "Places"), pick(table, "Cost (GBP)", "Cost", "Cost (£)")
    records, rejects, set_aside = [], [], []
    for index, source in frame.iterrows():
        raw = text_of([str(value) for value in table.loc[index].drop("row").tolist()])
        try:
            record = source.to_dict()
            for column in ("session_id", "programme"):
                if not record[column]:
                    raise ValueError(TEXT_COLUMNS[column][0], f"the {TEXT_COLUMNS[column][0]} is blank")
            record.update(
                start_at=_stamp(starts[index], "Start", order, required=True),
                end_at=_stamp(ends[index], "End", order, required=True),
                capacity=_number(capacity[index], "Capacity", int),
                cost_gbp=_number(cost[index], "Cost (GBP)", float),
                format=(record["format"] or "").strip().lower() or None,
                status=(record["status"] or "").strip().lower() or None,
            )
            if record["end_at"] <= record["start_at"]:
                raise ValueError("End", f"End '{ends[index]}' is not after Start '{starts[index]}'")
        except ValueError as problem:
            column, reason = problem.args
            rejects.append(Reject(int(source["row"]), column, reason, raw))
            if source["session_id"]:
                set_aside.append({"row": int(source["row"]), "session_id": source["session_id"], "reason": reason})
            continue
        records.append(record)
    columns = ["row", *TEXT_COLUMNS, "start_at", "end_at", "capacity", "cost_gbp"]
    catalogue = pd.DataFrame.from_records(records, columns=columns).astype({"capacity": "Int64", "cost_gbp": "Float64"})
    # The IDs of the rows set aside, so that a file naming one is told why its session is missing.
    return Parsed("session-catalogue", catalogue, rejects, len(frame), {"set_aside": set_aside})


def _stamp(text, column, order, required):
    try:
        stamp = parse_timestamp(text, order)
    except BadTimestamp:
        raise ValueError(column, f"{column} '{text}' is not a date and time") from None
    if stamp is None and required:
        raise ValueError(column, f"the {column} is blank")
    return stamp.replace(tzinfo=None) if stamp else None


def _number(text, column, kind):
    if text is None:
        return None
    cleaned = str(text).replace("£", "").replace(",", "").strip()
    try:
        value = kind(float(cleaned))
    except ValueError:
        raise ValueError(column, f"{column} '{text}' is not a number") from None
    if value < 0:
        raise ValueError(column, f"{column} '{text}' is negative")
    return value
