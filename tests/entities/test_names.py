from reader.entities.names import (
    acronym,
    edge_junk_lens,
    is_all_caps,
    leading_the_len,
    name_key,
    possessive_len,
    slug,
    title_prefix_len,
)


def test_name_key_folds_case_the_possessive_accents_and_dots():
    assert name_key("The Kremlin's") == "kremlin"
    assert name_key("RUSSIA") == name_key("Russia") == "russia"
    assert name_key("U.S.") == "us"
    assert name_key("Zürich") == "zurich"
    assert name_key("Russia\u2019s") == "russia"
    assert name_key("  Luhansk   People's Republic ") == "luhansk peoples republic"


def test_name_key_strips_titles_and_roles():
    assert name_key("President Putin") == "putin"
    assert name_key("Secretary of State Antony Blinken") == "antony blinken"
    assert name_key("Russian President Vladimir Putin") == "vladimir putin"
    # a title alone, or a title-like word inside a name, stays
    assert name_key("President") == "president"
    assert name_key("State Department") == "state department"


def test_title_prefix_len_needs_a_capitalised_name_after():
    assert title_prefix_len("Secretary of State Antony Blinken") == (
        len("Secretary of State "),
        True,
    )
    assert title_prefix_len("Kremlin spokesman Dmitry Peskov")[1] is True
    assert title_prefix_len("President of the company")[0] == 0
    assert title_prefix_len("Vladimir Putin") == (0, False)


def test_span_trim_helpers():
    assert leading_the_len("the West") == 4
    assert leading_the_len("The") == 0
    assert possessive_len("Russia's") == 2
    assert possessive_len("Jones'") == 1
    assert possessive_len("Wales") == 0
    assert edge_junk_lens('"Kiev regime,"') == (1, 2)
    assert edge_junk_lens("U.S.") == (0, 0)
    assert edge_junk_lens("Kyiv.") == (0, 1)


def test_misc_helpers():
    assert acronym("united nations") == "un"
    assert acronym("north atlantic treaty organization") == "nato"
    assert acronym("russia") == ""
    assert is_all_caps("LUHANSK PEOPLE'S REPUBLIC")
    assert not is_all_caps("Luhansk")
    assert slug("luhansk peoples republic") == "luhansk-peoples-republic"


def test_a_title_word_that_is_part_of_an_organisation_name_stays():
    # What remains would end in an organisation or place word: the title is the name's.
    for name in (
        "General Motors",
        "General Dynamics Corp.",
        "Justice Department",
        "General Assembly",
        "General Staff",
        "Prince Edward Island",
        "Admiral Insurance",
    ):
        assert title_prefix_len(name) == (0, False), name
        assert name_key(name) == name_key(name.lower()), name
    # A title that also opens company names is kept by the key ("General Mills"
    # reaches linking whole only when typed ORG: people lose their titles earlier).
    assert name_key("General Mills") == "general mills"
    assert name_key("King Features Syndicate") == "king features syndicate"
    # Person titles before a person's name still go.
    assert name_key("Chancellor Olaf Scholz") == "olaf scholz"
    assert name_key("General Mark Milley") == "general mark milley"
    assert title_prefix_len("General Mark Milley") == (8, True)
