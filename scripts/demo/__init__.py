"""Seeded demo data: a believable council's exports, written byte for byte as the real tools write them.

    python -m scripts.demo --out data/raw --seed 2025 [--scale 1|10|100] [--log-lines N]

Why a generator rather than hand-made files: the demo must be big enough to tell
the SPEC's stories (26 labs, over 500 participants, 48% engaged, action learning
sets that mostly complete) yet reproducible, and the benchmarks need the same
shapes at 10 and 100 times the size. The same seed gives byte-identical files: no
clock is read, no set is iterated, zip and gzip timestamps are fixed.

The package keeps an in-memory model of what really happened (`model`, built by
`roster`, `catalogue`, `attendance`, `feedback` and `intranet` from the council of
`council`) and renders it into the export formats of SPEC section 2, quirks
included (one module per format under `exports/`, the byte writers in `files`;
samples of the real formats are in tests/fixtures/formats). `figures` derives from
that model, by the SPEC's rules, the headline figures the pipeline should
reproduce from the files alone.
"""

from scripts.demo.build import build_model, generate, render
from scripts.demo.figures import expected_figures, expected_log_lines

__all__ = ["build_model", "expected_figures", "expected_log_lines", "generate", "render"]
