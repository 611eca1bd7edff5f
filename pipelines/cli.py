"""`uptake`: the commands an L&OD officer runs (SPEC section 1).

Exit status: 0 published; 1 a blocking data-quality check failed or a required input
is missing (reports not overwritten, the failure named); 2 bad usage or configuration.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from pipelines.settings import Settings, SettingsError, load_settings

app = typer.Typer(
    help="Uptake: reach figures and reports for learning and development programmes.",
    no_args_is_help=True,
    add_completion=False,
)
console = Console(stderr=True, soft_wrap=True)  # long paths and reasons stay on one line

RawOption = Annotated[
    Path | None, typer.Option("--raw", help="Folder of exports [env UPTAKE_RAW_DIR; default data/raw]")
]
WarehouseOption = Annotated[
    Path | None,
    typer.Option("--warehouse", help="DuckDB file [env UPTAKE_WAREHOUSE; default data/warehouse/uptake.duckdb]"),
]
ReportsOption = Annotated[
    Path | None, typer.Option("--reports", help="Published pages [env UPTAKE_REPORTS_DIR; default reports]")
]
ConfigOption = Annotated[
    Path | None, typer.Option("--config", help="Settings file [env UPTAKE_CONFIG; default uptake.toml]")
]


def _settings(raw, warehouse, reports, config) -> Settings:
    try:
        return load_settings(raw, warehouse, reports, config)
    except SettingsError as error:
        console.print(f"[red]Settings problem:[/red] {escape(str(error))}")
        raise typer.Exit(2) from None


def _refresh(settings: Settings, again: bool = False) -> int:
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from pipelines.publication import RefreshBusy, UnsafePaths
    from pipelines.refresh import run_refresh

    if not settings.raw_dir.is_dir():
        console.print(
            f"[red]The raw folder {escape(str(settings.raw_dir))} does not exist.[/red] "
            "Put the exports there, or give --raw."
        )
        return 2
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total} steps"),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as progress:
        task = progress.add_task("Starting the refresh", total=None)

        def on_step(kind: str, step: str) -> None:
            if kind == "STEP_START":
                progress.update(task, description=f"Running {step}")
            else:
                progress.advance(task)

        try:
            outcome = run_refresh(settings, on_step, again)
        except RefreshBusy as busy:
            console.print(f"[red]{escape(str(busy))}[/red]")
            return 1
        except UnsafePaths as unsafe:
            console.print(f"[red]Bad usage:[/red] {escape(str(unsafe))}")
            return 2
    if outcome.warnings:
        console.print(
            f"[yellow]{len(outcome.warnings)} data-quality warning(s)[/yellow] (listed on data-quality.html):"
        )
        for warning in outcome.warnings:
            console.print(f"  - {escape(warning)}", highlight=False)
    if outcome.unchanged_since is not None:
        console.print(
            f"[green]Nothing new[/green] since the reports were published at {outcome.unchanged_since:%d %B %Y %H:%M}:"
            f" those in {escape(str(settings.reports_dir.resolve()))} are up to date (--again runs every step anyway)."
        )
        return 0
    if outcome.published:
        console.print(
            f"[green]Reports published[/green] in {escape(str(settings.reports_dir.resolve()))} (open index.html)."
        )
        return 0
    from pipelines.status import log_path, record_failure

    record_failure(settings, outcome.failures)
    console.print("[red]The refresh stopped: the last published reports were left as they were.[/red]")
    console.print(
        f"The reason is also in {escape(str(log_path(settings).resolve()))} "
        "and on the banner of the published index page."
    )
    for failure in outcome.failures:
        console.print(f"  - {escape(failure)}", highlight=False)
    return 1


@app.command()
def refresh(
    raw: RawOption = None,
    warehouse: WarehouseOption = None,
    reports: ReportsOption = None,
    config: ConfigOption = None,
    again: Annotated[
        bool, typer.Option("--again", help="Run every step even when nothing is new since the last publication")
    ] = False,
) -> None:
    """Read every export, check it, compute the figures and publish the reports."""
    raise typer.Exit(_refresh(_settings(raw, warehouse, reports, config), again))


@app.command()
def demo() -> None:
    """Build the demo reports from the committed demo data (as of 30 June 2025: data/demo.toml)."""
    settings = _settings(
        Path("data/raw"), Path("data/warehouse/uptake.duckdb"), Path("reports"), Path("data/demo.toml")
    )
    code = _refresh(settings)
    if code == 0:
        console.print(f"Demo reports: {escape(str((settings.reports_dir / 'index.html').resolve()))}")
    raise typer.Exit(code)


def _dagster(arguments: list[str]) -> int:
    """Run a Dagster command on these definitions, with a lasting instance beside the warehouse."""
    from pipelines.publication import warehouse_problem

    settings = _settings(None, None, None, None)
    problem = warehouse_problem(settings.warehouse, settings.raw_dir)  # Dagster's history would go beside it
    if problem:
        console.print(f"[red]Bad usage:[/red] {escape(problem)}")
        return 2
    home = Path(os.environ.get("DAGSTER_HOME") or settings.warehouse.parent / "dagster").resolve()
    home.mkdir(parents=True, exist_ok=True)
    environment = {**os.environ, "DAGSTER_HOME": str(home)}
    return subprocess.call([sys.executable, "-m", *arguments, "-m", "pipelines.definitions"], env=environment)


@app.command()
def ui(port: Annotated[int, typer.Option(help="Port on 127.0.0.1")] = 3000) -> None:
    """Open the Dagster UI on the same definitions (on this computer only: 127.0.0.1)."""
    raise typer.Exit(_dagster(["dagster_webserver", "-h", "127.0.0.1", "-p", str(port)]))


@app.command()
def serve(port: Annotated[int, typer.Option(help="Port on 127.0.0.1")] = 3000) -> None:
    """Run Uptake unattended: the scheduler (Mondays 06:00), the new-file sensor and the UI, until stopped."""
    raise typer.Exit(_dagster(["dagster", "dev", "-h", "127.0.0.1", "-p", str(port)]))


if __name__ == "__main__":
    app()
