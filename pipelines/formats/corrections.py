"""Corrections kept by the L&OD officer (SPEC section 2): lasting fixes for quarantined records."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from pipelines.formats.tables import NotATable, Parsed, Reject, has_column, pick, read_table, text_of

KINDS = {"person", "session"}


def parse_corrections(path: Path) -> Parsed:
    """Kind, Value, Maps To: a row with an unknown kind or a blank value is rejected."""
    table = read_table(path)
    if not all(has_column(table, name) for name in ("Kind", "Value", "Maps To")):
        raise NotATable("it needs the columns Kind, Value and Maps To")
    frame = pd.DataFrame(
        {
            "row": table["row"],
            "kind": pick(table, "Kind"),
            "value": pick(table, "Value"),
            "maps_to": pick(table, "Maps To"),
        }
    )
    frame["kind"] = frame["kind"].str.strip().str.lower()
    rejects = []
    for index, record in frame.iterrows():
        raw = text_of([str(value or "") for value in record.drop("row")])
        if record["kind"] not in KINDS:
            rejects.append(Reject(int(record["row"]), "Kind", f"Kind '{record['kind']}' is not person or session", raw))
        elif not record["value"] or not record["maps_to"]:
            column = "Value" if not record["value"] else "Maps To"
            rejects.append(Reject(int(record["row"]), column, f"the {column} is blank", raw))
    rejected = {reject.row for reject in rejects}
    kept = frame[~frame["row"].isin(rejected)].assign(
        value=lambda f: f["value"].str.strip(), maps_to=lambda f: f["maps_to"].str.strip()
    )
    return Parsed("corrections", kept.reset_index(drop=True), rejects, len(frame))
