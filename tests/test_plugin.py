"""factlint as a spaCy plugin and a Python library.

The install test builds the package the way a user gets it (``pip install .`` into a fresh virtual
environment, no editable install, no ``import factlint``), then, in separate processes, adds
``factlint_quantities`` to ``spacy.blank("en")``, saves the pipeline, and loads it again.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
import venv
from pathlib import Path

import pytest
import spacy

import factlint

ROOT = Path(__file__).resolve().parent.parent
COMPONENTS = ("factlint_entities", "factlint_dates", "factlint_ordinals", "factlint_quantities", "factlint_line_breaks")

BUILD_AND_SAVE = """
import json, sys, spacy
nlp = spacy.blank("en")
nlp.add_pipe("factlint_dates")
nlp.add_pipe("factlint_quantities")
doc = nlp("Exports rose 30% to over $240bn in 2023.")
nlp.to_disk(sys.argv[1])
print(json.dumps({"quantities": [q.text for q in doc._.fl_quantities], "dates": [d.value for d in doc._.fl_dates],
                  "imported": sorted(m for m in sys.modules if m.startswith("factlint"))}))
"""

LOAD_AGAIN = """
import json, sys, spacy
nlp = spacy.load(sys.argv[1])
doc = nlp("The line cost 1.6 billion euros.")
print(json.dumps({"pipes": nlp.pipe_names, "quantities": [[q.text, q.value, q.currency] for q in doc._.fl_quantities]}))
"""


def test_every_component_declares_what_it_assigns():
    for name in COMPONENTS:
        meta = spacy.Language.get_factory_meta(name)
        assert meta.assigns, name
    assert spacy.Language.get_factory_meta("factlint_dates").default_config == {"doc_date": None}
    assert spacy.Language.get_factory_meta("factlint_quantities").default_config == {"skip_dates": True, "skip_ordinals": True}


def test_component_config_is_used():
    nlp = spacy.blank("en")
    nlp.add_pipe("factlint_dates", config={"doc_date": "2024-03-02"})
    nlp.add_pipe("factlint_quantities", config={"skip_dates": False})
    doc = nlp("Sales grew 5% last year.")
    assert [d.value for d in doc._.fl_dates] == ["2023"]
    assert [q.text for q in doc._.fl_quantities] == ["5%"]
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        spacy.blank("en").add_pipe("factlint_dates", config={"doc_date": "soon"})


def test_python_api_parse_and_check(tmp_path):
    mentions = factlint.parse("Exports rose 30% to over $240bn last year.", date="2024-05-01")
    assert [q.text for q in mentions.quantities] == ["30%", "over $240bn"]
    assert [d.value for d in mentions.dates] == ["2023"]
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("In 2023 the tunnel carried 4.9 million passengers.\n", encoding="utf-8")
    (docs / "b.txt").write_text("The tunnel carried 6.4m passengers in 2023.\n", encoding="utf-8")
    result = factlint.check(docs)
    assert [f.rule for f in result.findings] == ["FL001"]
    assert factlint.check([docs], ignore=["FL001"]).findings == []
    assert not (tmp_path / "claims").exists()  # no claims_dir: nothing written
    stored = factlint.check([docs], claims_dir=tmp_path / "store")
    assert stored.findings == result.findings and (tmp_path / "store" / "docs" / "a.json").is_file()


def test_importing_factlint_stays_cheap():
    out = subprocess.run(
        [sys.executable, "-c", "import sys, factlint; print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in ('spacy', 'pydantic', 'factlint'))))".replace("json.dumps", "__import__('json').dumps")],
        capture_output=True, text=True, check=True,
    )
    assert json.loads(out.stdout) == ["factlint", "factlint.api"]


def _install_copy(tmp_path: Path) -> Path:
    """A copy of the project's sources (so the build leaves the work tree alone) pip-installed
    into a new virtual environment; returns that environment's python."""
    source = tmp_path / "src-copy"
    shutil.copytree(ROOT / "src", source / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    install = subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check", str(source)],
        capture_output=True, text=True, timeout=900,
    )
    assert install.returncode == 0, install.stdout[-2000:] + install.stderr[-4000:]
    return python


def test_pip_install_then_add_pipe_save_and_load_in_fresh_processes(tmp_path):
    python = _install_copy(tmp_path)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH",)}
    saved = tmp_path / "pipeline"
    first = subprocess.run([str(python), "-c", textwrap.dedent(BUILD_AND_SAVE), str(saved)],
                           capture_output=True, text=True, timeout=300, cwd=tmp_path, env=env)
    assert first.returncode == 0, first.stderr
    built = json.loads(first.stdout)
    assert built["quantities"] == ["30%", "over $240bn"]
    assert built["dates"] == ["2023"]
    assert "factlint.nlp.components" in built["imported"]  # found through the entry point
    second = subprocess.run([str(python), "-c", textwrap.dedent(LOAD_AGAIN), str(saved)],
                            capture_output=True, text=True, timeout=300, cwd=tmp_path, env=env)
    assert second.returncode == 0, second.stderr
    loaded = json.loads(second.stdout)
    assert loaded["pipes"] == ["factlint_dates", "factlint_quantities"]
    assert loaded["quantities"] == [["1.6 billion euros", 1.6e9, "EUR"]]
    # the installed package is not the work tree's
    where = subprocess.run([str(python), "-c", "import factlint; print(factlint.__file__)"], capture_output=True, text=True, cwd=tmp_path)
    assert str(tmp_path / "venv") in where.stdout
