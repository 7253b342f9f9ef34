"""Build and package the clinic's spaCy pipeline.

The pipeline is a blank English model with a lookup lemmatizer (tables from
``spacy-lookups-data``, copied into the pipeline at build time) and an entity
ruler that tags mentions of the two procedures. It is packaged as an
installable Python package so ``SpacyNLP`` can load it by name from any
directory.

Usage: python -m clinic_nlu.spacy_pipeline.build OUTPUT_DIR
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import spacy
import yaml
from spacy.cli.package import package
from spacy.language import Language

PIPELINE_NAME = "clinic_pipeline"
PIPELINE_VERSION = "1.7.0"
PACKAGE_NAME = f"en_{PIPELINE_NAME}"
PATTERNS_FILE = Path(__file__).with_name("procedure_patterns.yml")


def load_patterns(path: Path = PATTERNS_FILE) -> list[dict[str, Any]]:
    """Entity-ruler patterns, each labelled ``procedure`` with its canonical id."""
    by_procedure = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [
        {"label": "procedure", "pattern": pattern, "id": procedure}
        for procedure, patterns in by_procedure.items()
        for pattern in patterns
    ]


def build_pipeline() -> Language:
    """A blank English pipeline with lemmas and procedure entities."""
    nlp = spacy.blank("en")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER"})
    nlp.initialize()  # loads the lemma tables; it also clears the ruler's patterns
    ruler.add_patterns(load_patterns())
    nlp.meta.update(
        {
            "name": PIPELINE_NAME,
            "version": PIPELINE_VERSION,
            "description": "Clinic assistant: lookup lemmas and procedure entities.",
            "license": "MIT",
            "author": "Clinic assistant contributors",
        }
    )
    return nlp


def main(output_dir: str) -> None:
    """Save the pipeline and write an installable sdist into ``output_dir``."""
    out = Path(output_dir)
    model_dir = out / "pipeline"
    build_pipeline().to_disk(model_dir)
    package(model_dir, out, create_sdist=True, force=True, silent=True)
    print(out / f"{PACKAGE_NAME}-{PIPELINE_VERSION}" / "dist")


if __name__ == "__main__":
    main(sys.argv[1])
