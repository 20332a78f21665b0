"""Articles longer than spaCy's limit (1,000,000 characters) go through NER in pieces."""

from reader.entities.model import load_model, resolve_model_name
from reader.entities.workers import extract_parallel, extract_texts, split_for_ner

PARAGRAPH = (
    "Vladimir Putin met Emmanuel Macron in Paris on Tuesday. "
    "Officials in Berlin said the talks would continue. "
) * 4


def test_split_covers_the_text_at_breaks():
    text = "\n\n".join(f"Paragraph {i}. " + "word " * 50 for i in range(400))
    pieces = split_for_ner(text, limit=5000)
    assert "".join(p for _, p in pieces) == text
    assert all(len(p) <= 5000 for _, p in pieces)
    assert all(text[o : o + len(p)] == p for o, p in pieces)
    assert all(p.startswith("\n\n") for _, p in pieces[1:])
    assert split_for_ner("short") == [(0, "short")]


def test_a_text_over_spacys_limit_is_extracted_with_true_offsets(monkeypatch):
    """spaCy raises E088 past nlp.max_length (1,000,000 by default); lowered
    here so the test stays fast: the pieces must keep every text under it."""
    import reader.entities.workers as workers

    nlp = load_model(resolve_model_name(None))
    monkeypatch.setattr(nlp, "max_length", 30_000)
    monkeypatch.setattr(workers, "MAX_PIECE", 20_000)
    text = "\n\n".join([PARAGRAPH] * 150)
    assert len(text) > 2 * nlp.max_length
    short, long_ = list(extract_texts(nlp, [PARAGRAPH, text]))
    assert short and long_
    assert all(text[m.start : m.end] == m.text for m in long_)
    assert max(m.start for m in long_) > len(text) - 2000
    assert sum(m.text in ("Putin", "Vladimir Putin") for m in long_) >= 150


def test_worker_processes_give_the_same_mentions_as_one_process():
    texts = [PARAGRAPH.replace("Paris", city) for city in ("Paris", "Rome", "Madrid", "Oslo")] * 5
    nlp = load_model(resolve_model_name(None))
    alone = list(extract_texts(nlp, texts))
    workers = list(extract_parallel(resolve_model_name(None), texts, 2, lambda: False))
    assert workers == alone
