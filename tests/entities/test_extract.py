from reader.entities.extract import (
    KEPT_LABELS,
    RawMention,
    clean_entities,
    clean_span,
    drop_overlaps,
    extract_mentions,
)


def test_clean_span_trims_the_possessive_and_punctuation():
    text = "He met the Kremlin's team and \"Reuters,\" in Russia's capital."
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


def test_title_words_never_cut_organisation_names():
    text = (
        "General Motors cut jobs. The Justice Department and General Mills replied, "
        "King Features agreed, General Dynamics spoke and General Mark Milley did not."
    )
    spans = [
        _span(text, "General Motors", "ORG"),
        _span(text, "The Justice Department", "ORG"),
        _span(text, "General Mills", "ORG"),
        _span(text, "King Features", "ORG"),
        _span(text, "General Dynamics", "PERSON"),
        _span(text, "General Mark Milley", "PERSON"),
    ]
    assert _labels(text, spans) == [
        ("General Motors", "ORG"),
        ("Justice Department", "ORG"),
        ("General Mills", "ORG"),
        ("King Features", "ORG"),
        ("General Dynamics", "ORG"),
        ("Mark Milley", "PERSON"),
    ]
    # A clear person title on a span the model typed ORG still goes.
    text = "Chancellor Olaf Scholz met Governor Janet Mills."
    spans = [
        _span(text, "Chancellor Olaf Scholz", "ORG"),
        _span(text, "Governor Janet Mills", "PERSON"),
    ]
    assert _labels(text, spans) == [("Olaf Scholz", "PERSON"), ("Janet Mills", "PERSON")]


def test_form_and_context_typing():
    text = "Kremlin spokesman Peskov visited the Museum of Flight, then the Kherson and Zaporizhzhia regions."
    spans = [
        (text.index("Peskov"), text.index("Peskov") + 6, "GPE"),
        (text.index("Museum"), text.index(", then"), "ORG"),
        (text.index("Kherson"), text.index("Kherson") + 7, "PERSON"),
        (text.index("Zapor"), text.index(" regions"), "PERSON"),
    ]
    assert [m.label for m in clean_entities(text, spans)] == ["PERSON", "FAC", "GPE", "GPE"]


def test_unkept_labels_are_dropped():
    assert "CARDINAL" not in KEPT_LABELS
    assert clean_entities("Five men.", [(0, 4, "CARDINAL")]) == []


def test_extract_mentions_yields_in_order_with_progress_and_stop(nlp):
    texts = ["Vladimir Putin visited Moscow.", "Nothing here.", "Antony Blinken went to Kyiv."]
    progress: list[int] = []
    results = list(extract_mentions(nlp, texts, on_progress=progress.append))
    assert len(results) == 3 and progress == [1, 2, 3]
    assert ("Vladimir Putin", "PERSON") in {(m.text, m.label) for m in results[0]}
    for text, mentions in zip(texts, results):
        for m in mentions:
            assert text[m.start : m.end] == m.text
    stopped = list(extract_mentions(nlp, texts, should_stop=lambda: True))
    assert len(stopped) == 1


def test_entities_do_not_run_across_line_breaks(nlp):
    text = "Thursday, January 12, 2006\n\nThe Plains of Arafat on the day"
    (mentions,) = extract_mentions(nlp, [text])
    assert all("\n" not in m.text for m in mentions)


def test_repeats_of_found_names_are_tagged_but_never_inside_a_longer_mention():
    text = "Daniel Montalvo left. Montalvo said so. The Daniel Montalvo Trust paid. MONTALVO WINS"
    spans = [(0, 15, "PERSON"), (text.index("Daniel Montalvo Trust"), text.index(" paid"), "ORG")]
    got = [(m.text, m.label) for m in clean_entities(text, spans)]
    assert got == [
        ("Daniel Montalvo", "PERSON"),
        ("Montalvo", "PERSON"),
        ("Daniel Montalvo Trust", "ORG"),
        ("MONTALVO", "PERSON"),
    ]


def test_mentions_never_overlap_the_model_span_stays_whole():
    # A work of art holding a country's name; a name the model typed ORG in one
    # place and whose words it tagged PERSON elsewhere (a person, then): one stop each.
    text = (
        'Crowds chanted "Forever with Russia" as Russia voted. Comissaria Smith spoke; '
        "Comissaria thanked Smith. Comissaria Smith left."
    )
    spans = [
        _span(text, "Forever with Russia", "WORK_OF_ART"),
        _span(text, "Russia", "GPE", 1),
        _span(text, "Comissaria Smith", "ORG"),
        _span(text, "Comissaria", "PERSON", 1),
        _span(text, "Smith", "PERSON", 1),
    ]
    got = clean_entities(text, spans)
    assert [(m.text, m.label) for m in got] == [
        ("Forever with Russia", "WORK_OF_ART"),
        ("Russia", "GPE"),
        ("Comissaria Smith", "PERSON"),
        ("Comissaria", "PERSON"),
        ("Smith", "PERSON"),
        ("Comissaria Smith", "PERSON"),
    ]
    assert all(a.end <= b.start for a, b in zip(got, got[1:]))


def test_drop_overlaps_keeps_the_longer_then_the_earlier():
    a, b, c = (
        RawMention(0, 6, "Alpha ", "ORG"),
        RawMention(3, 12, "ha Beta X", "ORG"),
        RawMention(12, 15, "Gam", "GPE"),
    )
    assert drop_overlaps([c, a, b]) == [b, c]
    d = RawMention(4, 13, "a Beta XG", "ORG")
    assert drop_overlaps([d, b]) == [b]


def _labels(text, spans):
    return [(m.text, m.label) for m in clean_entities(text, spans)]


def _span(text, name, label, nth=0):
    start = -1
    for _ in range(nth + 1):
        start = text.index(name, start + 1)
    return (start, start + len(name), label)


def test_place_after_mayor_of_and_town_of():
    text = (
        "The mayor of Mariupol left the town of Yeoncheon, said the governor of the Central Bank."
    )
    got = _labels(
        text,
        [
            _span(text, "Mariupol", "ORG"),
            _span(text, "Yeoncheon", "PERSON"),
            _span(text, "Central Bank", "ORG"),
        ],
    )
    assert got == [("Mariupol", "GPE"), ("Yeoncheon", "GPE"), ("Central Bank", "ORG")]


def test_demonyms_are_groups_not_places():
    text = "Ukrainian officials and Israeli troops met in Helsinki; The Guardian reported."
    got = _labels(
        text,
        [
            _span(text, "Ukrainian", "GPE"),
            _span(text, "Israeli", "GPE"),
            _span(text, "Helsinki", "GPE"),
            _span(text, "Guardian", "ORG"),
        ],
    )
    assert got == [
        ("Ukrainian", "NORP"),
        ("Israeli", "NORP"),
        ("Helsinki", "GPE"),
        ("Guardian", "ORG"),
    ]


def test_title_fragments_are_not_entities_and_photo_credits_name_the_agency():
    text = "Secretary of State Antony Blinken spoke. (AP Photo) The State paid."
    got = _labels(
        text,
        [
            _span(text, "State", "ORG"),
            _span(text, "Antony Blinken", "PERSON"),
            _span(text, "AP Photo", "ORG"),
            _span(text, "State", "ORG", 1),
        ],
    )
    assert got == [("Antony Blinken", "PERSON"), ("AP", "ORG"), ("State", "ORG")]


def test_places_that_play_in_a_match_report_are_teams():
    text = (
        "Sweden defeated South Korea 1 – 0 in the World Cup match at the Nizhny Novgorod Stadium. "
        "Korea's striker missed a penalty. Sweden scored. Fans travelled from Russia."
    )
    spans = [
        _span(text, "Sweden", "GPE"),
        _span(text, "South Korea", "GPE"),
        _span(text, "Nizhny Novgorod Stadium", "FAC"),
        _span(text, "Korea", "GPE", 1),
        _span(text, "Sweden", "GPE", 1),
        _span(text, "Russia", "GPE"),
    ]
    assert _labels(text, spans) == [
        ("Sweden", "ORG"),
        ("South Korea", "ORG"),
        ("Nizhny Novgorod Stadium", "FAC"),
        ("Korea", "ORG"),
        ("Sweden", "ORG"),
        ("Russia", "GPE"),
    ]
    # no sports vocabulary: a vote count is not a match
    text = "Sweden voted 52-48 against the plan."
    assert _labels(text, [_span(text, "Sweden", "GPE")]) == [("Sweden", "GPE")]


def test_surname_tagged_alone_as_person_makes_the_full_name_a_person():
    text = "Dries Mertens scored. Mertens ran. Morgan Stanley paid."
    got = _labels(
        text,
        [
            _span(text, "Dries Mertens", "PRODUCT"),
            _span(text, "Mertens", "PERSON", 1),
            _span(text, "Morgan Stanley", "ORG"),
        ],
    )
    assert got == [("Dries Mertens", "PERSON"), ("Mertens", "PERSON"), ("Morgan Stanley", "ORG")]
