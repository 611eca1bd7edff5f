"""`[periods] year_starts`: a month and day as "MM-DD", 1 April unless set."""

from __future__ import annotations

import pytest

from pipelines.settings import SettingsError, load_settings


def settings_with(tmp_path, text: str):
    config = tmp_path / "uptake.toml"
    config.write_text(text, encoding="utf-8")
    return load_settings(tmp_path / "raw", tmp_path / "w.duckdb", tmp_path / "reports", config)


def test_the_default_is_the_first_of_april(tmp_path):
    assert settings_with(tmp_path, "").year_starts == "04-01"
    assert settings_with(tmp_path, '[periods]\nyear_starts = "01-01"\n').year_starts == "01-01"


@pytest.mark.parametrize("value", ['"13-01"', '"02-29"', '"4-1"', "401", '"April"'])
def test_a_value_that_is_not_a_month_and_day_names_the_setting(tmp_path, value):
    with pytest.raises(SettingsError, match=r"\[periods\] year_starts"):
        settings_with(tmp_path, f"[periods]\nyear_starts = {value}\n")
