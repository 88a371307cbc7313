"""Where the files that ship with policygen are: in a checkout, or inside the wheel.

From a checkout the top-level folders of the repository are used, so that an
edit to a template shows at once; an installed wheel carries copies of them
under `generator/_bundled/` (see `[tool.hatch.build]` in pyproject.toml).
"""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
_BUNDLED_DIR = PACKAGE_DIR / "_bundled"
CHECKOUT_DIR = PACKAGE_DIR.parent

EXAMPLE_NAME = "jiji-boutique"


def resource_dir(name: str) -> Path:
    """`site_templates`, `consent_js` or `policy_src`, wherever they are."""
    bundled = _BUNDLED_DIR / name
    if bundled.is_dir():
        return bundled
    return CHECKOUT_DIR / name


def running_from_checkout() -> bool:
    return not _BUNDLED_DIR.is_dir()
