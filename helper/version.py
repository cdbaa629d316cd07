"""The release number, in one place: the package metadata, `--version` and the bridge read it."""

__version__ = "0.1.0"
