"""Importing a file into the store, read top-down as a pipeline: `pipeline` runs one file,
`plan` reads and matches it without writing, `publish` writes it in short batches, `runs`
keeps the history (and takes back a run a crash interrupted), `jobs` runs imports in the
background for the web pages, and `json_restore` loads a JSON export into an empty store."""

from helper.store.imports.jobs import ImportJob, ImportJobs
from helper.store.imports.pipeline import import_file
from helper.store.imports.runs import get_run, list_runs, recover_interrupted_runs
from helper.store.imports.summary import ImportCancelled, ImportProgress, ImportSummary

__all__ = [
    "ImportCancelled",
    "ImportJob",
    "ImportJobs",
    "ImportProgress",
    "ImportSummary",
    "get_run",
    "import_file",
    "list_runs",
    "recover_interrupted_runs",
]
