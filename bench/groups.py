"""Figures of the table mixer on the social-golfer benchmark instances.

Usage: python bench/groups.py [golfer.tsv] [--seeds 5] [--time-limit 10] [--only NAME]...

Reads the instances (by default ../shared/bench/golfer.tsv next to the repository), runs
`formatkern.grouping.tables.mix` once per seed and prints a Markdown table: repeats (median,
best), the counting lower bound, seconds (median), the reference figure and whether the
project's target for the instance is met.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_TSV = REPO.parent / "shared" / "bench" / "golfer.tsv"

try:
    from formatkern.grouping.tables import mix
except ImportError:  # running from a checkout without installing
    sys.path.insert(0, str(REPO / "src"))
    from formatkern.grouping.tables import mix

TARGETS: dict[str, tuple[float, float | None]] = {
    "kirkman-15": (0, None),
    "golf-18-6x3-8": (0, None),
    "cafe-30-6x5-4": (0, None),
    "cafe-30-6x5-5": (0, None),
    "golf-32-8x4-8": (0, None),
    "golf-32-8x4-9": (2, None),
    "golf-32-8x4-10": (10, None),
    "hosts-32-8x4-10": (52, None),
    "cafe-35-7x5-5-hosts": (0, None),
    "uneven-23-5-4": (0, None),
    "large-200-40x5-4": (0, 2.0),
    "large-500-100x5-6": (0, 10.0),
}
"""name -> (largest median of repeats, largest median of seconds or None) the issue asks for."""


def read_instances(path: Path) -> list[dict[str, str]]:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = [line.split("\t") for line in lines if not line.startswith("#")]
    header, body = rows[0], rows[1:]
    return [dict(zip(header, row, strict=False)) for row in body]


def _number(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def _show(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tsv", nargs="?", type=Path, default=DEFAULT_TSV)
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--time-limit", type=float, default=10.0)
    parser.add_argument("--only", action="append", default=[])
    args = parser.parse_args(argv)
    instances = read_instances(args.tsv)
    print(
        "| instance | n | tables | rounds | hosts | bound | repeats median | best | "
        "seconds median | ref | target | method |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    missed = 0
    for row in instances:
        name = row["name"]
        if args.only and name not in args.only:
            continue
        n, tables, rounds = int(row["n"]), int(row["tables"]), int(row["rounds"])
        hosts = row["hosts"] == "1"
        results = [
            mix(n, tables=tables, rounds=rounds, hosts=hosts, seed=seed, time_limit=args.time_limit)
            for seed in range(args.seeds)
        ]
        repeats = statistics.median(r.repeats for r in results)
        seconds = statistics.median(r.seconds for r in results)
        ref = _number(row.get("ref", "-"))
        goal, time_goal = TARGETS.get(name, (float("inf"), None))
        ok = repeats <= goal and (ref is None or repeats < ref)
        ok = ok and (time_goal is None or seconds < time_goal)
        missed += not ok
        target = "" if goal == float("inf") else f"<= {_show(goal)}"
        if time_goal is not None:
            target += f" in < {_show(time_goal)} s"
        if ref is not None:
            target += f"{', ' if target else ''}< ref"
        methods = "/".join(sorted({r.method for r in results}))
        print(
            f"| {name} | {n} | {tables} | {rounds} | {'yes' if hosts else 'no'} | "
            f"{results[0].lower_bound} | {_show(repeats)} | {min(r.repeats for r in results)} | "
            f"{seconds:.2f} | {row.get('ref', '-')} | {target} {'ok' if ok else 'MISSED'} | "
            f"{methods} |",
            flush=True,
        )
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
