"""Sites the publication tests open: the hand-counted fixture site, and the demo refreshed end to end."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from pipelines.defs.reports.site import build_site
from pipelines.refresh import run_refresh
from pipelines.settings import Settings, load_settings
from tests.reports.warehouse import AS_OF, build_warehouse


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("fixture-site")
    settings = Settings(root / "raw", root / "warehouse" / "uptake.duckdb", root / "reports", root / "uptake.toml")
    with duckdb.connect(str(build_warehouse(settings.warehouse, settings))) as connection:
        build_site(connection, settings.reports_dir, AS_OF, settings)
    return settings.reports_dir


def refreshed_site(raw: Path, config: Path | None, workspace: Path) -> Path:
    """The reports of a real refresh (`uptake refresh`'s code path) of `raw` into `workspace`."""
    settings = load_settings(raw, workspace / "warehouse" / "uptake.duckdb", workspace / "reports", config)
    outcome = run_refresh(settings)
    assert outcome.published, outcome.failures
    return settings.reports_dir


@pytest.fixture(scope="session")
def demo_site(demo) -> Path:
    """The pages of the committed demo data (data/raw, as of 30 June 2025), refreshed once per session."""
    return demo.reports
