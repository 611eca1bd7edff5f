"""Finding the raw files: every file under the raw folder, those no source reads set aside with the reason,
each named safely and hashed, identical copies found."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class RawFile:
    path: Path
    name: str  # relative to the raw folder, with forward slashes
    sha256: str


def found_paths(raw_dir: Path, folder: str) -> list[Path]:
    """Every file under raw/<folder>, sorted: the audit lists each of them."""
    base = Path(raw_dir) / folder
    return sorted(path for path in base.rglob("*") if path.is_file()) if base.is_dir() else []


def set_aside(raw_dir: Path, path: Path) -> str | None:
    """Why a file found under the raw folder is not read whatever its content, or None."""
    relative = path.relative_to(raw_dir)
    if safe_name(relative) != relative.as_posix():
        return "not read: its name has bytes that are not text (as in zips made on some Windows PCs); rename it"
    if path.name.startswith("~$"):
        return "not read: an Office lock file, left while the workbook is open"
    if any(part.startswith(".") for part in relative.parts):
        return "not read: a hidden file (its name or folder starts with a dot); rename it if it is an export"
    return None


def safe_name(relative: Path) -> str:
    """A file's name relative to the raw folder, with forward slashes; undecodable bytes shown as \\xff."""
    return os.fsencode(relative.as_posix()).decode("utf-8", "backslashreplace")


def raw_files(raw_dir: Path, folder: str) -> list[RawFile]:
    """The files under raw/<folder> a source reads (those not `set_aside`), each with its safe name and SHA-256."""
    return [raw_file(raw_dir, path) for path in found_paths(raw_dir, folder) if set_aside(raw_dir, path) is None]


def raw_file(raw_dir: Path, path: Path) -> RawFile:
    return RawFile(path, safe_name(path.relative_to(raw_dir)), sha256_of(path))


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def split_duplicates(files: Iterable[RawFile]) -> tuple[list[RawFile], dict[RawFile, RawFile]]:
    """The files to read, and each copy of an identical file with the one read instead.

    Of identical files the one with the shortest name is read ("report.csv" before "report (1).csv").
    """
    first_by_hash: dict[str, RawFile] = {}
    unique, copies = [], {}
    for raw in sorted(files, key=lambda raw: (len(raw.name), raw.name)):
        if raw.sha256 in first_by_hash:
            copies[raw] = first_by_hash[raw.sha256]
        else:
            first_by_hash[raw.sha256] = raw
            unique.append(raw)
    return sorted(unique, key=lambda raw: raw.name), copies
