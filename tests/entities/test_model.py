import pytest

from reader.entities import model
from reader.entities.model import (
    DEFAULT_MODEL,
    ModelNotFound,
    available_models,
    load_model,
    model_fingerprint,
    resolve_model_name,
)


def test_missing_model_message_is_one_actionable_line():
    with pytest.raises(ModelNotFound) as info:
        resolve_model_name("en_core_web_nonexistent")
    message = str(info.value)
    assert "\n" not in message
    assert "en_core_web_nonexistent" in message
    assert "pip install" in message and "requirements/model.txt" in message
    with pytest.raises(ModelNotFound):
        load_model("en_core_web_nonexistent")


def test_nothing_installed_raises(monkeypatch):
    monkeypatch.setattr(model, "_installed", lambda name: False)
    assert available_models() == []
    with pytest.raises(ModelNotFound, match=DEFAULT_MODEL):
        resolve_model_name(None)


def test_resolution_prefers_larger_official_models(monkeypatch):
    installed = {"en_core_web_sm", "en_core_web_md", DEFAULT_MODEL}
    monkeypatch.setattr(model, "_installed", lambda name: name in installed)
    assert resolve_model_name(None) == "en_core_web_md"
    assert resolve_model_name(DEFAULT_MODEL) == DEFAULT_MODEL
    installed.clear()
    installed.add(DEFAULT_MODEL)
    assert resolve_model_name(None) == DEFAULT_MODEL


def test_default_model_is_available_and_fingerprinted():
    assert DEFAULT_MODEL in available_models()
    fp = model_fingerprint(DEFAULT_MODEL)
    assert fp.startswith(f"{DEFAULT_MODEL}-3.8.0-r")
    assert fp == model_fingerprint(DEFAULT_MODEL)


def test_loaded_pipeline_keeps_only_ner_and_is_cached(nlp):
    assert "ner" in nlp.pipe_names
    assert not {"parser", "tagger", "lemmatizer", "attribute_ruler"} & set(nlp.pipe_names)
    assert load_model(DEFAULT_MODEL) is nlp
