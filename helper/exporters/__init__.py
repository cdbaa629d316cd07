"""Exporters: pure functions from the core's dataclasses to the text of a file format.

They know nothing of Flask or the database (the store loads the records, the CLI and the web
pages write the result), so each can be tested by reading its output back.
"""
