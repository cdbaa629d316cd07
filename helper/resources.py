"""Where the files that live beside the code are found.

The page and message templates sit at the top of a source checkout (`templates/`), beside the
package; a built wheel carries them inside it as `helper/templates/`, so an installed copy and
a checkout both find them. The browser extension (`extension_bridge/`) is loaded unpacked from
the checkout, so it is found there only."""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def _templates_dir() -> Path:
    installed = PACKAGE_DIR / "templates"
    return installed if installed.is_dir() else PACKAGE_DIR.parent / "templates"


TEMPLATES_DIR = _templates_dir()
EXTENSION_DIR = PACKAGE_DIR.parent / "extension_bridge"
MESSAGE_TEMPLATES_DIR = TEMPLATES_DIR / "messages"
