"""Running the NER pipeline over article texts and cleaning up the spans.

The model's raw entity spans are adjusted by general rules so that the spans we
store are the final mention spans (offsets are code points into the text):
- leading "the", titles and roles ("Secretary of State Antony Blinken" -> the name),
  trailing possessives ("Russia's") and stray punctuation are trimmed;
- a span that followed a person title is typed PERSON;
- types are corrected by form (organisation suffixes, "X People's Republic", ...)
  and by context (titles before, place nouns after, lists of places);
- later repeats of a found name the model missed are added (see propagate.py).
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING

from reader.textio import unwrap as unwrap

from . import names
from .layout import headline_verbs, layout_mentions
from .notnames import drop_not_names
from .propagate import own_names, propagate
from .spans import legal_form_names, repair_spans
from .types import KEPT_LABELS as KEPT_LABELS, RawMention as RawMention

if TYPE_CHECKING:
    from spacy.language import Language

_KEPT = frozenset(KEPT_LABELS)

# Head words (see _retype): organisation, facility, political unit (names.py).
ORG_HEAD_WORDS = names.ORG_HEAD_WORDS
FAC_HEAD_WORDS = names.FAC_HEAD_WORDS
GPE_HEAD_WORDS = names.GPE_HEAD_WORDS

# Nouns that, right after a name, show it names a place ("Kherson region").
PLACE_NOUNS = frozenset(
    {
        "region",
        "regions",
        "province",
        "provinces",
        "oblast",
        "oblasts",
        "city",
        "cities",
        "town",
        "towns",
        "village",
        "villages",
        "district",
        "districts",
        "county",
        "counties",
        "state",
        "states",
        "republic",
        "republics",
        "territory",
        "territories",
        "area",
        "areas",
        "regime",
    }
)
# Before a would-be person, these prepositions show a place ("fighting in Enerhodar").
PLACE_PREPOSITIONS = frozenset({"in", "near", "outside", "across", "throughout", "inside", "into"})
_COORD_RE = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)\s*")
_ACRONYM_RE = re.compile(r"(?![IVX]+$)[A-Z]{2,5}")  # not a regnal number ("Henry VIII")
_NEXT_WORD_RE = re.compile(r"[ \t]+([A-Za-z]+)")

# "mayor of X", "the town of X": X is a place (unless it names an organisation).
PLACE_OF_WORDS = frozenset(
    {
        "mayor",
        "mayors",
        "governor",
        "governors",
        "town",
        "city",
        "village",
        "province",
        "region",
        "district",
        "county",
        "oblast",
        "suburb",
        "suburbs",
        "outskirts",
        "municipality",
        "capital",
        "residents",
    }
)
_PLACE_OF_RE = re.compile(r"\b([A-Za-z]+)[ \t]+of[ \t]+(?:the[ \t]+)?$")
# Demonyms: "Ukrainian territory", "Chinese officials" name a people, not a place.
_DEMONYM_RE = re.compile(r"[A-Z][a-z]+(?:ian|ians|ese|ish)")
# Demonyms in -i cannot be told from places by their form (Israeli / Helsinki).
DEMONYMS_I = frozenset(
    """
Israeli Iraqi Pakistani Saudi Kuwaiti Yemeni Omani Qatari Bahraini Emirati Bangladeshi
Azerbaijani Somali Nepali Afghani Kazakhstani Uzbekistani Tajiki Bengali Punjabi Kashmiri
Israelis Iraqis Pakistanis Saudis Kuwaitis Yemenis Omanis Qataris Bahrainis Emiratis
Bangladeshis Azerbaijanis Somalis Nepalis Kashmiris
""".split()
)
# Photo credits: "(AP Photo)", "Reuters Pictures" name the agency.
_CREDIT_SUFFIX_RE = re.compile(r"[ \t]+(?:Photos?|Pictures|Photographer)$")
# A match report: a score between two sides ("Belgium 3 – 0 Panama", "lost 1-2 to").
_SCORE_RE = re.compile(r"(?<![\d/.,:-])\d{1,2}[ \t]?[\u2013\u2014-][ \t]?\d{1,2}(?![\d/.,:%-])")
_SCORE_HINT_RE = re.compile(r"[\u2013\u2014-][ \t]?\d")
_SPORT_WORDS_RE = re.compile(
    r"\b(?:match|matches|goal|goals|scored|scoring|penalty|striker|goalkeeper|midfielder|"
    r"defender|halftime|half-time|World Cup|tournament|league|innings|wickets?|referee|"
    r"kick-off|kickoff|equali[sz]ed?|semi-final|quarter-final|final whistle|stadium|Stadium)\b"
)
_CLAUSE_BREAK_RE = re.compile(r"[;.!?\n]")
TEAM_WINDOW = 60  # characters around a score where a place name is a team

# Part of the NER cache key: change when the rules below change meaning.
RULES_SIGNATURE = "titles+the+possessive+punct+orgheads+gpeheads+v3+placeof+demonyms+credits+teams+titlefrag+surnames+notnames+layout+unwrap+spans+headverbs+legalnames"

_PREV_WORD_RE = re.compile(r"\b([A-Za-z][\w.-]*)[ \t]+$")


def _head(text: str) -> str:
    """The head word, lower-cased: the last word, or the word before " of "."""
    words = text.split(" of ", 1)[0].split() if " of " in text else text.split()
    return words[-1].lower() if words else ""


def _retype(label: str, text: str) -> str:
    """Type corrections that follow from the form of the name alone.

    The head word decides: the last word, or the word before " of " ("Museum of
    Flight", "Ministry of Defence", "Republic of Korea").
    """
    words = text.split()
    if len(words) < 2 or label == "DATE":
        return label
    before_of = text.split(" of ", 1)[0].split() if " of " in text else words
    head = before_of[-1].lower()
    if head in ORG_HEAD_WORDS:
        return (
            "ORG"
            if label in ("PERSON", "GPE", "NORP", "LOC", "PRODUCT", "WORK_OF_ART", "FAC")
            else label
        )
    if head in FAC_HEAD_WORDS and label in (
        "ORG",
        "PERSON",
        "GPE",
        "EVENT",
        "PRODUCT",
        "WORK_OF_ART",
    ):
        return "FAC"
    if head in GPE_HEAD_WORDS and label in ("PERSON", "ORG", "NORP"):
        return "GPE"
    if head in names.COMPANY_END_WORDS and label == "PERSON":
        return "ORG"  # "General Motors", "Lockheed Martin Aerospace"
    return label


def clean_span(text: str, start: int, end: int, label: str) -> RawMention | None:
    """Apply the span rules to one model span of `text`; None when nothing is left."""
    surface = text[start:end]
    start, end = start + len(surface) - len(surface.lstrip()), start + len(surface.rstrip())
    surface = text[start:end]
    if label != "DATE":
        left, right = names.edge_junk_lens(surface)
        start, end = start + left, end - right
        surface = text[start:end]
        cut = names.leading_the_len(surface)
        start += cut
        surface = text[start:end]
        cut = names.possessive_len(surface)
        end -= cut
        surface = text[start:end]
        if label in ("PERSON", "ORG", "NORP", "GPE"):
            cut, is_person = names.title_prefix_len(surface)
            # Titles belong to person mentions only; for other labels we strip a
            # clear person title only ("President Putin" mislabelled ORG), and
            # never one that also opens organisation names from a span typed ORG
            # ("General Mills", "King Features").
            if cut and label == "ORG" and names.opens_organisations(surface[:cut]):
                cut = 0
            if cut and (label == "PERSON" or is_person):
                start += cut
                surface = text[start:end]
                if is_person:
                    label = "PERSON"
        left, right = names.edge_junk_lens(surface)
        start, end = start + left, end - right
        surface = text[start:end]
        if label == "ORG" and (credit := _CREDIT_SUFFIX_RE.search(surface)) and credit.start() > 0:
            end = start + credit.start()  # "AP Photo" -> "AP"
            surface = text[start:end]
        label = _retype(label, surface)
    if end <= start or not any(c.isalnum() for c in surface):
        return None
    return RawMention(start, end, surface, label)


def _caps_line(text: str, at: int) -> bool:
    """Whether the line holding `at` is an all-caps headline."""
    a = text.rfind("\n", 0, at) + 1
    b = text.find("\n", at)
    return names.is_all_caps(text[a : b if b >= 0 else len(text)])


def _prev_word(text: str, start: int) -> str:
    """The lower-cased word just before `start` on the same line ("" if none)."""
    m = _PREV_WORD_RE.search(text, max(0, start - 40), start)
    return m.group(1).lower() if m else ""


def _is_demonym(text: str) -> bool:
    from .demonyms import countries_of_demonym

    return countries_of_demonym(text.title() if text.isupper() else text) is not None


def _relabel(m: RawMention, label: str) -> RawMention:
    return m if m.label == label else RawMention(m.start, m.end, m.text, label)


def _place_of(text: str, start: int) -> bool:
    """Whether `start` follows "<place word> of" ("mayor of", "the town of the")."""
    m = _PLACE_OF_RE.search(text, max(0, start - 40), start)
    return m is not None and m.group(1).lower() in PLACE_OF_WORDS


def _is_title_fragment(text: str, m: RawMention, following: RawMention | None) -> bool:
    """A span made only of title words inside a title run: "State" in "Secretary of
    State Antony Blinken", "Emeritus" in "Emeritus Professor John Burr"."""
    words = [w.lower().rstrip(".") for w in m.text.split()]
    if not all(w in names.TITLE_WORDS or w in _EXTRA_TITLE_WORDS for w in words):
        return False
    before = _PREV_WORDS_RE.search(text, max(0, m.start - 40), m.start)
    if before and before.group(1).lower().rstrip(".") in names.TITLE_WORDS:
        return True  # "Secretary of State"
    after = _NEXT_WORD_RE.match(text, m.end)
    if after and after.group(1)[0].isupper() and after.group(1).lower() in names.TITLE_WORDS:
        return True  # "Emeritus Professor"
    return (
        following is not None
        and following.label == "PERSON"
        and text[m.end : following.start].strip() == ""
    )


_EXTRA_TITLE_WORDS = frozenset({"emeritus", "sheriff", "administrator", "spokesperson"})
_PREV_WORDS_RE = re.compile(r"\b([A-Za-z][\w.-]*)[ \t]+(?:of|for)[ \t]+$")


def _drop_title_fragments(text: str, mentions: list[RawMention]) -> list[RawMention]:
    keep = []
    for i, m in enumerate(mentions):
        if m.label in ("ORG", "GPE", "NORP", "FAC", "LOC", "PERSON") and _is_title_fragment(
            text, m, mentions[i + 1] if i + 1 < len(mentions) else None
        ):
            continue
        keep.append(m)
    return keep


def is_match_report(text: str) -> bool:
    """Whether the text reports games: a score and at least two sports words."""
    # cheap tests first: linking asks this of many articles
    if (
        "-" not in text and "\u2013" not in text and "\u2014" not in text
    ) or not _SCORE_HINT_RE.search(text):
        return False
    return _SCORE_RE.search(text) is not None and len(set(_SPORT_WORDS_RE.findall(text))) >= 2


def _trim_scores(text: str, mentions: list[RawMention]) -> list[RawMention]:
    """ "Sweden 1" in "Sweden 1 – 0 Korea": the number belongs to the score."""
    out = []
    for m in mentions:
        cut = _TRAILING_NUMBER_RE.search(m.text)
        if cut and cut.start() > 0 and _SCORE_RE.match(text, m.start + cut.start() + 1):
            end = m.start + cut.start()
            m = RawMention(m.start, end, text[m.start : end], m.label)
        out.append(m)
    return out


_TRAILING_NUMBER_RE = re.compile(r"[ \t]\d{1,2}$")


def _sports_teams(text: str, mentions: list[RawMention]) -> list[RawMention]:
    """In a match report, the places that play are teams (ORG): "Sweden defeated
    South Korea 1 – 0", "Group G — Belgium 3 – 0 Panama". A place within a clause
    of a score is a team; so are its other mentions in the article, and a
    one-word name that ends a team's name ("Korea" for "South Korea")."""
    if not is_match_report(text):
        return mentions
    mentions = _trim_scores(text, mentions)
    teams: set[str] = set()
    for score in _SCORE_RE.finditer(text):
        a, b = score.span()
        for m in mentions:
            if (
                m.label not in ("GPE", "LOC")
                or m.end < a - TEAM_WINDOW
                or m.start > b + TEAM_WINDOW
            ):
                continue
            between = text[m.end : a] if m.end <= a else text[b : m.start]
            if not _CLAUSE_BREAK_RE.search(between):
                teams.add(m.text)
    if not teams:
        return mentions
    teams |= {t.split()[-1] for t in teams if " " in t}
    return [
        _relabel(m, "ORG") if m.label in ("GPE", "LOC") and m.text in teams else m for m in mentions
    ]


def _surnames_make_people(mentions: list[RawMention]) -> list[RawMention]:
    """A two- or three-word name typed otherwise whose last word the model tags
    alone as a person in the same article is a person ("Dries Mertens" PRODUCT
    with "Mertens" PERSON)."""
    alone: dict[str, int] = {}
    for m in mentions:
        if " " not in m.text:
            alone[m.text] = alone.get(m.text, 0) + (1 if m.label == "PERSON" else -1)
    if not any(n > 0 for n in alone.values()):
        return mentions
    out = []
    for m in mentions:
        words = m.text.split()
        if (
            m.label in ("ORG", "PRODUCT", "WORK_OF_ART", "FAC", "GPE", "LOC", "NORP")
            and 2 <= len(words) <= 3
            and alone.get(words[-1], 0) > 0
            and all(w.isalpha() and w[0].isupper() and not w.isupper() for w in words)
            and _retype("PERSON", m.text) == "PERSON"
        ):
            m = _relabel(m, "PERSON")
        out.append(m)
    return out


def _coordinated_groups(text: str, mentions: list[RawMention]) -> Iterator[list[int]]:
    """Runs of mentions joined only by commas/"and"/"or" ("Luhansk, Kherson and X")."""
    group = [0] if mentions else []
    for i in range(1, len(mentions)):
        if _COORD_RE.fullmatch(text, mentions[i - 1].end, mentions[i].start):
            group.append(i)
        else:
            yield group
            group = [i]
    if group:
        yield group


def _context_types(text: str, mentions: list[RawMention]) -> list[RawMention]:
    """Type corrections from the words around a mention.

    - a person title just before it makes it a PERSON ("spokesman Dmitry Peskov");
    - a place noun just after it, or after the list it ends ("the Kherson and
      Zaporizhzhia regions"), or a place preposition before a would-be person
      ("in Enerhodar"), make it a GPE;
    - in a list, a one-word PERSON/ORG among GPE siblings is a GPE.
    """
    out = list(mentions)
    for group in _coordinated_groups(text, out):
        last = out[group[-1]]
        after = _NEXT_WORD_RE.match(text, last.end)
        place_noun = after is not None and after.group(1).lower() in PLACE_NOUNS
        gpe_siblings = sum(out[i].label in ("GPE", "LOC") for i in group)
        for i in group:
            m = out[i]
            if m.label in ("DATE", "NORP") or (len(m.text.split()) > 1 and m.label == "ORG"):
                continue
            one_word = " " not in m.text
            if (place_noun and (i == group[-1] or one_word) and m.label in ("PERSON", "ORG")) or (
                one_word
                and m.label in ("PERSON", "ORG")
                and len(group) > 2
                and gpe_siblings * 2 >= len(group)
            ):
                out[i] = _relabel(m, "GPE")
    for i, m in enumerate(out):
        if (
            m.label in ("GPE", "LOC")
            and " " not in m.text
            and (_DEMONYM_RE.fullmatch(m.text) or m.text in DEMONYMS_I)
        ) or (m.label in ("GPE", "LOC", "PERSON", "ORG") and _is_demonym(m.text)):
            out[i] = _relabel(m, "NORP")  # "Ukrainian officials", "Israeli", "South Korean"
            continue
        if (
            m.label in ("ORG", "PERSON", "NORP", "FAC")
            and len(m.text.split()) <= 3
            and _place_of(text, m.start)
            and _head(m.text) not in ORG_HEAD_WORDS | FAC_HEAD_WORDS
        ):
            out[i] = m = _relabel(m, "GPE")  # "mayor of Mariupol", "the town of Yeoncheon"
        if (
            m.label == "PERSON"
            and _ACRONYM_RE.fullmatch(m.text.split()[-1])
            and not _caps_line(text, m.start)
        ):
            out[i] = m = _relabel(m, "ORG")  # "DAB", "NASA": people are not written in capitals
        if m.label in ("DATE", "PERSON"):
            if (
                m.label == "PERSON"
                and _prev_word(text, m.start) in PLACE_PREPOSITIONS
                and names.possessive_len(text[m.start : m.end + 2]) == 0
            ):
                out[i] = _relabel(m, "GPE")
            continue
        if _prev_word(text, m.start).rstrip(".") in names.PERSON_TITLES:
            out[i] = _relabel(m, "PERSON")
    return out


def drop_overlaps(mentions: Iterable[RawMention]) -> list[RawMention]:
    """The mentions in text order, none overlapping another: of two that overlap,
    the longer stays (the earlier on a tie). Mentions in one article never
    overlap, so a word is one stop for the reader and one span in the export."""
    ordered = sorted(mentions, key=lambda m: (m.start, m.end))
    if all(a.end <= b.start for a, b in zip(ordered, ordered[1:])):
        return ordered
    kept: list[RawMention] = []
    for m in sorted(ordered, key=lambda m: (m.start - m.end, m.start)):
        if not any(k.start < m.end and m.start < k.end for k in kept):
            kept.append(m)
    return sorted(kept, key=lambda m: (m.start, m.end))


def clean_entities(text: str, spans: Iterable[tuple[int, int, str]]) -> list[RawMention]:
    """Clean the model's (start, end, label) spans of one text; keep only KEPT_LABELS.

    The result never holds two overlapping mentions: the model's own spans are
    kept over the copies propagation adds (it adds none that overlap), and of
    two model spans the clean-up brings to overlap, the longer (drop_overlaps).
    """
    out: list[RawMention] = []
    for start, end, label in spans:
        if label not in _KEPT:
            continue
        mention = clean_span(text, start, end, label)
        if mention is not None:
            out.append(mention)
    out = legal_form_names(text, repair_spans(text, drop_not_names(text, out)))
    out = layout_mentions(text, drop_overlaps(out))
    out = headline_verbs(text, out)
    out = _drop_title_fragments(text, out)
    out = _context_types(text, out)
    out = _sports_teams(text, out)
    out = _surnames_make_people(out)

    added = propagate(text, out, own_names(out))
    return sorted(out + added, key=lambda m: (m.start, m.end)) if added else out


def extract_mentions(
    nlp: Language,
    texts: Iterable[str],
    *,
    n_process: int = 1,
    batch_size: int = 64,
    on_progress: Callable[[int], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> Iterator[list[RawMention]]:
    """Yield the cleaned mentions of each text, in input order.

    `on_progress(n)` is called with the number of texts done so far; when
    `should_stop()` turns true the generator ends early (after the current text).
    """
    texts = iter(texts)
    # Keep the original strings so offsets are into exactly what the caller gave.
    pending: deque[str] = deque()

    def feed() -> Iterator[str]:
        for t in texts:
            pending.append(t)
            yield unwrap(t)

    done = 0
    for doc in nlp.pipe(feed(), n_process=n_process, batch_size=batch_size):
        text = pending.popleft() if pending else doc.text
        spans = ((e.start_char, e.end_char, e.label_) for e in doc.ents)
        yield clean_entities(text, spans)
        done += 1
        if on_progress is not None:
            on_progress(done)
        if should_stop is not None and should_stop():
            return
