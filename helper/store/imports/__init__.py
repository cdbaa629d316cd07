"""Importing a file into the store, read top-down as a pipeline: `pipeline.import_file` runs
one file, `plan` reads and matches it without writing, `publish` writes it in short batches,
`runs` keeps the history (and takes back a run a crash interrupted, see `undo` and
`run_locks`), `jobs` runs imports in the background for the web pages, `summary` holds what a
run reports. Our own JSON export is restored whole into an empty store (`json_restore`) or in
place of a store's content (`json_replace`), or its contacts are merged through the pipeline
(`json_merge` reads them).

The package itself imports nothing: opening a store only needs `runs`, and loading the
whole pipeline with its importers was a fifth of every command's start-up.
"""
