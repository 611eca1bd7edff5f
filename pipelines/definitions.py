"""The code location: every asset, check, job, schedule and sensor under defs/, with resources built from settings."""

from pathlib import Path

import dagster as dg

from pipelines.defs.resources import build_resources
from pipelines.settings import Settings, load_settings


def definitions_for(settings: Settings) -> dg.Definitions:
    """The definitions every refresh runs, with resources built from these settings (`uptake refresh` gives its own)."""
    return dg.Definitions.merge(
        dg.load_from_defs_folder(path_within_project=Path(__file__).parent),
        dg.Definitions(resources=build_resources(settings), executor=dg.in_process_executor),
    )


@dg.definitions
def defs() -> dg.Definitions:
    """What the UI, the schedule and the sensor load: the settings from UPTAKE_* and uptake.toml, read once per load."""
    return definitions_for(load_settings())
