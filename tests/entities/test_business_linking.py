"""Linking on business and world news: companies and their legal forms and
short names, acronyms, peoples, datelines and US states. Each test article is
written for the rule it checks, with its guards."""

from __future__ import annotations

from reader.entities.extract import clean_entities
from reader.entities.linkstate import link_collection
from tests.entities.conftest import mentions_in


def link(**docs):
    """docs: id -> (text, [(name, label), ...]), through the span clean-up;
    returns {(doc, text): entity ids} and the entities."""
    prepared = {}
    for d, (text, pairs) in docs.items():
        spans = [(m.start, m.end, m.label) for m in mentions_in(text, *pairs)]
        prepared[d] = (text, clean_entities(text, spans))
    linked, entities = link_collection(prepared)
    out: dict[tuple[str, str], set[str]] = {}
    for m in linked:
        out.setdefault((m.doc, m.text), set()).add(m.entity)
    return out, entities


def test_a_company_is_one_entity_with_or_without_its_legal_form_and_by_its_short_name():
    got, entities = link(
        a=(
            "Toyota Motor Corp. said sales rose. Toyota plans a plant in Kentucky.",
            [("Toyota Motor Corp.", "ORG"), ("Toyota", "ORG"), ("Kentucky", "GPE")],
        ),
        b=(
            "Shares of Toyota Motor Corporation fell in Tokyo on Monday.",
            [("Toyota Motor Corporation", "ORG"), ("Tokyo", "GPE")],
        ),
        c=(
            "Yarhaven Industries AG cut its forecast. Yarhaven blamed costs, and Yarhaven "
            "shares fell.",
            [("Yarhaven Industries AG", "ORG"), ("Yarhaven", "PERSON")],
        ),
        d=(
            "Analysts said Yarhaven would recover. Yarhaven declined to comment.",
            [("Yarhaven", "PERSON")],
        ),
    )
    assert (
        got["a", "Toyota Motor Corp."] == got["a", "Toyota"] == got["b", "Toyota Motor Corporation"]
    )
    yarhaven = got["c", "Yarhaven Industries AG"]
    assert got["c", "Yarhaven"] == got["d", "Yarhaven"] == yarhaven
    assert entities[yarhaven.pop()].type == "ORG"


def test_a_short_name_does_not_join_a_branch_an_event_or_a_place():
    got, _ = link(
        a=(
            "Ford Australia will close its plant, Ford said. Ford Australia employs 600.",
            [("Ford Australia", "ORG"), ("Ford", "ORG")],
        ),
        b=(
            "The Google Science Fair opened. Google paid for it.",
            [("Google Science Fair", "ORG"), ("Google", "ORG")],
        ),
        c=(
            "Singapore Airlines added flights. Singapore welcomed the news. Singapore grew.",
            [("Singapore Airlines", "ORG"), ("Singapore", "GPE")],
        ),
    )
    assert got["a", "Ford"] != got["a", "Ford Australia"]
    assert got["b", "Google"] != got["b", "Google Science Fair"]
    assert got["c", "Singapore"] != got["c", "Singapore Airlines"]


def test_a_companys_own_name_is_not_taken_by_a_few_articles_on_a_namesake():
    got, _ = link(
        a=(
            "Apple Inc. sold more phones. Apple said demand held.",
            [("Apple Inc.", "ORG"), ("Apple", "ORG")],
        ),
        b=("Apple opened a store in Paris.", [("Apple", "ORG"), ("Paris", "GPE")]),
        c=(
            "Apple Records reissued an album. Apple Records said so, and Apple agreed.",
            [("Apple Records", "ORG"), ("Apple", "ORG")],
        ),
    )
    assert got["a", "Apple Inc."] == got["a", "Apple"] == got["b", "Apple"]
    assert got["c", "Apple Records"] != got["b", "Apple"]


def test_a_surname_goes_before_a_companys_short_name_and_first_names_to_the_nearest_before():
    got, _ = link(
        a=(
            "Katherine Kessler joined Kessler Semiconductor AG in May. Kessler said the move "
            "was right. Steve Ortiz and Steve Walsh spoke; Steve Walsh left, and Steve stayed.",
            [
                ("Katherine Kessler", "PERSON"),
                ("Kessler Semiconductor AG", "ORG"),
                ("Kessler", "PERSON"),
                ("Steve Ortiz", "PERSON"),
                ("Steve Walsh", "PERSON"),
                ("Steve", "PERSON"),
            ],
        )
    )
    assert got["a", "Kessler"] == got["a", "Katherine Kessler"]
    assert got["a", "Steve"] == got["a", "Steve Walsh"]
    got, _ = link(
        a=(
            "Steve said hello before Steve Ortiz and Steve Walsh arrived.",
            [("Steve Ortiz", "PERSON"), ("Steve Walsh", "PERSON"), ("Steve", "PERSON")],
        )
    )
    assert got["a", "Steve"] == {"person:steve"}  # no full name before it: left alone


def test_acronyms_defined_in_text_initials_and_mixed_case():
    got, _ = link(
        a=(
            "The Organisation for Economic Co-operation and Development (OECD) cut its outlook. "
            "The OECD said growth would slow.",
            [("Organisation for Economic Co-operation and Development", "ORG"), ("OECD", "ORG")],
        ),
        b=(
            "The Bank of England held rates. The BoE said inflation eased.",
            [("Bank of England", "ORG"), ("BoE", "ORG")],
        ),
        c=(
            "Glenium Steel Co. (GSC) raised prices; GSC blamed ore costs.",
            [("Glenium Steel Co.", "ORG"), ("GSC", "ORG")],
        ),
        d=("Electronic Arts said EA would cut jobs.", [("Electronic Arts", "ORG"), ("EA", "ORG")]),
        e=("EVA Airways added flights to Taipei.", [("EVA Airways", "ORG"), ("Taipei", "GPE")]),
    )
    assert got["a", "OECD"] == got["a", "Organisation for Economic Co-operation and Development"]
    assert got["b", "BoE"] == got["b", "Bank of England"]
    assert got["c", "GSC"] == got["c", "Glenium Steel Co."]
    assert got["d", "EA"] == got["d", "Electronic Arts"] != got["e", "EVA Airways"]


def test_well_known_short_forms_and_wire_sign_offs():
    got, _ = link(
        a=(
            "The Fed held rates, and the Federal Reserve Board said it would wait.\n Reuter\n",
            [("Fed", "ORG"), ("Federal Reserve Board", "ORG")],
        ),
        b=(
            "The Federal Reserve raised rates on Wednesday.\n Reuter\n",
            [("Federal Reserve", "ORG")],
        ),
    )
    assert got["a", "Fed"] == got["a", "Federal Reserve Board"] == got["b", "Federal Reserve"]
    assert got["a", "Reuter"] == got["b", "Reuter"] == {"org:reuters"}


def test_datelines_name_places_and_state_abbreviations_their_states():
    got, entities = link(
        a=(
            "WICHITA, Kan, April 2 - Plains Grain Co said sales rose in Kansas.\n",
            [("Plains Grain Co", "ORG"), ("Kansas", "GPE")],
        ),
        b=(
            "SAN JOSE, Calif., March 27 - Calmar Industries said it would hire. California "
            "agreed.\n",
            [("SAN JOSE", "ORG"), ("Calmar Industries", "ORG"), ("California", "GPE")],
        ),
        c=(
            "SEATTLE, Wash., May 1 - Rainier Foods Inc cut prices, Washington officials said.\n",
            [("Rainier Foods Inc", "ORG"), ("Washington", "GPE")],
        ),
    )
    assert got["a", "WICHITA"] and got["a", "Kan"] == got["a", "Kansas"]
    assert got["b", "Calif."] == got["b", "California"]
    assert entities[got["b", "SAN JOSE"].pop()].type == "GPE"
    assert got["c", "Wash."] != got["c", "Washington"]  # the state, not the capital


def test_a_demonyms_singular_and_plural_are_one_people():
    got, entities = link(
        a=(
            "German exports rose, and Germans bought more cars. Germany grew.",
            [("German", "NORP"), ("Germans", "NORP"), ("Germany", "GPE")],
        ),
        b=(
            "Ukrainian officials met. Ukrainians voted.",
            [("Ukrainian", "GPE"), ("Ukrainians", "NORP")],
        ),
    )
    assert got["a", "German"] == got["a", "Germans"] != got["a", "Germany"]
    ukrainians = got["b", "Ukrainian"]
    assert ukrainians == got["b", "Ukrainians"] and entities[ukrainians.pop()].type == "NORP"


def test_a_countrys_institution_is_one_entity_however_the_country_is_written():
    got, _ = link(
        a=(
            "The U.S. Navy said a destroyer sailed. The Navy said more would follow.",
            [("U.S. Navy", "ORG"), ("Navy", "ORG")],
        ),
        b=(
            "The US Navy and the United States Navy are one; the Department of Energy and "
            "the Energy Department too.",
            [
                ("US Navy", "ORG"),
                ("United States Navy", "ORG"),
                ("Department of Energy", "ORG"),
                ("Energy Department", "ORG"),
            ],
        ),
        c=(
            "The Navy awarded a contract. The US Federal Reserve and the Federal Reserve met.",
            [("Navy", "ORG"), ("US Federal Reserve", "ORG"), ("Federal Reserve", "ORG")],
        ),
        d=(
            "The German Navy and the Japanese government spoke.",
            [("German Navy", "ORG"), ("Japanese", "NORP")],
        ),
    )
    navy = got["a", "U.S. Navy"]
    assert got["a", "Navy"] == got["b", "US Navy"] == got["b", "United States Navy"] == navy
    assert got["c", "Navy"] == navy  # the only country's navy in play with a short name
    assert got["b", "Department of Energy"] == got["b", "Energy Department"]
    assert got["c", "US Federal Reserve"] == got["c", "Federal Reserve"] == {"org:federal-reserve"}
    assert got["d", "German Navy"] != navy


def test_several_words_can_be_a_short_name_and_partners_go_by_the_first():
    got, _ = link(
        a=(
            "Baird-Lowe Advisors raised its rating; Baird-Lowe said demand held.",
            [("Baird-Lowe Advisors", "ORG"), ("Baird-Lowe", "ORG")],
        ),
        b=(
            "Kellner & Voss advised the board. Kellner declined to comment.",
            [("Kellner & Voss", "ORG"), ("Kellner", "PERSON")],
        ),
    )
    assert got["a", "Baird-Lowe"] == got["a", "Baird-Lowe Advisors"]
    assert got["b", "Kellner"] == got["b", "Kellner & Voss"]


def test_span_repairs_acronym_in_brackets_surname_particles_and_names_cut_at_and():
    text = (
        "Federated Grain Handlers (FGH) officials met. Ana de la Cruz and Henry al-Rashid "
        "spoke for the Electrical and Machine Trades Union; de la Cruz left."
    )
    spans = [
        (0, len("Federated Grain Handlers (FGH"), "ORG"),
        (text.index("Ana"), text.index(" and Henry"), "PERSON"),
        (text.index("Rashid"), text.index(" spoke"), "PERSON"),
        (text.index("Electrical"), text.index(" and Machine"), "ORG"),
        (text.index("Machine"), text.index(";"), "ORG"),
        (text.index("Cruz left"), text.index(" left"), "PERSON"),
    ]
    got = [(m.text, m.label) for m in clean_entities(text, spans)]
    assert got == [
        ("Federated Grain Handlers", "ORG"),
        ("FGH", "ORG"),
        ("Ana de la Cruz", "PERSON"),
        ("al-Rashid", "PERSON"),
        ("Electrical and Machine Trades Union", "ORG"),
        ("de la Cruz", "PERSON"),
    ]


def test_a_title_case_headline_tags_only_names_the_story_knows():
    text = (
        "Yarhaven Accepts Pellvale's Sweetened Offer\n\nBOISE, Idaho (The Civic Post) — "
        "Yarhaven Industries said on Monday it accepted the offer from Pellvale Freight."
    )
    spans = [
        (0, len("Yarhaven Accepts Pellvale"), "PERSON"),
        (text.index("Yarhaven Industries"), text.index(" said"), "ORG"),
        (text.index("Pellvale Freight"), len(text) - 1, "ORG"),
    ]
    got = [(m.text, m.label) for m in clean_entities(text, spans)]
    assert got == [
        ("Yarhaven", "ORG"),
        ("Pellvale", "ORG"),
        ("BOISE", "GPE"),
        ("Idaho", "GPE"),
        ("Civic Post", "ORG"),
        ("Yarhaven Industries", "ORG"),
        ("Pellvale Freight", "ORG"),
    ]


def test_a_seat_of_government_is_its_government_unless_switched_off():
    from reader.entities.aliases import AliasTable

    docs = {
        "a": (
            "The White House said the U.S. government would act. Washington agreed.",
            [("White House", "ORG"), ("U.S. government", "ORG"), ("Washington", "GPE")],
        ),
        "b": (
            "The Kremlin spoke, and the Russian government said no. Russia waited.",
            [("Kremlin", "ORG"), ("Russian government", "ORG"), ("Russia", "GPE")],
        ),
    }
    got, _entities = link(**docs)
    assert got["a", "White House"] == got["a", "U.S. government"] != got["a", "Washington"]
    assert got["b", "Kremlin"] == got["b", "Russian government"] != got["b", "Russia"]
    prepared = {}
    for d, (text, pairs) in docs.items():
        spans = [(m.start, m.end, m.label) for m in mentions_in(text, *pairs)]
        prepared[d] = (text, clean_entities(text, spans))
    linked, _ = link_collection(prepared, AliasTable.load(seats=False))
    ids = {(m.doc, m.text): m.entity for m in linked}
    assert ids["a", "White House"] != ids["a", "U.S. government"]


def test_the_seats_option_is_read_from_the_environment(monkeypatch, tmp_path):
    from reader.config import Settings

    assert Settings.resolve(tmp_path, tmp_path).link_seats
    monkeypatch.setenv("READER_SEATS", "off")
    assert not Settings.resolve(tmp_path, tmp_path).link_seats


def test_a_name_the_model_cut_in_two_is_one_but_not_a_caption_or_a_title():
    text = (
        "Ryanair chief Michael O\u2019Leary said fares would rise. Lockheed Martin and "
        "Chrysler LLC declined. NASA Bill Ingalls took the photo for Secretary of State "
        "Antony Blinken."
    )
    spans = [
        _at(text, "Michael", "PERSON"),
        _at(text, "Lockheed", "ORG"),
        _at(text, "Martin", "PRODUCT"),
        _at(text, "Chrysler", "ORG"),
        _at(text, "NASA", "ORG"),
        _at(text, "Bill Ingalls", "PERSON"),
        _at(text, "State", "ORG"),
        _at(text, "Antony Blinken", "PERSON"),
    ]
    got = [(m.text, m.label) for m in clean_entities(text, spans)]
    assert got == [
        ("Michael O\u2019Leary", "PERSON"),
        ("Lockheed Martin", "ORG"),
        ("Chrysler LLC", "ORG"),
        ("NASA", "ORG"),
        ("Bill Ingalls", "PERSON"),
        ("Antony Blinken", "PERSON"),
    ]


def _at(text, name, label):
    start = text.index(name)
    return (start, start + len(name), label)


def test_products_and_plurals_join_their_name_in_the_article():
    got, _ = link(
        a=(
            "Sales of the Ford Taurus fell, and the Taurus is ageing. Ford said so.",
            [("Ford Taurus", "PRODUCT"), ("Taurus", "PRODUCT"), ("Ford", "ORG")],
        ),
        b=(
            "GM and Chrysler merged; the two GMs of old are gone. The iPod sold well, and iPods "
            "still sell.",
            [
                ("GM", "ORG"),
                ("Chrysler", "ORG"),
                ("GMs", "ORG"),
                ("iPod", "PRODUCT"),
                ("iPods", "PRODUCT"),
            ],
        ),
    )
    assert got["a", "Taurus"] == got["a", "Ford Taurus"] != got["a", "Ford"]
    assert got["b", "GMs"] == got["b", "GM"] and got["b", "iPods"] == got["b", "iPod"]


def test_a_companys_first_word_is_its_short_name_in_its_article():
    got, entities = link(
        a=(
            "Meridian Peak Capital raised a new fund. Meridian said investors were keen, and "
            "Meridian partners agreed.",
            [("Meridian Peak Capital", "ORG"), ("Meridian", "NORP")],
        ),
        b=(
            "Braeova Seed Inc. cut prices. Braeova blamed the weather; Braeova shares fell.",
            [("Braeova Seed Inc.", "ORG"), ("Braeova", "PERSON")],
        ),
        c=(
            "Ford Australia Holdings will close a plant. Ford said demand fell elsewhere.",
            [("Ford Australia Holdings", "ORG"), ("Ford", "ORG")],
        ),
        d=(
            "Apple Inc. and Apple Records Ltd. settled. Apple said the deal was fair.",
            [("Apple Inc.", "ORG"), ("Apple Records Ltd.", "ORG"), ("Apple", "ORG")],
        ),
        e=(
            "Lindqvist Grain Cooperative cut jobs. Lindqvist did not comment.",
            [("Lindqvist Grain Cooperative", "ORG"), ("Lindqvist", "ORG")],
        ),
    )
    meridian = got["a", "Meridian Peak Capital"]
    assert got["a", "Meridian"] == meridian
    assert entities[next(iter(meridian))].type == "ORG"
    assert got["b", "Braeova"] == got["b", "Braeova Seed Inc."]
    # guards: a branch named by a place; the first word a company of its own here;
    # a name that ends in no word of business and had no legal form
    assert got["c", "Ford"] != got["c", "Ford Australia Holdings"]
    assert got["d", "Apple"] == got["d", "Apple Inc."] != got["d", "Apple Records Ltd."]
    assert got["e", "Lindqvist"] != got["e", "Lindqvist Grain Cooperative"]


def test_a_company_written_with_its_legal_form_is_a_mention_the_model_missed_or_not():
    text = (
        "HADLEY CO REPORTS PROFIT\n\n"
        "OSAKA, Sept 18 - Hadley Insurance Co Ltd said Janet Zimmer will retire. Shares of "
        "Hadley Co's parent rose.\n\nMerrill Lynch and Co advised Bank of Nova Scotia Ltd. "
        "The Pellworth Freight\nInc unit and Dorsey Mills Corp agreed, analysts at Kestrel "
        "Partners Inc said. Yesterday Orvane AG sold shares it had bought yesterday."
    )
    spans = [
        _at(text, "Janet Zimmer", "PERSON"),
        _at(text, "Merrill Lynch", "PERSON"),  # cut, and typed wrong: the name wins
        _at(text, "Kestrel Partners Inc said", "ORG"),  # crosses the name: the model's stays
    ]
    got = [(m.text, m.label) for m in clean_entities(text, spans)]
    assert ("Hadley Insurance Co Ltd", "ORG") in got
    assert ("Hadley Co", "ORG") in got  # not "Shares of Hadley Co", nor its "'s"
    assert ("Merrill Lynch and Co", "ORG") in got and ("Merrill Lynch", "PERSON") not in got
    assert ("Bank of Nova Scotia Ltd.", "ORG") in got  # "of" after a head word
    assert ("Pellworth Freight\nInc", "ORG") in got  # not "The", across a wrapped line
    assert ("Dorsey Mills Corp", "ORG") in got  # "and" after a legal form joins nothing
    assert ("Orvane AG", "ORG") in got  # "Yesterday" is written in lower case too
    assert not any(t.startswith("Kestrel") and t != "Kestrel Partners Inc said" for t, _ in got)
    # a headline in capitals: every word capitalised, only the name found below
    assert [m.text for m in clean_entities(text, spans) if m.start < text.index("\n")] == [
        "HADLEY CO"
    ]


def test_a_datelines_date_run_into_a_company_gives_way_to_it():
    text = "LONDON, July 14 - Stroud Chemicals Inc said sales rose."
    got = clean_entities(text, [_at(text, "July 14 - Stroud Chemicals Inc", "DATE")])
    assert [(m.text, m.label) for m in got if m.label != "GPE"] == [
        ("July 14", "DATE"),
        ("Stroud Chemicals Inc", "ORG"),
    ]


def test_a_legal_form_ending_a_sentence_leaves_the_full_stop_unless_written_short():
    text = "It is made by Unilever PLC. Rivals include Acme Corp. Hadley S.A. and Chrysler LLC."
    got = [m.text for m in clean_entities(text, [_at(text, "Chrysler", "ORG")])]
    assert got == ["Unilever PLC", "Acme Corp.", "Hadley S.A.", "Chrysler LLC"]


def test_companies_with_their_legal_form_in_a_long_text_each_replace_what_lies_inside():
    from reader.entities.spans import legal_form_names
    from reader.entities.types import RawMention

    part = "LONDON, July 14 - Hadley Insurance Co Ltd said Zimmer of Orvane AG agreed.\n"
    text = part * 2000
    mentions = []
    for k in range(2000):
        at = k * len(part)
        date = at + part.index("July 14 - Hadley")
        hadley = at + part.index("Hadley")
        mentions.append(RawMention(date, hadley + 6, text[date : hadley + 6], "DATE"))
        orvane = at + part.index("Orvane")
        mentions.append(RawMention(orvane, orvane + 6, "Orvane", "PERSON"))
    got = legal_form_names(text, mentions)
    names = [m.text for m in got]
    assert names.count("Hadley Insurance Co Ltd") == names.count("Orvane AG") == 2000
    assert names.count("July 14") == 2000 and "Orvane" not in names
    assert len(got) == 6000
