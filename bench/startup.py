"""Start-up: short `outreach-helper` commands as whole processes, beside the floor of starting
Python with click.

    python3 bench/startup.py [--repeat 10]

Times `outreach-helper --version` and `outreach-helper contacts --json` on an empty store
(`--data-dir` a temporary folder, the store made by the first of the runs, which is timed apart
as "new folder"), each run as its own process (`python -m helper`, which runs what the
`outreach-helper` script runs), alternating with the floor, `python3 -c "import click"`, so a
busy moment of a shared machine weighs on both alike. Prints each median, the target and the
ratio to the floor's median. Target: each command under 0.3 s.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.installed import installed_environment

TARGET_S = 0.3
REPO_ROOT = Path(__file__).resolve().parents[1]
FLOOR = [sys.executable, "-c", "import click"]
FLOOR_LABEL = 'python3 -c "import click" (floor)'


def seconds(command: Sequence[str]) -> float:
    """The wall time of `command` as a whole process, its output discarded."""
    environment = installed_environment()
    started = time.perf_counter()
    subprocess.run(command, check=True, cwd=REPO_ROOT, env=environment, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def helper(*arguments: str) -> list[str]:
    return [sys.executable, "-m", "helper", *arguments]


def measure(command: Sequence[str], repeat: int, floors: list[float]) -> float:
    """The median of `repeat` runs of `command`, each followed by a run of the floor."""
    samples = []
    for _ in range(repeat):
        samples.append(seconds(command))
        floors.append(seconds(FLOOR))
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=10)
    repeat = parser.parse_args().repeat
    floors: list[float] = []
    with tempfile.TemporaryDirectory() as folder:
        store = Path(folder, "store")
        new_folder = seconds(helper("contacts", "--json", "--data-dir", str(store)))
        results = {
            "outreach-helper --version": measure(helper("--version"), repeat, floors),
            "outreach-helper contacts --json (empty store)": measure(
                helper("contacts", "--json", "--data-dir", str(store)), repeat, floors
            ),
        }
    floor = statistics.median(floors)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"median of {repeat} runs each; load average {load:.1f}; target < {TARGET_S:.1f} s")
    print(f"{'case':<48} {'s':>6} {'x floor':>8}")
    print(f"{FLOOR_LABEL:<48} {floor:>6.3f} {1:>8.1f}")
    for case, median in results.items():
        verdict = "ok" if median < TARGET_S else "OVER TARGET"
        print(f"{case:<48} {median:>6.3f} {median / floor:>8.1f}  {verdict}")
    print(f"{'first contacts --json in a new folder (once)':<48} {new_folder:>6.3f}")


if __name__ == "__main__":
    main()
