"""A failed refresh is visible where the officer looks: a log line, and a banner over the last good figures."""

import json

from typer.testing import CliRunner

from pipelines.cli import app
from tests.conftest import query, sample


def cli(workspace, *extra):
    arguments = [
        "refresh",
        "--raw",
        str(workspace / "raw"),
        "--warehouse",
        str(workspace / "warehouse" / "uptake.duckdb"),
        "--reports",
        str(workspace / "reports"),
    ]
    return CliRunner().invoke(app, [*arguments, *extra])


def test_failure_is_logged_and_bannered_over_the_last_good_figures(published_workspace):
    workspace = published_workspace  # published by a first `uptake refresh`
    figures = query(
        workspace, "select programme, participants, attendances from marts.programme_reach order by programme"
    )
    index = workspace / "reports" / "index.html"
    assert "The latest refresh failed" not in index.read_text()
    status = json.loads((workspace / "warehouse" / "refresh-status.json").read_text())
    assert status["failures"] == [] and status["last_good_as_of"]

    (workspace / "raw" / "roster" / "roster_2025-04-01.csv").unlink()
    second = cli(workspace)
    assert second.exit_code == 1
    assert "No roster was found" in second.output and "refresh.log" in second.output

    log = (workspace / "warehouse" / "refresh.log").read_text().splitlines()
    assert [line.split(" ", 3)[-1].split(":")[0] for line in log][-1] == "FAILED"
    assert "published" in log[0] and "No roster was found" in log[-1]
    page = index.read_text()
    assert "The latest refresh failed" in page and "No roster was found" in page
    assert f"({status['last_good_at']}" in page
    # The last good figures are still published and still in the warehouse.
    assert (
        query(workspace, "select programme, participants, attendances from marts.programme_reach order by programme")
        == figures
    )

    sample(workspace, "roster.csv", "roster/roster_2025-04-01.csv")
    assert cli(workspace).exit_code == 0
    assert "The latest refresh failed" not in index.read_text()
