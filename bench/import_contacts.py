"""Importing contact exports: `outreach-helper import` beside a plain read of the same file.

    python -m bench.import_contacts [--connections 30000] [--cards 10000] [--repeat 3]
                                    [--keep DIR]

Generates a LinkedIn Connections.csv and a vCard file (bench.generate_contacts), then for each
times `outreach-helper import FILE` as a whole process on a fresh data folder (start-up,
detection, reading, matching, classification, the store writes and exit) and, as the floor, a
plain read of the same file: `csv.reader` over every row for the CSV, every line for the
vCards. Each is run `--repeat` times, alternating floor and import, and the median is judged:
on a shared virtual machine one run can be a quarter slower than the next.
Target (issue 4): each import under 5 s on this machine.
"""

from __future__ import annotations

import argparse
import csv
import json
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench.generate_contacts import write_connections_csv, write_vcards
from bench.import_mbox import import_command, run_measured

TARGET_S = 5.0


def csv_floor(path: Path) -> int:
    with path.open(encoding="utf-8-sig", newline="") as stream:
        return sum(1 for _ in csv.reader(stream))


def line_floor(path: Path) -> int:
    with path.open(encoding="utf-8") as stream:
        return sum(1 for _ in stream)


def timed(read: Callable[[Path], int], path: Path) -> float:
    started = time.perf_counter()
    read(path)
    return time.perf_counter() - started


def measure(path: Path, floor: Callable[[Path], int], folder: Path, repeat: int) -> dict:
    floors, imports, insides, peaks = [], [], [], []
    summary: dict = {}
    for _ in range(repeat):
        data_dir = folder / f"data-{path.stem}"
        shutil.rmtree(data_dir, ignore_errors=True)
        floors.append(timed(floor, path))
        imported = run_measured(import_command(path, data_dir))
        shutil.rmtree(data_dir, ignore_errors=True)
        summary = json.loads(imported.stdout)[0]
        imports.append(imported.seconds)
        insides.append(summary["seconds"])
        peaks.append(imported.peak_mb)
    return {
        "file": path.name,
        "format": summary["format"],
        "created": summary["created"],
        "floor_s": statistics.median(floors),
        "import_s": statistics.median(imports),
        "fastest_s": min(imports),
        "slowest_s": max(imports),
        "inside_s": statistics.median(insides),
        "peak_mb": max(peaks),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--connections", type=int, default=30_000)
    parser.add_argument("--cards", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each; the median counts")
    parser.add_argument("--keep", type=Path, help="write the generated files here and keep them")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        connections, cards = folder / "Connections.csv", folder / "contacts.vcf"
        write_connections_csv(connections, args.connections, seed=1)
        write_vcards(cards, args.cards, seed=1)
        rows = [
            measure(connections, csv_floor, folder, args.repeat),
            measure(cards, line_floor, folder, args.repeat),
        ]
    print(f"median of {args.repeat} runs each")
    print(
        "| file | records | plain read s (floor) | import s (whole process) | fastest-slowest s "
        "| of which import_file s | import / floor | peak MB |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for row in rows:
        print(
            f"| {row['file']} ({row['format']}) | {row['created']:,} | {row['floor_s']:.2f} "
            f"| {row['import_s']:.1f} | {row['fastest_s']:.1f}-{row['slowest_s']:.1f} "
            f"| {row['inside_s']:.1f} | {row['import_s'] / row['floor_s']:.0f}x "
            f"| {row['peak_mb']:.0f} |"
        )
    slow = [row["file"] for row in rows if row["import_s"] >= TARGET_S]
    print(
        f"target under {TARGET_S:.0f} s: " + ("met" if not slow else "missed by " + ", ".join(slow))
    )


if __name__ == "__main__":
    main()
