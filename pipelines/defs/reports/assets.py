"""The publication step: pages built from the marts, then the warehouse and the pages swapped in."""

from __future__ import annotations

from pathlib import Path

import dagster as dg

from pipelines.defs.reports.site import build_site, swap_in
from pipelines.defs.resources import Uptake, Warehouse

MARTS = [dg.AssetKey(["marts", name]) for name in ("programme_reach", "session_metrics")] + [dg.AssetKey(["audit", "files"])]


@dg.asset(key=["reports", "site"], group_name="reports", kinds={"html", "plotly"}, deps=MARTS)
def published_reports(warehouse: Warehouse, uptake: Uptake) -> dg.MaterializeResult:
    """Builds every page beside the published ones, then swaps the new warehouse and pages in.

    Runs only when every blocking data-quality check upstream passed, so a failed
    check leaves the last published reports exactly as they were.
    """
    published = Path(uptake.settings.reports_dir)
    built = published.with_name(published.name + ".next")
    with warehouse.get_connection() as connection:
        pages = build_site(connection, built, uptake.as_of)
    warehouse.publish()
    swap_in(built, published)
    return dg.MaterializeResult(metadata={"pages": len(pages), "path": dg.MetadataValue.path(str(published.resolve()))})
