from reader.entities.extract import KEPT_LABELS, RawMention, clean_entities, clean_span, extract_mentions


def test_clean_span_trims_the_possessive_and_punctuation():
    text = 'He met the Kremlin\'s team and "Reuters," in Russia\'s capital.'
    assert clean_span(text, 7, 21, "ORG") == RawMention(11, 18, "Kremlin", "ORG")
    s = text.index('"Reuters')
    assert clean_span(text, s, s + 10, "ORG").text == "Reuters"
    s = text.index("Russia's")
    assert clean_span(text, s, s + 8, "GPE").text == "Russia"


def test_clean_span_strips_person_titles_and_types_the_rest():
    text = "President Putin spoke."
    assert clean_span(text, 0, 15, "ORG") == RawMention(10, 15, "Putin", "PERSON")
    text = "The State Department said."
    assert clean_span(text, 0, 20, "ORG") == RawMention(4, 20, "State Department", "ORG")


def test_form_and_context_typing():
    text = "Kremlin spokesman Peskov visited the Museum of Flight, then the Kherson and Zaporizhzhia regions."
    spans = [(text.index("Peskov"), text.index("Peskov") + 6, "GPE"),
             (text.index("Museum"), text.index(", then"), "ORG"),
             (text.index("Kherson"), text.index("Kherson") + 7, "PERSON"),
             (text.index("Zapor"), text.index(" regions"), "PERSON")]
    assert [m.label for m in clean_entities(text, spans)] == ["PERSON", "FAC", "GPE", "GPE"]


def test_unkept_labels_are_dropped():
    assert "CARDINAL" not in KEPT_LABELS
    assert clean_entities("Five men.", [(0, 4, "CARDINAL")]) == []


def test_extract_mentions_yields_in_order_with_progress_and_stop(nlp):
    texts = ["Vladimir Putin visited Moscow.", "Nothing here.", "Antony Blinken went to Kyiv."]
    progress = []
    results = list(extract_mentions(nlp, texts, on_progress=progress.append))
    assert len(results) == 3 and progress == [1, 2, 3]
    assert ("Vladimir Putin", "PERSON") in {(m.text, m.label) for m in results[0]}
    for text, mentions in zip(texts, results):
        for m in mentions:
            assert text[m.start:m.end] == m.text
    stopped = list(extract_mentions(nlp, texts, should_stop=lambda: True))
    assert len(stopped) == 1


def test_entities_do_not_run_across_line_breaks(nlp):
    text = "Thursday, January 12, 2006\n\nThe Plains of Arafat on the day"
    (mentions,) = extract_mentions(nlp, [text])
    assert all("\n" not in m.text for m in mentions)


def test_repeats_of_found_names_are_tagged_and_nested():
    text = "Daniel Montalvo left. Montalvo said so. The Daniel Montalvo Trust paid. MONTALVO WINS"
    spans = [(0, 15, "PERSON"), (text.index("Daniel Montalvo Trust"), text.index(" paid"), "ORG")]
    got = [(m.text, m.label) for m in clean_entities(text, spans)]
    assert got == [("Daniel Montalvo", "PERSON"), ("Montalvo", "PERSON"), ("Daniel Montalvo", "PERSON"),
                   ("Daniel Montalvo Trust", "ORG"), ("MONTALVO", "PERSON")]
