"""Resources: the warehouse (built in a working copy, swapped in on publication) and the settings.

Every way of running a refresh — `uptake refresh`, the UI, the schedule, the
sensor — runs the same assets with these resources in one process, so all go
through the same lock and the same publication step (`reports/assets.py`).
"""

from __future__ import annotations

import os
import shutil
from contextlib import contextmanager
from dataclasses import fields
from datetime import datetime
from pathlib import Path

import dagster as dg
import duckdb
from dagster_duckdb import DuckDBResource
from pydantic import PrivateAttr

from pipelines.inputs import inputs_digest
from pipelines.publication import recover, refresh_locks
from pipelines.settings import Settings
from pipelines.sql import prepare


class Warehouse(DuckDBResource):
    """The DuckDB warehouse. A run works on a copy; `publish()` swaps it in atomically.

    A refresh killed half-way therefore leaves the last good warehouse untouched. Before any
    work the run checks the reports folder is safe to replace and the warehouse safe to write, takes the
    warehouse's and the reports folder's locks, and puts back the last good pages if a crash interrupted
    their publication (again at the end, if their build failed).
    """

    raw_dir: str
    reports_dir: str
    memory_limit: int  # bytes: the whole refresh process's budget ([refresh] memory_limit)

    _working: Path | None = PrivateAttr(default=None)
    _connection: duckdb.DuckDBPyConnection | None = PrivateAttr(default=None)

    @property
    def published(self) -> Path:
        return Path(self.database)

    @property
    def working(self) -> Path:
        return self._working or self.published

    @property
    def spill(self) -> Path:
        """Where DuckDB writes what does not fit in its memory: beside the warehouse, removed when the refresh ends."""
        return self.published.with_name(self.published.name + ".spill.tmp")

    @contextmanager
    def yield_for_execution(self, context: dg.InitResourceContext):
        reports = Path(self.reports_dir).resolve()
        with refresh_locks(reports, Path(self.raw_dir), self.published):
            recover(reports)
            working = self.published.with_name(self.published.name + ".building")
            try:
                _remove_spill(self.published)  # a killed refresh leaves its own
                _remove_database(working)
                if self.published.exists():
                    shutil.copyfile(self.published, working)
                self._working = working
                yield self
            finally:
                self._close()
                self._working = None
                _remove_database(working)
                _remove_spill(self.published)
                recover(reports)  # pages whose build failed

    @contextmanager
    def get_connection(self):
        """A cursor on the run's one connection, opened and prepared (schemas, audit tables, macros) once per run:
        opening the file and preparing it at every step cost more than most steps' own work."""
        if self._connection is None:
            # DuckDB gets half the budget: the rest is Python's (pandas frames, Dagster, the pages).
            limits = {"memory_limit": f"{self.memory_limit // 2}B", "temp_directory": str(self.spill)}
            self._connection = duckdb.connect(str(self.working), config=limits)
            prepare(self._connection)
        cursor = self._connection.cursor()
        try:
            yield cursor
        finally:
            cursor.close()

    def publish(self) -> None:
        """Swap the finished working copy in place of the published warehouse."""
        if self._working is None:
            return
        with self.get_connection() as connection:
            connection.execute("checkpoint")
        self._close()
        os.replace(self._working, self.published)
        self._working = None

    def reopen(self) -> None:
        """Close the run's connection (a checkpoint): the next step opens the file again. DuckDB works harder on rows
        written by the database still open than on the same rows read back from the file: sessionising the
        2M-line bench log's requests took 3.1 CPU s in the instance that wrote them and 1.9 once reopened (the same
        after a checkpoint, ANALYZE or VACUUM). A step that has just written millions of rows hands them on so."""
        self._close()

    def _close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None


def _remove_database(path: Path) -> None:
    for leftover in (path, path.with_name(path.name + ".wal")):
        leftover.unlink(missing_ok=True)


def _remove_spill(warehouse: Path) -> None:
    """The spill folders of this warehouse: Uptake's own, and DuckDB's default ones an older Uptake left."""
    for suffix in (".spill.tmp", ".tmp", ".building.tmp"):
        shutil.rmtree(warehouse.with_name(warehouse.name + suffix), ignore_errors=True)


class RefreshRun(dg.ConfigurableResource):
    """What one refresh runs with: its settings (SPEC section 1, from the one Settings object, so uptake.toml is
    read once) and the moment it started (`as_of`), pinned for every step of the run."""

    raw_dir: str
    warehouse: str
    reports_dir: str
    config_file: str
    attended_share: float
    visit_gap_minutes: int
    window_days: int
    timezone: str
    min_cell: int
    feedback_questions: dict[str, str]
    intranet_prefixes: dict[str, list[str]]
    pinned_as_of: str | None  # [refresh] as_of, local time
    memory_limit: int
    grade_order: list[str]
    year_starts: str

    _as_of: datetime | None = PrivateAttr(default=None)
    _inputs: str | None = PrivateAttr(default=None)

    @classmethod
    def from_settings(cls, settings: Settings) -> RefreshRun:
        values = {item.name: getattr(settings, item.name) for item in fields(Settings)}
        as_of = values.pop("as_of")
        paths = {name: str(value) for name, value in values.items() if isinstance(value, Path)}
        return cls(**(values | paths), pinned_as_of=as_of.isoformat() if as_of else None)

    def setup_for_execution(self, context: dg.InitResourceContext) -> None:
        self._as_of = None
        self.as_of  # pinned at the start of the run
        self._inputs = inputs_digest(self.settings)  # what the run reads, as it starts

    @property
    def inputs(self) -> str | None:
        """The digest of the inputs as the run started (`pipelines.inputs`), recorded when it publishes."""
        return self._inputs

    @property
    def settings(self) -> Settings:
        values = {item.name: getattr(self, item.name) for item in fields(Settings) if item.name != "as_of"}
        paths = {name: Path(values[name]) for name in ("raw_dir", "warehouse", "reports_dir", "config_file")}
        as_of = datetime.fromisoformat(self.pinned_as_of) if self.pinned_as_of else None
        return Settings(**(values | paths), as_of=as_of)

    @property
    def as_of(self) -> datetime:
        """The moment the refresh started (local time), unless `[refresh] as_of` pins it."""
        if self._as_of is None:
            settings = self.settings
            self._as_of = settings.as_of or datetime.now(settings.zone).replace(tzinfo=None, microsecond=0)
        return self._as_of


def build_resources(settings: Settings) -> dict:
    """The resources every refresh runs with, from the one Settings object."""
    warehouse = Warehouse(
        database=str(settings.warehouse),
        raw_dir=str(settings.raw_dir),
        reports_dir=str(settings.reports_dir),
        memory_limit=settings.memory_limit,
    )
    return {"warehouse": warehouse, "refresh": RefreshRun.from_settings(settings)}
