"""Loading the definitions declares every check without importing great_expectations (seconds of start-up)."""

from __future__ import annotations

import subprocess
import sys

import dagster as dg

from pipelines.defs.quality.validate import suites
from tests.conftest import REPO

PROBE = """
import sys
from pipelines.definitions import defs
graph = defs().resolve_asset_graph()
checks = {(key.asset_key.to_user_string(), key.name) for key in graph.asset_check_keys}
import pipelines.cli
print(len(checks))
print(("staging/roster", "email_unique_per_snapshot") in checks, ("core/visits", "visit_id_unique") in checks)
print("great_expectations" in sys.modules)
"""


def test_definitions_declare_the_checks_without_importing_great_expectations():
    result = subprocess.run([sys.executable, "-c", PROBE], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    count, found, imported = result.stdout.split("\n")[:3]
    assert int(count) == sum(len(suite.rules) for suite in suites()) > 100  # one check per expectation of every suite
    assert found == "True True"
    assert imported == "False"


def test_every_checked_table_is_written_by_an_asset_upstream_of_the_publication_step():
    """So its checks run in every refresh, gate publication, and fill audit.checks before the pages are built."""
    from pipelines.definitions import defs

    graph = defs().resolve_asset_graph()
    published_from = graph.get_ancestor_asset_keys(dg.AssetKey(["reports", "site"]))
    for suite in suites():
        assert dg.AssetKey(list(suite.asset_key)) in published_from, suite.table
