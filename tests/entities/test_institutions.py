"""A state and a country's institutions, however they are written: "the State
of Texas" is Texas, "the U.S. Republican Party" the Republican Party and "the
United Kingdom Home Office" the Home Office. Each article is written for the
rule it checks, with its guards."""

from __future__ import annotations

from tests.entities.test_business_linking import link


def test_the_state_of_a_us_state_is_the_state():
    got, entities = link(
        a=(
            "Lawmakers in Austin said the State of Texas would sue. Texas has sued "
            "before, and the Commonwealth of Virginia joined the case.",
            [
                ("State of Texas", "GPE"),
                ("Texas", "GPE"),
                ("Commonwealth of Virginia", "GPE"),
                ("Austin", "GPE"),
            ],
        ),
        b=(
            "Virginia and Texas filed first. The State of Washington filed later, "
            "from Olympia, not from Washington.",
            [
                ("Virginia", "GPE"),
                ("Texas", "GPE"),
                ("State of Washington", "GPE"),
                ("Olympia", "GPE"),
                ("Washington", "GPE"),
            ],
        ),
    )
    assert got["a", "State of Texas"] == got["a", "Texas"] == got["b", "Texas"]
    assert got["a", "Commonwealth of Virginia"] == got["b", "Virginia"]
    # the state of Washington is not the capital city
    assert got["b", "State of Washington"] != got["b", "Washington"]
    assert entities[got["b", "State of Washington"].pop()].type == "GPE"


def test_a_state_of_something_else_stays_itself():
    got, _ = link(
        a=(
            "The governor declared a State of Emergency in Texas. Texas then asked for aid.",
            [("State of Emergency", "ORG"), ("Texas", "GPE")],
        ),
    )
    assert got["a", "State of Emergency"] != got["a", "Texas"]


def test_a_party_or_an_office_named_with_its_country_is_the_one_named_without():
    got, _ = link(
        a=(
            "The U.S. Republican Party met in Ohio. The Republican Party chose its chair, "
            "and the Democratic Party did not comment.",
            [
                ("U.S. Republican Party", "ORG"),
                ("Republican Party", "ORG"),
                ("Democratic Party", "ORG"),
                ("Ohio", "GPE"),
            ],
        ),
        b=(
            "A letter from the United Kingdom Home Office reached the charity. The Home "
            "Office said the rules would change.",
            [("United Kingdom Home Office", "ORG"), ("Home Office", "ORG")],
        ),
    )
    assert got["a", "U.S. Republican Party"] == got["a", "Republican Party"]
    assert got["a", "Democratic Party"] != got["a", "Republican Party"]
    assert got["b", "United Kingdom Home Office"] == got["b", "Home Office"]


def test_a_party_named_alone_joins_a_country_s_only_when_one_is_in_play():
    got, _ = link(
        a=(
            "The German Social Democratic Party won. The Social Democratic Party will lead.",
            [("German Social Democratic Party", "ORG"), ("Social Democratic Party", "ORG")],
        ),
        b=(
            "The Swedish Social Democratic Party lost seats in Stockholm on Sunday.",
            [("Swedish Social Democratic Party", "ORG"), ("Stockholm", "GPE")],
        ),
        c=(
            "Observers said the Social Democratic Party had lost its way.",
            [("Social Democratic Party", "ORG")],
        ),
    )
    german, swedish = (
        got["a", "German Social Democratic Party"],
        got["b", "Swedish Social Democratic Party"],
    )
    assert got["a", "Social Democratic Party"] == german != swedish
    # two countries' parties of that name in play: the one named alone is neither
    assert got["c", "Social Democratic Party"] not in (german, swedish)
