"""The refresh's memory budget (SPEC section 6): DuckDB's limit below [refresh] memory_limit on every
connection, its spill files beside the warehouse, removed when the refresh ends however it ends."""

from __future__ import annotations

import dagster as dg
import pytest

from pipelines.defs.resources import build_resources
from tests.conftest import sample, settings_for, uptake_refresh


def test_duckdb_spills_beside_the_warehouse_within_half_the_budget_and_the_spill_goes_even_on_failure(workspace):
    (workspace / "uptake.toml").write_text('[refresh]\nmemory_limit = "256MiB"\n', encoding="utf-8")
    settings = settings_for(workspace)
    spill = workspace / "warehouse" / "uptake.duckdb.spill.tmp"
    with pytest.raises(RuntimeError, match="a step failed"):
        with dg.build_resources({"warehouse": build_resources(settings)["warehouse"]}) as resources:
            with resources.warehouse.get_connection() as connection:
                limits = connection.execute(
                    "select current_setting('memory_limit'), current_setting('temp_directory')"
                ).fetchone()
                # A sort far bigger than 128 MiB: DuckDB writes the overflow to its spill folder.
                connection.execute(
                    "create table big as select md5(range::varchar) || md5((range + 1)::varchar) as text "
                    "from range(4000000) order by text"
                )
                assert spill.is_dir()
            raise RuntimeError("a step failed")
    assert limits == ("128.0 MiB", str(spill))
    assert not spill.exists()


def test_a_killed_refreshs_spill_folders_go_at_the_next_start_and_a_failed_refresh_leaves_none(workspace):
    sample(workspace, "sessions.csv", "sessions/sessions.csv")  # no roster: this refresh fails
    warehouse = workspace / "warehouse"
    for leftover in ("uptake.duckdb.spill.tmp", "uptake.duckdb.building.tmp"):  # as a killed refresh leaves them
        (warehouse / leftover).mkdir(parents=True)
        (warehouse / leftover / "duckdb_temp_storage-0.tmp").write_bytes(b"\0" * 4096)
    (warehouse / "notes.tmp").mkdir()  # not Uptake's: kept
    result = uptake_refresh(workspace, reports=workspace / "reports")
    assert result.exit_code == 1, result.output
    assert sorted(path.name for path in warehouse.iterdir() if path.name.endswith(".tmp")) == ["notes.tmp"]
