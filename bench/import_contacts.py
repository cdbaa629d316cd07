"""Importing contact exports: `outreach-helper import` beside a plain read of the same file.

    python -m bench.import_contacts [--connections 30000] [--cards 10000] [--keep DIR]

Generates a LinkedIn Connections.csv and a vCard file (bench.generate_contacts), then for each
times `outreach-helper import FILE` as a whole process on a fresh data folder (start-up,
detection, reading, matching, classification and the store writes) and, as the floor, a plain
read of the same file: `csv.reader` over every row for the CSV, every line for the vCards.
Target (issue 4): each import under 5 s on this machine.
"""

from __future__ import annotations

import argparse
import csv
import json
import shutil
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


def measure(path: Path, floor: Callable[[Path], int], folder: Path) -> dict:
    data_dir = folder / f"data-{path.stem}"
    shutil.rmtree(data_dir, ignore_errors=True)
    floor_s = timed(floor, path)
    imported = run_measured(import_command(path, data_dir))
    shutil.rmtree(data_dir, ignore_errors=True)
    summary = json.loads(imported.stdout)[0]
    return {
        "file": path.name,
        "format": summary["format"],
        "created": summary["created"],
        "floor_s": floor_s,
        "import_s": imported.seconds,
        "inside_s": summary["seconds"],
        "peak_mb": imported.peak_mb,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--connections", type=int, default=30_000)
    parser.add_argument("--cards", type=int, default=10_000)
    parser.add_argument("--keep", type=Path, help="write the generated files here and keep them")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        connections, cards = folder / "Connections.csv", folder / "contacts.vcf"
        write_connections_csv(connections, args.connections, seed=1)
        write_vcards(cards, args.cards, seed=1)
        rows = [measure(connections, csv_floor, folder), measure(cards, line_floor, folder)]
    print(
        "| file | records | plain read s (floor) | import s (whole process) "
        "| of which import_file s | import / floor | peak MB |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|")
    for row in rows:
        print(
            f"| {row['file']} ({row['format']}) | {row['created']:,} | {row['floor_s']:.2f} "
            f"| {row['import_s']:.1f} | {row['inside_s']:.1f} "
            f"| {row['import_s'] / row['floor_s']:.0f}x | {row['peak_mb']:.0f} |"
        )
    slow = [row["file"] for row in rows if row["import_s"] >= TARGET_S]
    print(
        f"target under {TARGET_S:.0f} s: " + ("met" if not slow else "missed by " + ", ".join(slow))
    )


if __name__ == "__main__":
    main()
