"""Resources: the warehouse (built in a working copy, swapped in on publication) and the settings.

Every way of running a refresh — `uptake refresh`, the UI, the schedule, the
sensor — runs the same assets with these resources in one process, so all go
through the same lock and the same publication step (`reports/assets.py`).
"""

from __future__ import annotations

import os
import shutil
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import dagster as dg
import duckdb
from dagster_duckdb import DuckDBResource
from pydantic import PrivateAttr

from pipelines.publication import check_reports, held, recover
from pipelines.settings import Settings, load_settings


class Warehouse(DuckDBResource):
    """The DuckDB warehouse. A run works on a copy; `publish()` swaps it in atomically.

    A refresh killed half-way therefore leaves the last good warehouse untouched. Before any
    work the run checks the reports folder is safe to replace, takes the warehouse's and the
    reports folder's locks, and puts back the last good pages if a crash interrupted their swap.
    """

    raw_dir: str
    reports_dir: str

    _working: Path | None = PrivateAttr(default=None)

    @property
    def published(self) -> Path:
        return Path(self.database)

    @property
    def working(self) -> Path:
        return self._working or self.published

    @contextmanager
    def yield_for_execution(self, context: dg.InitResourceContext):
        reports = Path(self.reports_dir).resolve()
        check_reports(reports, Path(self.raw_dir), self.published)
        warehouse_lock = self.published.with_name(self.published.name + ".lock")
        reports_lock = reports.with_name(reports.name + ".lock")
        with (
            held(warehouse_lock, f"Another refresh is running on {self.published}", f"publishing into {reports}"),
            held(reports_lock, f"Another refresh is publishing into {reports}", f"the refresh of {self.published}"),
        ):
            recover(reports)
            working = self.published.with_name(self.published.name + ".building")
            try:
                _remove_database(working)
                if self.published.exists():
                    shutil.copyfile(self.published, working)
                self._working = working
                yield self
            finally:
                self._working = None
                _remove_database(working)

    @contextmanager
    def get_connection(self):
        connection = duckdb.connect(str(self.working))
        try:
            yield connection
        finally:
            connection.close()

    def publish(self) -> None:
        """Swap the finished working copy in place of the published warehouse."""
        if self._working is None:
            return
        with self.get_connection() as connection:
            connection.execute("checkpoint")
        os.replace(self._working, self.published)
        self._working = None


def _remove_database(path: Path) -> None:
    for leftover in (path, path.with_name(path.name + ".wal")):
        leftover.unlink(missing_ok=True)


class Uptake(dg.ConfigurableResource):
    """The refresh's settings (paths and `uptake.toml`), read once per run."""

    raw_dir: str
    reports_dir: str
    config_file: str
    warehouse: str

    _settings: Settings | None = PrivateAttr(default=None)
    _as_of: datetime | None = PrivateAttr(default=None)

    def setup_for_execution(self, context: dg.InitResourceContext) -> None:
        self._settings, self._as_of = None, None
        self.as_of  # pinned at the start of the run

    @property
    def settings(self) -> Settings:
        if self._settings is None:
            self._settings = load_settings(self.raw_dir, self.warehouse, self.reports_dir, self.config_file)
        return self._settings

    @property
    def as_of(self) -> datetime:
        """The moment the refresh started (local time), unless `[refresh] as_of` pins it."""
        if self._as_of is None:
            self._as_of = self.settings.as_of or datetime.now(self.settings.zone).replace(tzinfo=None, microsecond=0)
        return self._as_of


def build_resources(settings: Settings) -> dict:
    return {
        "warehouse": Warehouse(database=str(settings.warehouse), raw_dir=str(settings.raw_dir), reports_dir=str(settings.reports_dir)),
        "uptake": Uptake(
            raw_dir=str(settings.raw_dir),
            reports_dir=str(settings.reports_dir),
            config_file=str(settings.config_file),
            warehouse=str(settings.warehouse),
        ),
    }


@dg.definitions
def resources() -> dg.Definitions:
    return dg.Definitions(resources=build_resources(load_settings()), executor=dg.in_process_executor)
