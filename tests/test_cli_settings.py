"""uptake.toml through `uptake refresh` (SPEC section 1, issue 11 point 10): every section and key is known,
every value of its type, or exit 2 naming it, with its [section] printed as written; nothing is run."""

from __future__ import annotations

from datetime import datetime

import pytest

from pipelines.defs.resources import RefreshRun
from pipelines.settings import load_settings
from tests.conftest import uptake_refresh
from tests.test_cli_reports_folder import flat


@pytest.mark.parametrize(
    "text, message",
    [
        (
            "[attendence]\nattended_share = 0.6\n",
            "unknown section [attendence] (did you mean attendance?); the sections are attendance,",
        ),
        (
            '[feedback]\nratng = "How was it?"\n',
            "unknown key ratng in [feedback] (did you mean rating?); its keys are session, rating, recommend.",
        ),
        (
            "min_cells = 10\n",
            "unknown setting min_cells outside any section (did you mean min_cell under [publication]?).",
        ),
        ("[publication]\nmin_cells = 10\n", "unknown key min_cells in [publication] (did you mean min_cell?)"),
        (
            '[programmes."LAW"]\nintranet_prefixes = "/law"\n',
            'unknown key intranet_prefixes in [programmes."LAW"] (did you mean intranet_prefix?)',
        ),
        (
            "[intranet]\nvisit_gap_minutes = 30.5\n",
            "[intranet] visit_gap_minutes = 30.5 must be a whole number from 1 to 1440.",
        ),
        ("[publication]\nmin_cell = 5.0\n", "[publication] min_cell = 5.0 must be a whole number from 1 to 1000."),
        ("[intranet]\ntimezone = 1\n", "[intranet] timezone = 1 must be text in quotes."),
        (
            '[refresh]\nmemory_limit = "lots"\n',
            "[refresh] memory_limit = 'lots' must be a size of at least 64MiB, such as \"2GiB\".",
        ),
        ("[refresh]\nmemory_limit = 2048\n", "[refresh] memory_limit = 2048 must be text in quotes."),
        (
            '[periods]\nyear_starts = "02-29"\n',
            "[periods] year_starts = '02-29' must be a month and day as MM-DD, such as \"04-01\".",
        ),
        (
            '[publication]\ngrade_order = "SO1, SO2"\n',
            "[publication] grade_order must be a list of grades in pay order",
        ),
    ],
    ids=[
        "section",
        "feedback key",
        "key outside a section",
        "key",
        "programme key",
        "float for int",
        "float for int 2",
        "number for text",
        "size",
        "size as a number",
        "month-day",
        "list",
    ],
)
def test_a_bad_setting_is_exit_2_naming_it(workspace, text, message):
    (workspace / "uptake.toml").write_text(text, encoding="utf-8")
    result = uptake_refresh(workspace)
    assert result.exit_code == 2, result.output
    assert flat(f"Settings problem: {workspace / 'uptake.toml'}: {message}") in flat(result.output), result.output
    assert not (workspace / "warehouse").exists()


def test_a_folder_given_as_the_settings_file_or_the_warehouse_is_exit_2(workspace):
    result = uptake_refresh(workspace, config=workspace / "raw")
    assert result.exit_code == 2, result.output
    assert flat(
        f"Settings problem: The settings file {workspace / 'raw'} is a folder: "
        "give --config (or UPTAKE_CONFIG) the uptake.toml file."
    ) in flat(result.output)
    (workspace / "store").mkdir()
    result = uptake_refresh(workspace, warehouse=workspace / "store")
    assert result.exit_code == 2, result.output
    assert flat(
        f"The warehouse {workspace / 'store'} is a folder: give --warehouse (or UPTAKE_WAREHOUSE) the DuckDB file, "
        f"such as {workspace / 'store' / 'uptake.duckdb'}."
    ) in flat(result.output)
    assert "Traceback" not in result.output


def test_a_settings_file_with_a_bom_is_read_and_every_new_setting_too(workspace):
    config = workspace / "uptake.toml"
    config.write_bytes(
        '\ufeff[publication]\nmin_cell = 10\ngrade_order = ["SO1", "SO2", "PO3"]\n'
        '[refresh]\nmemory_limit = "512MiB"\nas_of = 2025-06-30T18:00:00+00:00\n'
        '[periods]\nyear_starts = "01-01"\n'.encode("utf-8")
    )
    settings = load_settings(config_file=config)
    assert settings.min_cell == 10 and settings.grade_order == ["SO1", "SO2", "PO3"]
    assert settings.memory_limit == 512 * 1024 * 1024 and settings.year_starts == "01-01"
    assert settings.as_of == datetime(2025, 6, 30, 19, 0)  # 18:00 UTC is 19:00 in London in summer, shown as such
    assert load_settings(config_file=config).as_of.tzinfo is None
    assert RefreshRun.from_settings(settings).settings == settings  # the resource carries every setting, read once
    config.write_text('[refresh]\nmemory_limit = "1.5 GB"\n', encoding="utf-8")
    assert load_settings(config_file=config).memory_limit == 1_500_000_000
