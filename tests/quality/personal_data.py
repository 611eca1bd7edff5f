"""Finding personal data in a warehouse: the values of core and marts that look like an e-mail or an IP
address, or equal a roster name or Employee ID (SPEC section 4: those stay in staging)."""

from __future__ import annotations

import ipaddress
import re
from pathlib import Path

import duckdb

EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
IP_LIKE = re.compile(r"[0-9A-Fa-f:.]*[.:][0-9A-Fa-f:.]*")  # candidates, confirmed by the ipaddress module
PUBLIC_SCHEMAS = ("core", "marts")


def looks_like_ip(text: str) -> bool:
    for candidate in IP_LIKE.findall(text):
        try:
            ipaddress.ip_address(candidate.strip(".:") if candidate.count(":") < 2 else candidate)
            return True
        except ValueError:
            continue
    return False


def personal_values(warehouse: Path) -> tuple[list[tuple[str, str, str]], int]:
    """(table, column, why) for each offending column, and how many text values were looked at.

    Text columns only: a number or a date can hold neither an e-mail, an address nor a name,
    and a count could equal a numeric Employee ID by chance.
    """
    found, looked_at = [], 0
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        names = {
            value.lower()
            for (value,) in connection.execute(
                "select distinct trim(name) from staging.roster where name is not null"
            ).fetchall()
        }
        ids = {
            value.lower()
            for (value,) in connection.execute("select distinct trim(employee_id) from staging.roster").fetchall()
        }
        columns = connection.execute(
            "select table_schema, table_name, column_name from information_schema.columns "
            "where table_schema in ? and (data_type like 'VARCHAR%' or data_type like 'JSON%') order by all",
            [list(PUBLIC_SCHEMAS)],
        ).fetchall()
        for schema, table, column in columns:
            values = connection.execute(
                f'select distinct cast("{column}" as varchar) from "{schema}"."{table}" where "{column}" is not null'
            ).fetchall()
            looked_at += len(values)
            for (value,) in values:
                why = (
                    "an e-mail"
                    if EMAIL.search(value)
                    else "an IP address"
                    if looks_like_ip(value)
                    else "a roster name"
                    if value.strip().lower() in names
                    else "an Employee ID"
                    if value.strip().lower() in ids
                    else None
                )
                if why:
                    found.append((f"{schema}.{table}", column, f"{why}: {value[:60]}"))
                    break
    return found, looked_at
