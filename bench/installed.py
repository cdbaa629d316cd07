"""Whole-process benchmarks run the package as it runs once installed: pip compiles every
module to bytecode at install time, so a user's start-up reads `.pyc` files. A shell with
`PYTHONDONTWRITEBYTECODE` set (some containers set it) would otherwise compile every module of
`helper` from source at each start, about a tenth of a second the user never pays.
"""

from __future__ import annotations

import compileall
import os
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "helper"
# A store chosen by the caller's shell must not stand in for the benchmark's own.
LEFT_OUT = {"DATABASE_URL", "OUTREACH_HELPER_DATA_DIR", "PYTHONDONTWRITEBYTECODE"}


def installed_environment() -> dict[str, str]:
    """The environment for a measured child process, after compiling the package once."""
    compileall.compile_dir(PACKAGE, quiet=1)
    return {name: value for name, value in os.environ.items() if name not in LEFT_OUT}
