"""Shared fixtures: flaskr-style `app`, `client`, `runner`, plus paths to sample files."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
TEST_DATA = REPO_ROOT / "tests" / "data"
# CI clones the repository beside a read-only copy of shared/, as the session has it.
CORPUS = REPO_ROOT.parent / "shared" / "corpus"


@pytest.fixture
def data_path() -> Path:
    """Fixtures written for this project: tests/data/<format>/<file>."""
    return TEST_DATA


@pytest.fixture
def corpus_path() -> Path:
    """The public sample files of ../shared/corpus (see its MANIFEST.md)."""
    if not CORPUS.is_dir():
        pytest.fail(f"the public corpus is missing at {CORPUS}")
    return CORPUS
