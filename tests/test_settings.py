"""Settings: options over environment over defaults; a bad uptake.toml is exit status 2."""

from datetime import datetime
from pathlib import Path

import pytest

from pipelines.settings import SettingsError, load_settings


def test_defaults_when_nothing_is_set(workspace, monkeypatch):
    monkeypatch.chdir(workspace)
    settings = load_settings()
    assert settings.raw_dir == Path("data/raw")
    assert settings.warehouse == Path("data/warehouse/uptake.duckdb")
    assert settings.reports_dir == Path("reports")
    assert (settings.attended_share, settings.visit_gap_minutes, settings.window_days, settings.min_cell) == (
        0.5,
        30,
        14,
        5,
    )
    assert settings.timezone == "Europe/London" and settings.as_of is None


def test_option_beats_environment_beats_default(workspace, monkeypatch):
    monkeypatch.chdir(workspace)
    monkeypatch.setenv("UPTAKE_RAW_DIR", "from-env")
    monkeypatch.setenv("UPTAKE_REPORTS_DIR", "pages-env")
    settings = load_settings(raw_dir="from-option")
    assert settings.raw_dir == Path("from-option")
    assert settings.reports_dir == Path("pages-env")


def test_every_setting_of_the_spec_is_read(workspace):
    config = workspace / "uptake.toml"
    config.write_text(
        """
[attendance]
attended_share = 0.75
[intranet]
visit_gap_minutes = 20
window_days = 7
timezone = "Europe/Dublin"
[publication]
min_cell = 10
[feedback]
rating = "How was it?"
[programmes."Learning at Work Week 2025"]
intranet_prefix = "/learning/law"
[refresh]
as_of = 2025-06-30T18:00:00
""",
        encoding="utf-8",
    )
    settings = load_settings(config_file=config)
    assert settings.attended_share == 0.75
    assert (settings.visit_gap_minutes, settings.window_days, settings.timezone, settings.min_cell) == (
        20,
        7,
        "Europe/Dublin",
        10,
    )
    assert settings.feedback_questions == {"rating": "How was it?"}
    assert settings.intranet_prefixes == {"Learning at Work Week 2025": ["/learning/law"]}
    assert settings.as_of == datetime(2025, 6, 30, 18, 0)


@pytest.mark.parametrize(
    "text, message",
    [
        ("[attendance\nattended_share = 0.5", "cannot be read"),
        ("[attendance]\nattended_share = 2", "attended_share = 2 must be a number from 0.0 to 1.0"),
        ('[intranet]\ntimezone = "Mars/Olympus"', "not a known time zone"),
        ('[programmes."X"]\nintranet_prefix = "learning"', 'must be a path starting with "/"'),
        ('[refresh]\nas_of = "soon"', "is not a date and time"),
    ],
)
def test_bad_settings_are_named(workspace, text, message):
    config = workspace / "uptake.toml"
    config.write_text(text, encoding="utf-8")
    with pytest.raises(SettingsError, match=message.replace("(", r"\(").replace(")", r"\)")):
        load_settings(config_file=config)


def test_a_named_settings_file_must_exist(workspace):
    with pytest.raises(SettingsError, match="does not exist"):
        load_settings(config_file=workspace / "missing.toml")
