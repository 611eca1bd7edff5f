"""The seeded log generator (bench and demo data) writes lines the loader reads as the real thing."""

from __future__ import annotations

import gzip
from datetime import datetime

from bench.weblogs import write_combined_log
from pipelines.formats.weblog import COMBINED, load_requests

PAGES = ["/learning/law", "/learning/law/coaching"]
USERS = ["alice", "bob", "carol"]


def test_same_seed_same_bytes(tmp_path):
    def generate(folder: str, name: str):
        (tmp_path / folder).mkdir(exist_ok=True)
        return write_combined_log(
            tmp_path / folder / name, 500, 3, datetime(2025, 6, 1), datetime(2025, 6, 8), PAGES, USERS
        )

    plain, zipped = generate("one", "access.log"), generate("one", "access.log.gz")
    zipped_again = generate("two", "access.log.gz")

    assert zipped.read_bytes() == zipped_again.read_bytes()
    assert gzip.decompress(zipped.read_bytes()) == plain.read_bytes()


def test_generated_log_loads_with_only_its_deliberate_rejects(warehouse, tmp_path):
    path = write_combined_log(
        tmp_path / "access.log", 5000, 11, datetime(2025, 3, 29), datetime(2025, 4, 2), PAGES, USERS
    )
    text = path.read_text(encoding="utf-8")
    deliberate = text.count('"-" 408') + text.count("garbled handshake")

    load = load_requests(warehouse, path, "generated")

    assert (load.format, load.rows_read) == (COMBINED, 5000)
    assert load.rejects_total == deliberate
    # The clocks went forward on 30 March: both offsets appear, and times stay in order.
    assert "+0000]" in text and "+0100]" in text
    assert warehouse.execute(
        "select count(*) from (select requested_at < lag(requested_at) over (order by line) as back"
        " from staging.intranet_requests) where back"
    ).fetchone() == (0,)
