"""Issue 12's linking rules for business and world news, each with its guards:
a name of several words the collection found once is a mention wherever it
stands; "Amazon.com" is Amazon; "the Commission" is the one just named;
"Goldman" is the Goldman Sachs of its article; a headline's verb is no part
of a name. Every article here is written for the rule it checks."""

from __future__ import annotations

from reader.entities.extract import clean_entities
from tests.entities.test_business_linking import link


def test_a_name_of_several_words_found_once_is_a_mention_where_the_model_missed_it():
    got, _ = link(
        a=(
            "Redstone Bancorp Corp raised its prime rate. Cheer spread among lenders.",
            [("Redstone Bancorp Corp", "ORG"), ("Cheer", "PERSON")],
        ),
        b=(
            "Redstone Bancorp Corp said deposits grew in Ohio. Cheer was muted.",
            [("Ohio", "GPE")],
        ),
    )
    assert got["b", "Redstone Bancorp Corp"] == got["a", "Redstone Bancorp Corp"]
    # one word found once may be the model's slip: not looked for elsewhere
    assert ("b", "Cheer") not in got


def test_a_company_named_by_its_web_address_is_the_company():
    got, _ = link(
        a=("Amazon.com Inc. raised prices in Ohio.", [("Amazon.com Inc.", "ORG"), ("Ohio", "GPE")]),
        b=("Amazon hired 5,000 workers.", [("Amazon", "ORG")]),
        c=("Sales at Amazon.com rose.", [("Amazon.com", "ORG")]),
        d=("X.com and X both filed.", [("X.com", "ORG"), ("X", "ORG")]),
    )
    assert got["a", "Amazon.com Inc."] == got["b", "Amazon"] == got["c", "Amazon.com"]
    assert got["d", "X.com"] != got["d", "X"]  # two letters at least before the ending


def test_the_commission_is_the_one_named_last_before_it():
    got, _ = link(
        a=(
            "The European Commission fined the bank. The Commission said it would appeal.",
            [("European Commission", "ORG"), ("Commission", "ORG")],
        ),
        b=(
            "The European Commission and the Federal Trade Commission both looked at the "
            "deal. The Commission in Washington approved it.",
            [
                ("European Commission", "ORG"),
                ("Federal Trade Commission", "ORG"),
                ("Commission", "ORG"),
                ("Washington", "GPE"),
            ],
        ),
        c=(
            "The Commission met on Monday. Later the Securities Commission spoke.",
            [("Commission", "ORG"), ("Securities Commission", "ORG")],
        ),
    )
    assert got["a", "Commission"] == got["a", "European Commission"]
    assert got["b", "Commission"] == got["b", "Federal Trade Commission"]
    # nothing named before it: it stays apart
    assert got["c", "Commission"] != got["c", "Securities Commission"]


def test_the_first_word_of_a_two_word_company_is_that_company_in_its_article():
    got, _ = link(
        a=(
            "Goldman Sachs advised the buyer. Goldman earned 40 million dollars in fees.",
            [("Goldman Sachs", "ORG"), ("Goldman", "ORG")],
        ),
        b=(
            "Ford Australia will close a plant, Ford said.",
            [("Ford Australia", "ORG"), ("Ford", "ORG")],
        ),
        c=(
            "Tomas Berndt joined Berndt Haulage. Berndt said the move was overdue.",
            [("Tomas Berndt", "PERSON"), ("Berndt Haulage", "ORG"), ("Berndt", "PERSON")],
        ),
    )
    assert got["a", "Goldman"] == got["a", "Goldman Sachs"]
    assert got["b", "Ford"] != got["b", "Ford Australia"]  # a branch in a place
    assert got["c", "Berndt"] == got["c", "Tomas Berndt"]  # typed PERSON: a surname


def _clean(text, *pairs):
    from tests.entities.conftest import mentions_in

    spans = [(m.start, m.end, m.label) for m in mentions_in(text, *pairs)]
    return [m.text for m in clean_entities(text, spans)]


def test_a_headlines_verb_is_no_part_of_the_name_after_it():
    text = (
        "Westcrest Agrees to Acquire Westley in $3 billion Deal\n\n"
        "Westley Financial PLC has agreed to a takeover by Westcrest.\n"
    )
    found = _clean(text, ("Westcrest", "ORG"), ("Acquire Westley", "PERSON"))
    assert "Acquire Westley" not in found and found.count("Westley") == 1  # the headline's
    assert "Westley Financial PLC" in found  # the body's: a company with its legal form
    text = "Harbour Group Says it will Expand Norland Service\n\nIt will expand Norland services.\n"
    assert "Norland" in _clean(text, ("Expand Norland", "ORG"))


def test_a_headline_name_the_body_repeats_or_a_body_line_keeps_its_first_word():
    text = "Unions Talk to General Motors as a Strike Looms\n\nGeneral Motors said it would talk.\n"
    assert "General Motors" in _clean(text, ("General Motors", "ORG"))
    text = "Trip to New York Pays Off for a Small Firm\n\nIn New York, sales rose.\n"
    assert _clean(text, ("New York", "GPE")).count("New York") == 2
    text = "Deal Done\n\nThe board agreed to Acquire Westley, it said. Westley agreed.\n"
    assert "Acquire Westley" in _clean(text, ("Acquire Westley", "ORG"))


def test_a_state_after_a_town_and_a_comma_is_the_state_not_the_city_or_country():
    got, entities = link(
        a=(
            "Boeing builds jets in Everett, Washington, and tests them there.",
            [("Boeing", "ORG"), ("Everett", "GPE"), ("Washington", "GPE")],
        ),
        b=("Talks in Washington stalled on Monday.", [("Washington", "GPE")]),
        c=(
            "Its plant in Savannah, Georgia, hired 300. Georgia, the country, buys gas.",
            [("Savannah", "GPE"), ("Georgia", "GPE")],
        ),
        d=(
            "Officials in Tbilisi, Georgia, signed the deal. Georgia exports wine.",
            [("Tbilisi", "GPE"), ("Georgia", "GPE")],
        ),
    )
    state = got["a", "Washington"]
    assert state != got["b", "Washington"]
    assert [entities[e].name for e in state] == ["Washington (U.S. state)"]
    assert len(got["c", "Georgia"]) == 2  # the state after Savannah; the country after it
    # a capital before it: that country's town, and the country
    assert len(got["d", "Georgia"]) == 1 and got["d", "Georgia"] < got["c", "Georgia"]


def test_a_spelling_the_alias_file_knows_is_a_mention_where_another_was_found():
    got, entities = link(
        a=(
            "Shelling hit Kiev overnight, officials in the capital said.",
            [("Kiev", "GPE")],
        ),
        b=(
            "Talks between Moscow and Kyiv stalled on Friday.",
            [("Moscow", "GPE")],
        ),
        c=(
            "Germany raised its forecast. Exporters in German ports were glad.\n\nWHO CARES, "
            "ASKED THE US PAPER.",
            [("Germany", "GPE"), ("Germany", "GPE")],
        ),
        d=("Visitors from Germany came.", [("Germany", "GPE")]),
        e=("The United States and the US Navy met.", [("United States", "GPE")]),
        f=("America voted. The U.S. waited.", [("America", "GPE")]),
        g=(
            "The International Monetary Fund (IMF) met. IMF staff left.\n\nIMF TALKS END",
            [("International Monetary Fund", "ORG")],
        ),
    )
    # found once, in one spelling: the other spelling is tagged where it stands
    assert got["b", "Kyiv"] == got["a", "Kiev"] == {"gpe:kyiv"}
    assert entities["gpe:kyiv"].mention_count == 2
    # a demonym is no spelling of its country (a group of its own), and a
    # spelling of fewer than four characters is never looked for in a line in
    # capitals ("WHO CARES, ASKED THE US PAPER")
    assert ("c", "German") not in got
    assert ("c", "WHO") not in got and ("c", "US") not in got
    # "U.S." (four characters) is, once "America" or "United States" was found
    assert got["f", "U.S."] == got["f", "America"]
    # a short one in capitals is, outside a line in capitals
    assert got["g", "IMF"] == got["g", "International Monetary Fund"]
    (imf,) = got["g", "IMF"]
    assert entities[imf].mention_count == 3  # not the headline's


def test_the_federation_is_the_place_just_named_by_its_long_name():
    got, _ = link(
        a=(
            "Officials of the Russian Federation met. Support for joining the Federation was "
            "high, the ministry said.",
            [("Russian Federation", "ORG"), ("Federation", "ORG")],
        ),
        b=(
            "Russia was told on Monday. The Football Federation fined the club, and the "
            "Federation said it would not appeal.",
            [("Russia", "GPE"), ("Football Federation", "ORG"), ("Federation", "ORG")],
        ),
    )
    assert got["a", "Federation"] == got["a", "Russian Federation"]
    assert next(iter(got["a", "Federation"])).endswith(":russia")
    # the one named last before it
    assert got["b", "Federation"] == got["b", "Football Federation"] != got["b", "Russia"]


def test_a_short_spelling_is_tagged_outside_lines_in_capitals_wherever_it_stands():
    import random
    import re

    from reader.entities.propagate import NameIndex, propagate

    index = NameIndex({"US": "GPE"}, caps_shy={"US"})
    rng = random.Random(7)
    for _ in range(300):
        text = "".join(rng.choice(["US ", "us ", "\n", "A ", "b ", "US\n"]) for _ in range(60))
        want = []
        for m in re.finditer(r"(?<![\w&.'\u2019-])US(?![\w&-])", text):
            start = text.rfind("\n", 0, m.start()) + 1
            end = text.find("\n", m.start())
            line = text[start : end if end >= 0 else len(text)]
            if line.upper() != line:
                want.append(m.start())
        assert [m.start for m in propagate(text, [], index)] == want, text
    # one long line in capitals: nothing, and each line is read once
    assert propagate("THE US SAID " * 20000, [], index) == []
