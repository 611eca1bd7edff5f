"""The publication step: pages built from the marts, then the warehouse and the pages swapped in."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import dagster as dg

from pipelines.defs.marts.pages import PAGE_MART_KEYS
from pipelines.defs.periods.assets import PERIOD_MARTS
from pipelines.defs.quality.validate import suites
from pipelines.defs.reports.site import build_site
from pipelines.defs.resources import RefreshRun, Warehouse
from pipelines.inputs import record_publication
from pipelines.publication import begin, swap_in
from pipelines.status import record_published

MARTS = [
    dg.AssetKey(["marts", name])
    for name in (
        "programme_reach",
        "session_metrics",
        "reach_by_group",
        "ten_things",
        "cohort_summary",
        "cohort_members",
        "changes_since_last",
    )
]
# Every table with a suite too: its blocking checks must pass before anything is published.
CHECKED = [dg.AssetKey(list(suite.asset_key)) for suite in suites()]
READS = list(
    dict.fromkeys(
        [*MARTS, *PAGE_MART_KEYS, *(mart.key for mart in PERIOD_MARTS), *CHECKED, dg.AssetKey(["audit", "files"])]
    )
)


@dg.asset(key=["reports", "site"], group_name="reports", kinds={"html", "plotly"}, deps=READS)
def published_reports(warehouse: Warehouse, refresh: RefreshRun) -> dg.MaterializeResult:
    """Builds every page beside the published ones (in reports.uptake.next), then swaps the new warehouse and
    the new pages in.

    Runs only when every blocking data-quality check upstream passed, so a failed
    check leaves the last published reports exactly as they were.
    """
    published = Path(refresh.settings.reports_dir).resolve()
    built = begin(published)
    with warehouse.get_connection() as connection:
        files = build_site(connection, built, refresh.as_of, refresh.settings)
        record_publication(connection, refresh.inputs, datetime.now(), built, files)
    warehouse.publish()
    swap_in(built, published)
    record_published(refresh.settings, refresh.as_of)
    pages = [file for file in files if file.suffix == ".html"]
    return dg.MaterializeResult(
        metadata={"pages": len(pages), "files": len(files), "path": dg.MetadataValue.path(str(published.resolve()))}
    )
