"""Name normalisation helpers shared by extraction clean-up and linking.

Two layers:
- span helpers work on a mention's text and return how many characters to trim,
  so callers can move code-point offsets (titles, "the", possessives, punctuation);
- `name_key` maps a surface form to the comparison key used for clustering
  (ASCII-folded, case-folded, without "the"/possessive/titles/punctuation).
"""

from __future__ import annotations

import re
from functools import lru_cache

from anyascii import anyascii

from .demonyms import countries_of_demonym, demonym_countries, plural

# Words that can open a person mention without being part of the name.
# Lower-case; dotted abbreviations are matched without their dot.
TITLE_WORDS = frozenset(
    """
mr mrs ms miss mx dr prof professor sir dame lord lady madam rev reverend fr father
president presidents vice premier chancellor minister ministers secretary secretaries
senator sen rep representative congressman congresswoman congressmember governor gov
mayor king queen prince princess emperor empress pope cardinal archbishop bishop rabbi
imam ayatollah sheikh sultan emir general gen lieutenant lt colonel col major maj
captain capt commander cmdr admiral adm sergeant sgt corporal cpl officer detective
inspector commissioner judge justice ambassador envoy spokesman spokeswoman spokesperson
chairman chairwoman chairperson chair ceo cfo coo founder director chief head leader
deputy acting former late then president-elect prime foreign interior defense defence
finance health state attorney first lady speaker coach manager striker midfielder
goalkeeper defender forward quarterback pitcher actor actress singer rapper author
writer novelist journalist reporter correspondent editor analyst economist professor
dean provost principal pastor saint st.
""".split()
)

# Of these, the ones that only ever precede a person name: after stripping them
# the remaining span is a person ("President Putin" -> PERSON "Putin").
PERSON_TITLES = frozenset(
    """
mr mrs ms miss mx dr prof professor sir dame madam rev reverend president premier
chancellor minister secretary senator sen rep representative congressman congresswoman
governor gov mayor king queen prince princess emperor empress pope cardinal archbishop
bishop rabbi imam ayatollah sheikh sultan general gen lieutenant lt colonel col
captain capt commander admiral sergeant sgt detective inspector judge justice
ambassador spokesman spokeswoman spokesperson chairman chairwoman ceo coach
president-elect
""".split()
)

# Titles that also open the names of organisations ("General Motors", "King
# Features", "Admiral Insurance", "Captain Morgan"): never stripped from a span
# the model typed ORG.
_ORG_OPENING_TITLES = frozenset(
    """
general gen king queen prince princess emperor empress sultan emir admiral captain capt
commander justice judge governor pope cardinal bishop ambassador major lord royal
""".split()
)

# Last words that end names of organisations, facilities and political units,
# never a person's name: a title before them is part of the name ("General
# Motors", "Justice Department", "General Assembly", "Prince Edward Island").
ORG_HEAD_WORDS = frozenset(
    """
inc inc. corp corp. corporation co co. ltd ltd. llc plc ag gmbh company companies group
holdings bank university college institute school academy party council committee
commission agency authority ministry department office bureau service services
association federation league club org society foundation trust fund organization
organisation news times post press network channel airlines airways army navy
force forces police court parliament congress senate assembly government administration
""".split()
)
FAC_HEAD_WORDS = frozenset(
    {
        "center",
        "centre",
        "museum",
        "planetarium",
        "station",
        "base",
        "hall",
        "tower",
        "towers",
        "airport",
        "bridge",
        "stadium",
        "arena",
        "palace",
        "mosque",
        "cathedral",
        "temple",
        "building",
        "road",
        "street",
        "avenue",
        "boulevard",
        "square",
        "prison",
    }
)
GPE_HEAD_WORDS = frozenset(
    {
        "republic",
        "kingdom",
        "oblast",
        "province",
        "region",
        "county",
        "city",
        "state",
        "states",
        "emirates",
        "federation",
    }
)
# Words that end company and institution names and never a person's name: a
# span typed PERSON that ends in one is an organisation ("General Motors").
COMPANY_END_WORDS = frozenset(
    """
motors motor dynamics electric electronics industries systems technologies technology
staff board video records studios pictures entertainment pharmaceuticals foods
communications energy insurance securities investments media labs laboratories aerospace
petroleum oil chemicals instruments software airline
""".split()
)
# Words that say what line of business a company is in ("Yarhaven Industries",
# "Castellan Partners", "Honda Motor"): its name without them, its first word,
# is its short name. Plurals and singulars both.
COMPANY_DESCRIPTORS = COMPANY_END_WORDS | frozenset(
    """
partners research analytics securities capital markets economics advisors advisers advisory
ventures steel shipping engineering computer computers freight biosciences bioscience store
stores data medical manufacturing materials logistics bankshares bancorp underwriters
beverages brands machinery assurance realty grain networks agricultural metals microdevices
mines mining exploration publishing broadcasting rail railways railroad trust group holdings
holding international global worldwide enterprises resources properties development
diagnostics semiconductor semiconductors pharma pharmaceutical therapeutics power gas
utilities telecom telecommunications airways automotive aviation furnishings textiles paper
cement construction services solutions consulting games retail finance financial investment
management capital foods food health healthcare products apparel dynamics airlines bank
gold home motors electric
""".split()
)
_NOT_A_NAME_END = (
    ORG_HEAD_WORDS
    | FAC_HEAD_WORDS
    | GPE_HEAD_WORDS
    | COMPANY_END_WORDS
    | {"steel", "hospital", "island", "islands"}
)

# Connectors allowed inside a title run ("Secretary of State", "Minister for Health").
_TITLE_GLUE = frozenset({"of", "for", "the", "and", "-"})
# Capitalised modifiers such as "Russian President"/"US Senator": a demonym or
# short all-caps country code in front of a title word.
_DEMONYM_RE = re.compile(r"^[A-Z][a-z]+(?:an|ian|ese|ish|ic|i|ch|sh|ss)$|^[A-Z]{2,3}$|^U\.[SK]\.?$")

_TOKEN_RE = re.compile(r"\S+")
_POSSESSIVE_RE = re.compile(r"(?:['\u2019]s|s['\u2019])$")
_TRAILING_JUNK = ".,;:!?)]}\"'\u201d\u2019-\u2013\u2014"
_LEADING_JUNK = "([{\"'\u201c\u2018-\u2013\u2014 "
_KEY_DROP_RE = re.compile(r"[^\w\s&+]")


def _bare(word: str) -> str:
    return word.lower().rstrip(".,")


def leading_the_len(text: str) -> int:
    """Characters of a leading "the " (any case) to drop from a name span."""
    return (
        4 if text[:3].lower() == "the" and text[3:4] in (" ", "\n", "\t") and len(text) > 4 else 0
    )


def possessive_len(text: str) -> int:
    """Characters of a trailing possessive ("Russia's" -> 2, "Jones'" -> 1)."""
    if len(text) > 3 and text[-2:] in ("'s", "\u2019s", "'S", "\u2019S"):
        return 2
    if len(text) > 3 and text[-1] in "'\u2019" and text[-2] in "sS":
        return 1
    return 0


def edge_junk_lens(text: str) -> tuple[int, int]:
    """Unbalanced punctuation at the span's ends (quotes, brackets, dashes, commas).

    A trailing "." is kept after a single capital or known abbreviation ("U.S.",
    "Jr.", "Inc.") because it is part of the name.
    """
    left = len(text) - len(text.lstrip(_LEADING_JUNK))
    body = text[left:]
    stripped = body.rstrip(_TRAILING_JUNK + " ")
    right = len(body) - len(stripped)
    if (
        right
        and body[len(stripped)] == "."
        and (
            re.search(r"(?:\b[A-Z]|\bJr|\bSr|\bInc|\bCo|\bLtd|\bCorp|\bSt)$", stripped)
            or stripped.rsplit(None, 1)[-1] + "." in _dotted_abbreviations()
        )
    ):
        right -= 1  # "U.S.", "Jr.", "Calif."
    # Keep balanced closers: "(R)" style stays as is when the opener is inside.
    if right and ")" in body[len(stripped) :] and "(" in stripped:
        right = 0
    return left, right


@lru_cache(maxsize=1)
def _dotted_abbreviations() -> frozenset[str]:
    """Abbreviations written with a final period that belongs to the name: US
    states in AP style ("Calif.", "Pa."), from the `us` package."""
    import us

    return frozenset(
        s.ap_abbr for s in us.states.STATES_AND_TERRITORIES if s.ap_abbr and s.ap_abbr.endswith(".")
    )


def title_prefix_len(text: str) -> tuple[int, bool]:
    """Length of a leading title/role run, and whether it marks a person.

    "Secretary of State Antony Blinken" -> (19, True); "Kremlin spokesman Dmitry
    Peskov" -> (18, True). The run must hold a person title (so "State Department"
    is left alone) and be followed by a capitalised word.
    """
    tokens = [(m.start(), m.group()) for m in _TOKEN_RE.finditer(text)]
    cut = -1
    person = False
    modifiers = 0  # capitalised words before the first title ("Kremlin", "Google")
    for i, (_, word) in enumerate(tokens[:-1]):
        bare = _bare(word)
        if bare in TITLE_WORDS:
            cut = i
            person = person or bare in PERSON_TITLES
        elif bare in _TITLE_GLUE or _DEMONYM_RE.match(word.rstrip(".,")):
            continue
        elif cut < 0 and word[:1].isupper() and modifiers < 2:
            modifiers += 1
        else:
            break
    if cut < 0 or not person or not tokens[cut + 1][1][:1].isupper():
        return 0, False
    if _bare(tokens[-1][1]) in _NOT_A_NAME_END:
        return 0, False  # "General Motors", "Justice Department": the title is part of the name
    return tokens[cut + 1][0], True


def opens_organisations(title_run: str) -> bool:
    """Whether a title run holds a title that also opens organisation names
    ("General", "King", "Admiral"): such a run is kept on a span typed ORG."""
    return any(_bare(w) in _ORG_OPENING_TITLES for w in title_run.split())


def is_all_caps(text: str) -> bool:
    """ "LUHANSK", "U.S." (at least two characters, every cased one upper)."""
    return len(text) > 1 and text.isupper()


@lru_cache(maxsize=200_000)
def name_key(text: str) -> str:
    """Comparison key: "The Kremlin's" -> "kremlin", "U.S." -> "us", "KYIV" -> "kyiv"."""
    text = text.strip()
    text = text[leading_the_len(text) :]
    text = text[: len(text) - possessive_len(text)]
    cut, _ = title_prefix_len(text)
    # A span still holding a title that opens organisation names is one
    # (extraction strips person titles from people): "General Mills" stays whole.
    if cut and not opens_organisations(text[:cut]):
        text = text[cut:]
    folded = anyascii(text).casefold()
    folded = folded.replace("-", " ")
    folded = _KEY_DROP_RE.sub("", folded)
    return " ".join(folded.split())


def key_tokens(key: str) -> list[str]:
    return key.split()


_FUNCTION_WORDS = frozenset({"of", "the", "and", "for", "de", "&"})


def acronym(key: str) -> str:
    """Initials of the capitalised words of a multi-word key ("united nations" -> "un")."""
    words = [w for w in key.split() if w not in _FUNCTION_WORDS]
    return "".join(w[0] for w in words) if len(words) > 1 else ""


@lru_cache(maxsize=200_000)
def acronyms(key: str) -> frozenset[str]:
    """The acronyms a multi-word key may go by: its initials without and with
    its small words ("bank of england" -> "be", "boe")."""
    words = key.split()
    if len(words) < 2:
        return frozenset()
    out = {"".join(w[0] for w in words)}
    if a := acronym(key):
        out.add(a)
    return frozenset(a for a in out if len(a) >= 2)


@lru_cache(maxsize=200_000)
def is_acronym_like(text: str) -> bool:
    """ "IMF", "BoE", "U.N.": short, no space, mostly capitals."""
    letters = [c for c in text if c.isalpha()]
    upper = sum(c.isupper() for c in letters)
    return " " not in text and 2 <= len(letters) <= 5 and upper >= 2 and upper * 2 >= len(letters)


def abbreviates(short: str, long: str) -> bool:
    """Whether the letters of `short` appear in `long` in order, the first one
    starting it ("SIA" / "Singapore International Airlines", "Nasdaq"...)."""
    s = [c for c in short.casefold() if c.isalnum()]
    low = long.casefold()
    if not s or not low or s[0] != low[0]:
        return False
    i = 0
    for c in low:
        if i < len(s) and c == s[i]:
            i += 1
    return i == len(s)


def slug(key: str) -> str:
    """URL-safe id part from a key: "vladimir putin" -> "vladimir-putin"."""
    out = re.sub(r"[^a-z0-9]+", "-", anyascii(key).lower()).strip("-")
    return out or "x"


@lru_cache(maxsize=1)
def legal_forms() -> frozenset[str]:
    """Company legal forms ("inc", "corp", "ltd", "ag", "plc", "spa"...), from
    cleanco's tables of many countries, folded: lower case, no dots. Two-letter
    forms that are also common words or country codes are left out."""
    from cleanco.clean import get_unique_terms

    out = set()
    for term in get_unique_terms():
        if " " in term:
            continue
        folded = term.replace(".", "").casefold()
        if (len(folded) >= 3 or folded in _TWO_LETTER_FORMS) and folded.isalpha():
            out.add(folded)
    return frozenset(out - _NOT_LEGAL_FORMS)


# Two-letter terms in cleanco's tables are mostly something else in news (US,
# UK, OK, EU, PC...): only these widespread ones count.
_TWO_LETTER_FORMS = frozenset({"ab", "ag", "bv", "co", "kg", "kk", "lp", "nv", "oy", "sa", "se"})
# Longer terms that are more often a word or another acronym in news.
_NOT_LEGAL_FORMS = frozenset(
    {
        "private",
        "stg",
        "unlimited",
        "ent",
        "sal",
        "vat",
        "sem",
        "sep",
        "ses",
        "dat",
        "fie",
        "teo",
        "tov",
        "cio",
        "cic",
        "sia",
        "ans",
        "sad",
        "sae",
        "sas",
        "sha",
        "ska",
        "fop",
        "gie",
        "ong",
        "pse",
        "psu",
        "etat",
    }
)


def is_legal_form(word: str) -> bool:
    """ "Corp", "Inc.", "GmbH", "SpA", "AG": a company's legal form (see legal_forms)."""
    return word.replace(".", "").casefold() in legal_forms()


def without_legal_form(name: str) -> str:
    """The name without its trailing legal forms ("Harwood Mills Inc." -> "Harwood
    Mills", "Merrill Lynch and Co" -> "Merrill Lynch"), when a name is left."""
    words = list(_TOKEN_RE.finditer(name))
    n = len(words)
    while n > 1 and (
        is_legal_form(words[n - 1].group().rstrip(","))
        or (n < len(words) and words[n - 1].group() in ("and", "&"))
    ):
        n -= 1
    if n == len(words):
        return name
    base = name[: words[n - 1].end()].rstrip(",")
    return base if len(base) >= 3 and base[0].isupper() else name


_WEB_SUFFIX_RE = re.compile(r"(?<=[A-Za-z]{2})\.(?:com|net|org|co\.uk)$")


def without_web_suffix(name: str) -> str:
    """A company named by its web address is the company: "Amazon.com" ->
    "Amazon" (a domain's ending on a name of at least two letters)."""
    return _WEB_SUFFIX_RE.sub("", name)


# Words that open many organisations' names and are no short name of one
# ("General Dynamics" is not "General", "American Airlines" not "American").
_GENERIC_OPENINGS = frozenset(
    """
general national international united first standard global american british royal federal
central new north south east west northern southern eastern western great grand pacific
atlantic
""".split()
)


def generic_opening(short: str) -> bool:
    low = short.lower()
    return (
        low in _GENERIC_OPENINGS
        or low in TITLE_WORDS
        or low in COMPANY_DESCRIPTORS
        or countries_of_demonym(short.title()) is not None
    )


@lru_cache(maxsize=1)
def _demonym_keys() -> frozenset[str]:
    keys = set()
    for demonym in demonym_countries():
        keys.add(name_key(demonym))
        if many := plural(demonym):
            keys.add(name_key(many))
    return frozenset(keys)


def is_demonym_key(key: str) -> bool:
    """Whether a name key is a demonym's ("germans", "japanese")."""
    return key in _demonym_keys()
