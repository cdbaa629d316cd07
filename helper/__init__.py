"""Outreach Helper: a local, private networking assistant."""

from __future__ import annotations

from typing import Any

from helper.version import __version__

__all__ = ["__version__", "create_app"]


def create_app(config: dict[str, Any] | None = None):
    """The application factory (see helper/app.py)."""
    from helper.app import build_app

    return build_app(config)
