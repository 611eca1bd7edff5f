"""Building the model and writing every file."""

from __future__ import annotations

from pathlib import Path

from scripts.demo.attendance import Attendance
from scripts.demo.catalogue import build_catalogue
from scripts.demo.council import LAW_RENAMED
from scripts.demo.exports.attendance import attendance_files
from scripts.demo.exports.catalogue import catalogue_file, corrections_file
from scripts.demo.exports.google_forms import google_forms_file
from scripts.demo.exports.msforms import msforms_files
from scripts.demo.exports.roster import roster_files
from scripts.demo.exports.surveymonkey import surveymonkey_file
from scripts.demo.exports.weblogs import intranet_files
from scripts.demo.feedback import build_feedback
from scripts.demo.intranet import build_intranet
from scripts.demo.last_year import last_year
from scripts.demo.model import Model
from scripts.demo.roster import build_roster


def build_model(seed: int = 2025, scale: int = 1) -> Model:
    snapshots, special = build_roster(seed, scale)
    sessions = build_catalogue(scale)
    builder = Attendance(seed, scale, snapshots, special, sessions)
    attendance, unrecorded = builder.build()
    stray = builder.stray_meeting()
    responses = build_feedback(seed, sessions, attendance, unrecorded)
    requests, garbage = build_intranet(seed, scale, snapshots, sessions, attendance, unrecorded, responses)
    sam = special["sam"][0]
    corrections = [("person", "Sam's iPad", sam.employee_id), ("session", LAW_RENAMED[1], LAW_RENAMED[0])]
    # Last year comes last, from its own random streams: this year's model above stays as it was.
    snapshots_2024, sessions_2024, attendance_2024 = last_year(seed, scale, snapshots, sessions)
    return Model(
        seed,
        scale,
        {**snapshots_2024, **snapshots},
        sessions + sessions_2024,
        {**attendance, **attendance_2024},
        unrecorded,
        stray,
        responses,
        requests,
        garbage,
        corrections,
        special["lod"],
    )


def render(model: Model, log_lines: int | None = None, out: Path | None = None) -> dict[str, bytes]:
    """Every demo file as bytes, keyed by its path under the raw folder."""
    files = {}
    for part in (
        roster_files(model),
        catalogue_file(model),
        corrections_file(model),
        attendance_files(model),
        msforms_files(model.responses),
        google_forms_file(model.responses),
        surveymonkey_file(model.responses),
        intranet_files(model, log_lines, out),
    ):
        files.update(part)
    return files


def generate(out: Path, seed: int = 2025, scale: int = 1, log_lines: int | None = None) -> Model:
    out = Path(out)
    model = build_model(seed, scale)
    files = render(model, log_lines, out)
    for name, data in sorted(files.items()):
        path = out / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    written = set(files) | ({"intranet/access.log"} if log_lines is not None else set())
    stale = sorted(
        str(p.relative_to(out)) for p in out.rglob("*") if p.is_file() and str(p.relative_to(out)) not in written
    )
    for name in stale:
        print(f"note: {name} was not written by this run (left as it is)")
    return model
