"""Every warehouse table is an asset, and every asset waits for the tables its SQL reads (issue 12)."""

import re
from pathlib import Path

import dagster as dg
import duckdb

from pipelines.definitions import defs
from tests.conftest import REPO

LAYERS = ("staging", "core", "marts")
OUTSIDE_THE_GRAPH = ("audit", "quarantine", "meta")  # written by the audit and quality steps beside the assets
TABLE = re.compile(r"\b(staging|core|marts|audit|quarantine|meta)\.([a-z_0-9]+)\b")


def graph():
    return defs().resolve_asset_graph()


def test_each_sql_file_is_read_by_an_asset_that_waits_for_every_table_it_reads():
    assets = {tuple(key.path): key for key in graph().get_all_asset_keys()}
    unordered = []
    for sql in sorted((REPO / "pipelines").rglob("*.sql")):
        owner = assets.get(tuple(_built_table(sql) or ()))
        if owner is None:
            continue  # macros and shared wording, run inside another asset's step
        ancestors = graph().get_ancestor_asset_keys(owner)
        for schema, table in set(TABLE.findall(re.sub(r"--[^\n]*", "", sql.read_text(encoding="utf-8")))):
            read = assets.get((schema, table))
            if schema in OUTSIDE_THE_GRAPH or read == owner:
                continue
            if read is None or read not in ancestors:
                unordered.append(f"{sql.relative_to(REPO)} reads {schema}.{table}")
    assert unordered == []


def _built_table(sql: Path) -> tuple[str, str] | None:
    built = re.search(r"create (?:or replace )?(?:table|view) (\w+)\.(\w+)", sql.read_text(encoding="utf-8"))
    return (built[1], built[2]) if built and built[2] == sql.stem else None


def test_every_table_of_staging_core_and_marts_is_an_asset_and_every_asset_its_table(demo):
    with duckdb.connect(str(demo.warehouse), read_only=True) as connection:
        tables = {
            (schema, name)
            for schema, name in connection.execute(
                "select table_schema, table_name from information_schema.tables where table_schema in (?, ?, ?)",
                list(LAYERS),
            ).fetchall()
        }
    assets = {tuple(key.path) for key in graph().get_all_asset_keys() if key.path[0] in LAYERS}
    assert sorted(tables - assets) == [] and sorted(assets - tables) == []
    assert len(tables) > 50 and dg.AssetKey(["core", "page_views"]) in graph().get_all_asset_keys()
