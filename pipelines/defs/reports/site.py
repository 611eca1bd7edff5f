"""Building the published site from the marts: pages read marts, they never compute figures."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import duckdb
import plotly.graph_objects as go
from jinja2 import Environment, FileSystemLoader, select_autoescape
from plotly.offline import get_plotlyjs

TEMPLATES = Environment(loader=FileSystemLoader(Path(__file__).parent / "templates"), autoescape=select_autoescape(["html"]))


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "programme"


def build_site(connection: duckdb.DuckDBPyConnection, out: Path, as_of) -> list[Path]:
    """Write every page into `out` (a fresh folder); returns the pages written."""
    shutil.rmtree(out, ignore_errors=True)
    (out / "assets").mkdir(parents=True)
    (out / "assets" / "plotly.min.js").write_text(get_plotlyjs(), encoding="utf-8")
    programmes = connection.execute("select * from marts.programme_reach").df()
    pages = [_write(out / "index.html", "index.html", programmes=programmes.to_dict("records"), slug=slug, as_of=as_of, root="")]
    for programme in programmes.to_dict("records"):
        sessions = connection.execute(
            "select * from marts.session_metrics where programme = ? order by start", [programme["programme"]]
        ).df()
        chart = _sessions_chart(sessions)
        pages.append(
            _write(
                out / slug(programme["programme"]) / "index.html",
                "programme.html",
                programme=programme,
                sessions=sessions.to_dict("records"),
                chart=chart,
                as_of=as_of,
                root="../",
            )
        )
    return pages


def _sessions_chart(sessions) -> str:
    figure = go.Figure(go.Bar(x=sessions["attendances"], y=sessions["title"], orientation="h", marker_color="#1d70b8"))
    figure.update_layout(
        title="Attendances by session", height=max(300, 28 * len(sessions) + 120), margin=dict(l=10, r=10, t=50, b=40),
        yaxis=dict(autorange="reversed", automargin=True), xaxis_title="Attendances (people present, guests included)",
    )
    return figure.to_html(full_html=False, include_plotlyjs=False, config={"displaylogo": False, "responsive": True})


def _write(path: Path, template: str, **context) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(TEMPLATES.get_template(template).render(**context), encoding="utf-8")
    return path


def swap_in(built: Path, published: Path) -> None:
    """Replace the published folder with the built one, keeping the old one until the new is in place."""
    old = published.with_name(published.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if published.exists():
        published.rename(old)
    built.rename(published)
    shutil.rmtree(old, ignore_errors=True)
