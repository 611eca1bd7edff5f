"""Refreshing again: with no new log, no intranet row is checked or sessionised again and no figure moves.
Raw requests are not checked one by one: each log's line counts are (staging.intranet_files), then page views
and visits. A table whose checked rows did not change is not validated again."""

from __future__ import annotations

from tests.conftest import put, query, refresh
from tests.intranet.conftest import apache
from tests.quality.conftest import marts_figures, sample_workspace

INTRANET_TABLES = ["core.page_views", "core.visits", "staging.intranet_files"]


def intranet_checks(workspace) -> dict[str, set]:
    """Per intranet table: the (outcome, rows looked at, carried over unchanged) of its checks."""
    found = query(
        workspace,
        "select table_name, outcome, element_count, examples = ['passed: unchanged since the last validated refresh']"
        " from audit.checks where table_name in ? and check_name <> 'required_columns'",
        [INTRANET_TABLES],
    )
    checks = {}
    for table, outcome, elements, unchanged in found:
        checks.setdefault(table, set()).add((outcome, elements, unchanged))
    return checks


def test_a_second_refresh_checks_only_what_is_new(tmp_path):
    workspace = sample_workspace(tmp_path / "workspace")
    assert refresh(workspace).published
    logs, page_views, visits = query(
        workspace,
        "select (select count(*) from staging.intranet_files), (select count(*) from core.page_views),"
        " (select count(*) from core.visits)",
    )[0]
    assert logs == 2  # the sample workspace's Apache and IIS logs
    assert intranet_checks(workspace) == {
        "staging.intranet_files": {("passed", logs, False)},
        "core.page_views": {("passed", page_views, False)},
        "core.visits": {("passed", visits, False)},
    }
    figures = marts_figures(workspace)

    assert refresh(workspace).unchanged_since is not None  # nothing new: no step runs
    assert refresh(workspace, again=True).published  # every step runs, and finds nothing new
    assert intranet_checks(workspace) == {
        "staging.intranet_files": {("passed", logs, True)},
        "core.page_views": {("passed", page_views, True)},
        "core.visits": {("passed", visits, True)},
    }
    assert marts_figures(workspace) == figures

    put(
        workspace,
        "intranet/access-2025-06-04.log",
        "\n".join(
            [
                apache("04/Jun/2025:09:00:00 +0100", "/learning/law/coaching", user="zoe"),
                apache("04/Jun/2025:09:01:00 +0100", "/learning/law", user="zoe"),
                apache("04/Jun/2025:09:02:00 +0100", "/static/site.css", user="zoe"),
            ]
        )
        + "\n",
    )
    assert refresh(workspace).published
    checks = intranet_checks(workspace)
    assert checks["staging.intranet_files"] == {("passed", logs + 1, False)}
    assert checks["core.page_views"] == {("passed", page_views + 2, False)}
