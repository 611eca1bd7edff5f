"""The newest roster snapshot unreadable or without employee rows stops the refresh (SPEC section 6):
exit 1 naming the file and what is wrong, the last reports left as they were. An older one is only skipped."""

from __future__ import annotations

import pytest

from tests.conftest import SAMPLES, put, uptake_refresh
from tests.test_cli_reports_folder import files_under, flat

ROSTER = (SAMPLES / "roster.csv").read_text(encoding="cp1252")
HEADER = ROSTER.splitlines()[0]


@pytest.mark.parametrize(
    "name, content, problem",
    [
        (
            "roster_2025-05-01.csv",
            ROSTER.replace("Employee ID", "Staff Number", 1),
            "is the newest snapshot (2025-05-01) but cannot be used: "
            "it has no Employee ID column, so it is not an HR roster.",
        ),
        (
            "roster_2025-05-01.csv",
            HEADER + "\n",
            "is the newest snapshot (2025-05-01) but cannot be used: it has no employee rows.",
        ),
        (
            "workforce.csv",
            ROSTER.replace("Employee ID", "Staff Number", 1),
            "has no date in its name but cannot be used",
        ),
    ],
    ids=["Employee ID renamed", "no employee rows", "no date in its name"],
)
def test_the_newest_roster_unusable_is_exit_1_naming_it(published_workspace, name, content, problem):
    reports = published_workspace / "reports"
    before = files_under(reports)
    put(published_workspace, f"roster/{name}", content, "cp1252")
    result = uptake_refresh(published_workspace, reports=reports)
    assert result.exit_code == 1, result.output
    assert flat(f"staging.roster: The roster file roster/{name} {problem}") in flat(result.output), result.output
    after = files_under(reports)
    assert {file: content for file, content in after.items() if file != "index.html"} == {
        file: content for file, content in before.items() if file != "index.html"
    }  # the last reports stay; only the failure banner is added
    assert "The latest refresh failed" in after["index.html"].decode("utf-8")


def test_an_older_unreadable_roster_is_only_skipped(published_workspace):
    put(published_workspace, "roster/roster_2025-03-01.csv", ROSTER.replace("Employee ID", "Staff Number", 1), "cp1252")
    result = uptake_refresh(published_workspace, reports=published_workspace / "reports")
    assert result.exit_code == 0, result.output


def test_with_no_roster_usable_the_newest_by_its_date_is_named(published_workspace):
    renamed = ROSTER.replace("Employee ID", "Staff Number", 1)
    put(published_workspace, "roster/roster_2025-04-01.csv", renamed, "cp1252")  # the published one, broken
    put(published_workspace, "roster/roster_2025-05-01.csv", HEADER + "\n", "cp1252")
    result = uptake_refresh(published_workspace, reports=published_workspace / "reports")
    assert result.exit_code == 1, result.output
    said = "The roster file roster/roster_2025-05-01.csv is the newest snapshot (2025-05-01) but cannot be used"
    assert flat(said) in flat(result.output), result.output
