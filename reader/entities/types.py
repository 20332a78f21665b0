"""The entity vocabulary every layer shares: the labels reader keeps from the
model, their order and names on screen, and a mention as extraction makes it."""

from __future__ import annotations

from dataclasses import dataclass

#: The entity types, in the order lists show them (spaCy's OntoNotes labels).
ENTITY_LABELS = (
    "PERSON",
    "ORG",
    "GPE",
    "LOC",
    "NORP",
    "FAC",
    "EVENT",
    "PRODUCT",
    "WORK_OF_ART",
    "LAW",
)
#: What extraction keeps: the entity types and dates (marked in the text, never linked).
KEPT_LABELS = (*ENTITY_LABELS, "DATE")
#: Each entity type's name as a heading ("People", "Places").
LABEL_NAMES = {
    "PERSON": "People",
    "ORG": "Organisations",
    "GPE": "Places",
    "LOC": "Locations",
    "NORP": "Groups",
    "FAC": "Facilities",
    "EVENT": "Events",
    "PRODUCT": "Products",
    "WORK_OF_ART": "Works",
    "LAW": "Laws",
}


@dataclass(frozen=True, slots=True)
class RawMention:
    """A mention as extracted: character offsets into the article's text, its
    surface text and its label."""

    start: int
    end: int
    text: str
    label: str
