"""The salt of the hashed person keys: beside the warehouse, made on first run, never committed."""

from __future__ import annotations

import secrets
from pathlib import Path


def salt_for(warehouse: Path) -> str:
    """The salt beside `warehouse`, made on first use."""
    path = Path(warehouse).with_name("person_key.salt")
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_hex(32), encoding="utf-8")
    return path.read_text(encoding="utf-8").strip()
