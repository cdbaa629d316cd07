"""Each export of a 30,000-contact store as a whole `outreach-helper export` process (start-up
included): the median of three runs, its target, and its ratio against a floor measured in the
same run (`outreach-helper me --json`: start-up and opening the store), with peak memory.

    python bench/exports.py [--data-dir DIR]

Without --data-dir the store is generated once (`generate_store.py`) into a temporary folder.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.installed import installed_environment

TARGETS = {"vcard": 3.0, "json": 2.0, "csv": 1.5}
RUNS = 3


# Run in a process of its own, so the peak memory it reports is this export's alone.
_MEASURE = """
import resource, subprocess, sys, time
start = time.perf_counter()
subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
print(time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def timed(command: list[str]) -> tuple[float, float]:
    """Seconds of one whole process, and its peak resident memory in MB."""
    measured = subprocess.run(
        [sys.executable, "-c", _MEASURE, *command],
        check=True,
        capture_output=True,
        text=True,
        env=installed_environment(),
    )
    seconds, peak_kb = measured.stdout.split()
    return float(seconds), int(peak_kb) / 1024


def median_of_runs(command: list[str]) -> tuple[float, float]:
    runs = [timed(command) for _ in range(RUNS)]
    return statistics.median(run[0] for run in runs), max(run[1] for run in runs)


def generated_store(folder: Path) -> Path:
    """A store like `goal_page.py`'s: 30,000 contacts, 50,000 interactions, 20 goals."""
    from generate_store import fill

    from helper import create_app

    data_dir = folder / "store"
    app = create_app({"DATA_DIR": data_dir})
    fill(app, argparse.Namespace(contacts=30_000, interactions=50_000, goals=20))
    return data_dir


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data-dir", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        data_dir = args.data_dir or generated_store(Path(folder))
        program = [sys.executable, "-m", "helper"]
        floor, floor_mb = median_of_runs([*program, "me", "--json", "--data-dir", str(data_dir)])
        print(f"floor (me --json)  {floor:5.2f} s  peak RSS {floor_mb:4.0f} MB")
        for kind, target in TARGETS.items():
            out = Path(folder) / f"export.{kind}"
            command = [*program, "export", kind, "--out", str(out), "--data-dir", str(data_dir)]
            seconds, peak_mb = median_of_runs(command)
            verdict = "ok" if seconds < target else "OVER"
            print(
                f"export {kind:5}  {seconds:5.2f} s  peak RSS {peak_mb:4.0f} MB  "
                f"target < {target:.1f} s ({verdict})  {seconds / floor:4.1f}x floor"
            )


if __name__ == "__main__":
    main()
