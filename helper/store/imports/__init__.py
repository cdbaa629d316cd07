"""Importing a file into the store, read top-down as a pipeline: `pipeline` runs one file,
`plan` reads and matches it without writing, `publish` writes it in short batches, `runs`
keeps the history (and takes back a run a crash interrupted, see `undo`), `jobs` runs imports in the
background for the web pages. Our own JSON export is restored whole into an empty store
(`json_restore`) or in place of a store's content (`json_replace`), or its contacts are merged
through the pipeline (`json_merge` reads them)."""

from helper.store.imports.jobs import ImportJob, ImportJobs, JobSnapshot
from helper.store.imports.pipeline import import_file
from helper.store.imports.runs import (
    InterruptedRunWatch,
    get_run,
    list_runs,
    recover_interrupted_runs,
)
from helper.store.imports.summary import (
    ExportChoice,
    ImportCancelled,
    ImportProgress,
    ImportSummary,
    StoreHoldsData,
)

__all__ = [
    "ExportChoice",
    "ImportCancelled",
    "ImportJob",
    "ImportJobs",
    "ImportProgress",
    "ImportSummary",
    "InterruptedRunWatch",
    "JobSnapshot",
    "StoreHoldsData",
    "get_run",
    "import_file",
    "list_runs",
    "recover_interrupted_runs",
]
