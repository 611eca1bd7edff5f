"""The code location: it loads, its layers, the weekly schedule and the new-file sensor."""

import re
import subprocess
import sys
from pathlib import Path

import dagster as dg

from pipelines.definitions import defs
from tests.conftest import REPO

LAYERS = {"raw", "staging", "core", "marts", "reports"}


def test_dg_check_defs_passes():
    dg_command = Path(sys.executable).with_name("dg")
    result = subprocess.run([str(dg_command), "check", "defs"], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "All definitions loaded successfully" in result.stdout + result.stderr


def test_assets_sit_in_the_layers_and_describe_themselves():
    definitions = defs()
    graph = definitions.resolve_asset_graph()
    groups = {graph.get(key).group_name for key in graph.get_all_asset_keys()}
    assert groups <= LAYERS and {"staging", "core", "marts", "reports"} <= groups
    for key in graph.materializable_asset_keys:
        node = graph.get(key)
        assert node.description, f"{key.to_user_string()} has no docstring"
        assert node.kinds, f"{key.to_user_string()} has no kinds"
    assert dg.AssetKey(["reports", "site"]) in graph.materializable_asset_keys
    # The publication step comes after every mart.
    marts = {key for key in graph.materializable_asset_keys if key.path[0] == "marts"}
    assert marts <= graph.get_ancestor_asset_keys(dg.AssetKey(["reports", "site"]))


def test_weekly_schedule_mondays_six_london():
    schedule = defs().resolve_schedule_def("weekly_refresh")
    assert schedule.cron_schedule == "0 6 * * 1"
    assert schedule.execution_timezone == "Europe/London"
    assert schedule.job_name == "refresh"


def test_sensor_requests_a_refresh_when_raw_files_change(workspace, monkeypatch):
    monkeypatch.setenv("UPTAKE_RAW_DIR", str(workspace / "raw"))
    definitions = defs()
    sensor = definitions.resolve_sensor_def("new_raw_files")
    instance = dg.DagsterInstance.ephemeral()
    resources = {"refresh": definitions.resources["refresh"]}  # the daemon gives the sensor the code location's
    first = sensor.evaluate_tick(dg.build_sensor_context(instance=instance, resources=resources))
    assert len(first.run_requests) == 1
    unchanged = sensor.evaluate_tick(
        dg.build_sensor_context(instance=instance, cursor=first.cursor, resources=resources)
    )
    assert unchanged.run_requests == [] and "nothing changed" in unchanged.skip_message
    (workspace / "raw" / "attendance").mkdir()
    (workspace / "raw" / "attendance" / "new.csv").write_text("Session ID,Employee ID\nLAW-01,E1\n")
    changed = sensor.evaluate_tick(dg.build_sensor_context(instance=instance, cursor=first.cursor, resources=resources))
    assert len(changed.run_requests) == 1 and changed.run_requests[0].job_name in (None, "refresh")


def test_loading_the_definitions_does_not_import_great_expectations():
    code = "import sys; from pipelines.definitions import defs; defs(); print('great_expectations' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert result.stdout.strip() == "False", result.stderr


def test_the_code_location_is_named_once():
    """`uptake ui` and `uptake serve` load -m pipelines.definitions: no warning that the project names it otherwise."""
    dagster = Path(sys.executable).with_name("dagster")
    result = subprocess.run(
        [str(dagster), "definitions", "validate", "-m", "pipelines.definitions"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "does not match the name" not in result.stdout + result.stderr


def test_the_readme_and_docs_link_only_inside_the_repository():
    for page in [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]:
        text = page.read_text(encoding="utf-8")
        for target in re.findall(r"\]\(([^)#]+)", text):
            if not target.startswith(("http://", "https://")):
                assert (page.parent / target).resolve().is_relative_to(REPO), f"{page.name} links outside: {target}"
                assert (page.parent / target).exists(), f"{page.name} links to a missing {target}"
