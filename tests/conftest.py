"""Shared fixtures: a raw folder built from the byte-exact samples, and a refresh that runs the real pipeline."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from pipelines.refresh import Outcome, run_refresh
from pipelines.settings import load_settings

SAMPLES = Path(__file__).resolve().parent / "fixtures" / "formats"  # ../shared/formats, byte for byte
REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def workspace(tmp_path, monkeypatch):
    """An empty raw folder, warehouse and reports location, and no settings file."""
    for variable in ("UPTAKE_RAW_DIR", "UPTAKE_WAREHOUSE", "UPTAKE_REPORTS_DIR", "UPTAKE_CONFIG"):
        monkeypatch.delenv(variable, raising=False)
    (tmp_path / "raw").mkdir()
    (tmp_path / "uptake.toml").write_text("# all settings at their defaults\n", encoding="utf-8")
    return tmp_path


def settings_for(workspace: Path, **overrides):
    return load_settings(
        raw_dir=overrides.get("raw_dir", workspace / "raw"),
        warehouse=workspace / "warehouse" / "uptake.duckdb",
        reports_dir=workspace / "reports",
        config_file=overrides.get("config_file", workspace / "uptake.toml"),
    )


def refresh(workspace: Path, **overrides) -> Outcome:
    return run_refresh(settings_for(workspace, **overrides))


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
