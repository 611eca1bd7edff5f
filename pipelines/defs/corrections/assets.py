"""Corrections: the L&OD officer's lasting fixes, applied before the matching and linking rules."""

from __future__ import annotations

import dagster as dg
import pandas as pd

from pipelines.defs.resources import Uptake, Warehouse
from pipelines.formats.corrections import parse_corrections
from pipelines.warehouse import SourceLog, read_folder, replace_table

COLUMNS = ["row", "kind", "value", "maps_to", "file"]


@dg.asset(key=["staging", "corrections"], group_name="staging", kinds={"duckdb", "python"}, deps=[dg.AssetKey(["raw", "corrections"])])
def staging_corrections(warehouse: Warehouse, uptake: Uptake) -> dg.MaterializeResult:
    """Every correction row under raw/corrections (there may be none)."""
    log = SourceLog("corrections")
    files = read_folder(uptake.settings.raw_dir, "corrections", parse_corrections, log)
    frames = [pd.DataFrame(columns=COLUMNS), *(parsed.records.assign(file=raw.name) for raw, parsed in files)]
    corrections = pd.concat(frames, ignore_index=True).astype({"row": "int64"}).astype({c: "string" for c in COLUMNS[1:]})
    with warehouse.get_connection() as connection:
        log.write(connection)
        rows = replace_table(connection, "staging.corrections", corrections)
    return dg.MaterializeResult(metadata={"rows": rows, "files": len(files)})
