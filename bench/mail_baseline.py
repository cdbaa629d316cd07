"""Reading an mbox's headers: the stdlib baseline against helper.importers.mbox, one run.

    python -m bench.mail_baseline [N] [--keep FILE]

Generates a realistic mbox of N messages (bench.generate_mbox), then measures, each in a fresh
process so that peak memory (ru_maxrss) belongs to that reader alone:
- raw read: the file read in 4 MB chunks, the physical floor;
- baseline: `mailbox.mbox` iterating keys, `BytesHeaderParser` on each message's bytes and
  `getaddresses` on From/To/Cc, storing nothing (the plain standard-library read);
- ours: `helper.importers.mbox.read`, consuming every MailMessage and Problem;
- ours in ranges: `helper.importers.mbox_parallel.ParallelMbox`, this process reading the first
  range and a worker process each further one (one per CPU, at most 4), the same items.
"""

from __future__ import annotations

import argparse
import json
import mailbox
import resource
import subprocess
import sys
import tempfile
import time
from email.parser import BytesHeaderParser
from email.utils import getaddresses
from pathlib import Path

from bench.generate_mbox import write_mbox
from helper.importers import mbox, mbox_parallel

REPO_ROOT = Path(__file__).resolve().parents[1]
READ_CHUNK_BYTES = 4 * 1024 * 1024


def raw_read(path: Path) -> int:
    total = 0
    with path.open("rb") as stream:
        while chunk := stream.read(READ_CHUNK_BYTES):
            total += len(chunk)
    return total


def stdlib_baseline(path: Path) -> int:
    box = mailbox.mbox(path, create=False)
    parser = BytesHeaderParser()
    count = 0
    for key in box.iterkeys():
        headers = parser.parsebytes(box.get_bytes(key))
        fields = headers.get_all("from", []) + headers.get_all("to", []) + headers.get_all("cc", [])
        getaddresses(fields)
        count += 1
    return count


def ours(path: Path) -> int:
    with path.open("rb") as stream:
        return sum(1 for _ in mbox.read(stream, name=path.name))


def ours_in_ranges(path: Path) -> int:
    reader = mbox_parallel.ParallelMbox(path, name=path.name)
    try:
        return sum(1 for _ in reader)
    finally:
        reader.close()


MEASURES = {
    "raw": raw_read,
    "baseline": stdlib_baseline,
    "ours": ours,
    "ours-ranges": ours_in_ranges,
}


def measure(which: str, path: Path) -> None:
    """Run one reader in this process and print its seconds, result and peak RSS as JSON."""
    started = time.perf_counter()
    result = MEASURES[which](path)
    seconds = time.perf_counter() - started
    # ru_maxrss is in kilobytes on Linux (getrusage(2)).
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "result": result, "peak_mb": peak_mb}))


def run_isolated(which: str, path: Path) -> dict[str, float]:
    command = [sys.executable, "-m", "bench.mail_baseline", "--measure", which, "--file", str(path)]
    done = subprocess.run(command, check=True, capture_output=True, text=True, cwd=REPO_ROOT)
    return json.loads(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", nargs="?", type=int, default=20_000)
    parser.add_argument("--keep", type=Path, help="write the mbox here and keep it")
    parser.add_argument("--measure", choices=sorted(MEASURES), help=argparse.SUPPRESS)
    parser.add_argument("--file", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        measure(args.measure, args.file)
        return
    with tempfile.TemporaryDirectory() as folder:
        path = args.keep or Path(folder) / "bench.mbox"
        size = write_mbox(path, args.count)
        print(f"{args.count:,} messages, {size / 1e6:.0f} MB")
        results = {which: run_isolated(which, path) for which in MEASURES}
    for which, result in results.items():
        print(f"{which:>11}: {result['seconds']:7.2f} s  peak {result['peak_mb']:6.0f} MB")
    ratio = results["baseline"]["seconds"] / results["ours"]["seconds"]
    print(f"ours is {ratio:.1f}x faster than the stdlib baseline")


if __name__ == "__main__":
    main()
