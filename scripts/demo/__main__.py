"""Write the demo data: `python -m scripts.demo --out data/raw --seed 2025 [--scale 1|10|100] [--log-lines N]`."""

from __future__ import annotations

import argparse
from pathlib import Path

from scripts.demo.build import generate
from scripts.demo.figures import expected_figures, expected_log_lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=Path("data/raw"), help="the raw folder to write (default data/raw)")
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--scale", type=int, default=1, help="multiply staff, attendance and traffic (1, 10, 100)")
    parser.add_argument("--log-lines", type=int, default=None, help="pad the plain Apache log to this many lines")
    args = parser.parse_args(argv)
    model = generate(args.out, args.seed, args.scale, args.log_lines)
    for programme, figure in expected_figures(model).items():
        print(programme)
        for name, value in figure.items():
            print(f"  {name}: {value}")
    if args.log_lines is None:
        for name, counts in expected_log_lines(model).items():
            print(f"{name}: {counts}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
