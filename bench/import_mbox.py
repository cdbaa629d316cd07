"""Importing a mailbox: `outreach-helper import` against the stdlib baseline, in one run.

    python -m bench.import_mbox [--sizes 10000 100000] [--keep DIR]

For each size N a realistic mbox is generated (bench.generate_mbox: encoded names, multipart
bodies with attachments, list and automated mail, replies; about 15 KB a message), then
measured, each in a process of its own so that its peak memory belongs to it alone:
- raw read: the file read in 4 MB chunks, the physical floor;
- baseline: `mailbox.mbox` iterating keys, `BytesHeaderParser` on each message's bytes and
  `getaddresses` on From/To/Cc, storing nothing (bench.mail_baseline);
- import: `outreach-helper import FILE` as a whole process on a fresh data folder, with its
  store writes (start-up included).
Peak memory is the child's ru_maxrss from os.wait4. Targets: the import is at least 3x faster
than the baseline at 10,000 messages and 5x at 100,000 (SPEEDUP_TARGETS); its peak memory stays
under 200 MB and within ±20% between the smallest and the largest N. The load average is
printed with the table: on a shared machine every figure moves with it.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from bench.generate_mbox import write_mbox
from bench.installed import installed_environment

REPO_ROOT = Path(__file__).resolve().parents[1]
# Messages -> how many times faster than the baseline the import must be from that size on.
SPEEDUP_TARGETS = {0: 3.0, 100_000: 5.0}
PEAK_LIMIT_MB = 200
PEAK_SPREAD = 0.20


@dataclass
class Measured:
    seconds: float
    peak_mb: float
    stdout: str


def run_measured(command: list[str]) -> Measured:
    """Run a child process; its wall time and peak resident memory (os.wait4's rusage)."""
    started = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        child = subprocess.Popen(
            command, stdout=out, stderr=err, cwd=REPO_ROOT, env=installed_environment()
        )
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - started
        out.seek(0)
        err.seek(0)
        if child.returncode:
            raise SystemExit(f"{command} failed: {err.read().decode(errors='replace')[-2000:]}")
        # ru_maxrss is in kilobytes on Linux (getrusage(2)).
        return Measured(seconds, usage.ru_maxrss / 1024, out.read().decode())


def import_command(path: Path, data_dir: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "helper",
        "import",
        "--data-dir",
        str(data_dir),
        "--json",
        str(path),
    ]


def reader(which: str, path: Path) -> Measured:
    """One of bench.mail_baseline's readers; its own timing excludes interpreter start-up."""
    command = [sys.executable, "-m", "bench.mail_baseline", "--measure", which, "--file", str(path)]
    measured = run_measured(command)
    measured.seconds = json.loads(measured.stdout)["seconds"]
    return measured


def measure_size(count: int, folder: Path) -> dict:
    path = folder / f"bench-{count}.mbox"
    if not path.exists():
        print(f"generating {count:,} messages…", file=sys.stderr)
        write_mbox(path, count)
    data_dir = folder / f"data-{count}"
    shutil.rmtree(data_dir, ignore_errors=True)
    print(f"measuring {count:,} messages…", file=sys.stderr)
    raw = reader("raw", path)
    baseline = reader("baseline", path)
    imported = run_measured(import_command(path, data_dir))
    summary = json.loads(imported.stdout)[0]
    shutil.rmtree(data_dir, ignore_errors=True)
    return {
        "messages": count,
        "megabytes": path.stat().st_size / 1e6,
        "raw": raw,
        "baseline": baseline,
        "import": imported,
        "created": summary["created"],
        "skipped": summary["skipped"],
    }


def print_table(rows: list[dict]) -> None:
    print(
        "| messages | file MB | raw read s | stdlib baseline s | import s (whole process) "
        "| import vs baseline | import peak MB | baseline peak MB |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for row in rows:
        ratio = row["baseline"].seconds / row["import"].seconds
        print(
            f"| {row['messages']:,} | {row['megabytes']:,.0f} | {row['raw'].seconds:.2f} "
            f"| {row['baseline'].seconds:.1f} | {row['import'].seconds:.1f} | {ratio:.1f}x faster "
            f"| {row['import'].peak_mb:.0f} | {row['baseline'].peak_mb:.0f} |"
        )


def speedup_target(messages: int) -> float:
    return SPEEDUP_TARGETS[max(size for size in SPEEDUP_TARGETS if size <= messages)]


def check_targets(rows: list[dict]) -> list[str]:
    """The targets missed, as sentences (empty when all are met)."""
    missed = []
    for row in rows:
        ratio = row["baseline"].seconds / row["import"].seconds
        target = speedup_target(row["messages"])
        if ratio < target:
            missed.append(
                f"import is {ratio:.1f}x the baseline at N={row['messages']:,} "
                f"(target {target:.0f}x)"
            )
    peaks = [row["import"].peak_mb for row in rows]
    if max(peaks) >= PEAK_LIMIT_MB:
        missed.append(f"peak memory {max(peaks):.0f} MB is not under {PEAK_LIMIT_MB} MB")
    spread = peaks[-1] / peaks[0] - 1
    if abs(spread) > PEAK_SPREAD:
        missed.append(f"peak memory changes by {spread:+.0%} between the sizes")
    return missed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--keep", type=Path, help="generate the mailboxes here and keep them")
    args = parser.parse_args()
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        rows = [measure_size(count, folder) for count in sorted(args.sizes)]
    print_table(rows)
    print(
        "load average (1, 5, 15 min): "
        + " ".join(f"{value:.1f}" for value in load_before)
        + " before, "
        + " ".join(f"{value:.1f}" for value in os.getloadavg())
        + " after"
    )
    missed = check_targets(rows)
    print("targets met" if not missed else "targets missed: " + "; ".join(missed))


if __name__ == "__main__":
    main()
