"""Shared fixtures: a raw folder built from the byte-exact samples, and the three tiers the tests run on.

- A format or SQL test reads a file or runs one SQL file on an in-memory DuckDB.
- `materialize`: the assets building some tables, with `dg.materialize` on a temporary warehouse (no checks, no pages).
- `refresh` (or `uptake refresh`): the whole job, with its checks, pages and publication. The committed demo is
  refreshed once per session (`demo`) for every test that only reads it; the three smallest exports are published
  once per session (`three_published`) and copied by each test that needs a last good state to break or protect.
"""

from __future__ import annotations

import shutil
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

import dagster as dg
import duckdb
import pytest

from pipelines.definitions import definitions_for
from pipelines.defs.resources import Warehouse, build_resources
from pipelines.refresh import QUIET, Outcome, run_refresh
from pipelines.settings import load_settings

SAMPLES = Path(__file__).resolve().parent / "fixtures" / "formats"  # ../shared/formats, byte for byte
REPO = Path(__file__).resolve().parents[1]
DEMO_RAW, DEMO_CONFIG = REPO / "data" / "raw", REPO / "data" / "demo.toml"


class Demo(NamedTuple):
    """The committed demo refreshed once: its workspace (warehouse/, reports/) and what `uptake refresh` printed."""

    root: Path
    output: str

    @property
    def warehouse(self) -> Path:
        return self.root / "warehouse" / "uptake.duckdb"

    @property
    def reports(self) -> Path:
        return self.root / "reports"


@pytest.fixture(scope="session")
def demo(tmp_path_factory) -> Demo:
    """The committed demo data (data/raw, as of 30 June 2025) refreshed once per session through `uptake refresh`.

    Shared by every test that only reads its warehouse or pages: such a test must not change anything under
    `demo.root` (a test that changes the inputs refreshes a copy of its own)."""
    from typer.testing import CliRunner

    from pipelines.cli import app

    root = tmp_path_factory.mktemp("demo")
    arguments = ["refresh", "--raw", str(DEMO_RAW), "--config", str(DEMO_CONFIG)]
    arguments += ["--warehouse", str(root / "warehouse" / "uptake.duckdb"), "--reports", str(root / "reports")]
    result = CliRunner().invoke(app, arguments)
    assert result.exit_code == 0, result.output
    return Demo(root, result.output)


@pytest.fixture
def workspace(tmp_path, monkeypatch):
    """An empty raw folder, warehouse and reports location, and no settings file."""
    for variable in ("UPTAKE_RAW_DIR", "UPTAKE_WAREHOUSE", "UPTAKE_REPORTS_DIR", "UPTAKE_CONFIG"):
        monkeypatch.delenv(variable, raising=False)
    (tmp_path / "raw").mkdir()
    (tmp_path / "uptake.toml").write_text("# all settings at their defaults\n", encoding="utf-8")
    return tmp_path


def three_exports(workspace: Path) -> Path:
    """The smallest complete raw folder: a roster, the session catalogue and a sign-in sheet."""
    sample(workspace, "roster.csv", "roster/roster_2025-04-01.csv")
    sample(workspace, "sessions.csv", "sessions/sessions.csv")
    sample(workspace, "signin_sheet.csv", "attendance/signin_sheet.csv")
    return workspace


@pytest.fixture(scope="session")
def three_published(tmp_path_factory) -> Path:
    """A `workspace` of the three exports published once per session through `uptake refresh`: its warehouse,
    salt, log, status and marked reports. Only copied (`published_workspace`), never changed."""
    root = three_exports(tmp_path_factory.mktemp("three_published"))
    (root / "uptake.toml").write_text("# all settings at their defaults\n", encoding="utf-8")
    result = uptake_refresh(root)
    assert result.exit_code == 0, result.output
    return root


@pytest.fixture
def published_workspace(workspace, three_published) -> Path:
    """The `workspace`, holding a copy of the three exports as published (file times kept): a last good state to
    protect or to break without a refresh of its own. Its settings paths are new, so its next refresh runs every
    step."""
    shutil.copytree(three_published, workspace, dirs_exist_ok=True)
    return workspace


def refresh_arguments(workspace: Path, *options: str, raw=None, warehouse=None, reports=None, config=None) -> list[str]:
    """`uptake refresh` on the workspace's raw folder, warehouse, reports and settings file, or on those given."""
    return [
        "refresh",
        "--raw",
        str(raw or workspace / "raw"),
        "--warehouse",
        str(warehouse or workspace / "warehouse" / "uptake.duckdb"),
        "--reports",
        str(reports or workspace / "reports"),
        "--config",
        str(config or workspace / "uptake.toml"),
        *options,
    ]


def uptake_refresh(workspace: Path, *options: str, **paths):
    """`uptake refresh` run through the CLI in this process (`refresh_arguments`): its result."""
    from typer.testing import CliRunner

    from pipelines.cli import app

    return CliRunner().invoke(app, refresh_arguments(workspace, *options, **paths))


def settings_for(workspace: Path, **overrides):
    return load_settings(
        raw_dir=overrides.get("raw_dir", workspace / "raw"),
        warehouse=workspace / "warehouse" / "uptake.duckdb",
        reports_dir=workspace / "reports",
        config_file=overrides.get("config_file", workspace / "uptake.toml"),
    )


def refresh(workspace: Path, again: bool = False, **overrides) -> Outcome:
    """The whole job; with nothing new since the last publication it runs nothing, unless `again`."""
    return run_refresh(settings_for(workspace, **overrides), again=again)


class WarehouseInPlace(Warehouse):
    """The warehouse resource writing the workspace's DuckDB file itself, with no working copy: a run of part of
    the graph has no publication step to swap a copy in."""

    @contextmanager
    def yield_for_execution(self, context: dg.InitResourceContext):
        try:
            yield self
        finally:
            self._close()


def materialize(workspace: Path, *tables: str, **overrides) -> Path:
    """The middle tier between a format test and a refresh: `dg.materialize` of these tables ("core.attendance")
    and the assets upstream of them, into the workspace's warehouse. No quality check runs and no page is built:
    a test of checks, pages or publication refreshes."""
    settings = settings_for(workspace, **overrides)
    settings.warehouse.parent.mkdir(parents=True, exist_ok=True)
    resources = build_resources(settings)
    resources["warehouse"] = WarehouseInPlace(**resources["warehouse"].model_dump())
    targets = dg.AssetSelection.assets(*(dg.AssetKey(table.split(".")) for table in tables))
    upstream = targets.upstream().required_multi_asset_neighbors()  # a step that writes several tables runs whole
    selection = upstream - dg.AssetSelection.groups("raw") - dg.AssetSelection.all_asset_checks()
    assets = list(definitions_for(settings).assets)
    dg.materialize(
        assets, selection=selection, resources=resources, instance=dg.DagsterInstance.ephemeral(), run_config=QUIET
    )
    return workspace


def query(workspace: Path, sql: str, parameters=None) -> list[tuple]:
    with duckdb.connect(str(workspace / "warehouse" / "uptake.duckdb"), read_only=True) as connection:
        return connection.execute(sql, parameters).fetchall()


def put(workspace: Path, relative: str, content: bytes | str, encoding: str = "utf-8") -> Path:
    path = workspace / "raw" / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content if isinstance(content, bytes) else content.encode(encoding))
    return path


def sample(workspace: Path, name: str, relative: str) -> Path:
    path = workspace / "raw" / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SAMPLES / name, path)
    return path
