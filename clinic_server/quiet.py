"""Keep third-party deprecation notices out of what staff see in the terminal.

Rasa's dependencies (pyparsing, click, pkg_resources, distutils...) print a screen
of ``DeprecationWarning`` lines at every start, and Sanic turns them back on at
import (``filterwarnings("once", DeprecationWarning)``). Our launchers hide them;
real errors, Rasa's own warnings and the tests (run without this) are untouched.
"""

from __future__ import annotations

import importlib
import warnings

import sanic  # noqa: F401  (its import adds the filter that ours must come after)

HIDDEN = (DeprecationWarning, PendingDeprecationWarning)
# Modules that warn while they are imported with a warning class that is also a
# UserWarning (pyparsing's), which Rasa's own filter shows again later: imported
# here, once, quietly.
NOISY_MODULES = ("packaging.requirements", "matplotlib.fontconfig_pattern")


def hide_third_party_deprecations() -> None:
    """Ignore deprecation warnings from here on, whoever raises them."""
    for category in HIDDEN:
        warnings.filterwarnings("ignore", category=category)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for module in NOISY_MODULES:
            importlib.import_module(module)
