"""Loading the definitions declares every check without importing great_expectations (seconds of start-up)."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import REPO

PROBE = """
import sys
from pipelines.definitions import defs
graph = defs().resolve_asset_graph()
checks = {(key.asset_key.to_user_string(), key.name) for key in graph.asset_check_keys}
import pipelines.cli
print(len(checks))
print(("staging/roster", "email_unique_per_snapshot") in checks, ("core/attendance", "attendee_counted_once_per_session") in checks)
print("great_expectations" in sys.modules)
"""


def test_definitions_declare_the_checks_without_importing_great_expectations():
    result = subprocess.run([sys.executable, "-c", PROBE], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    count, found, imported = result.stdout.split("\n")[:3]
    assert int(count) >= 107  # the 107 expectations of the nine suites, one check each
    assert found == "True True"
    assert imported == "False"
