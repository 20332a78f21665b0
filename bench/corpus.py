"""Deterministic generator of realistic, news-like benchmark articles.

The generated text is not meant to be meaningful, only to *look* like wire
news to a tokenizer, a full-text index and a named-entity recogniser:

* article length follows a log-normal distribution (median ~550 words, long
  tail clipped at ~3000 words, about 2 % very short briefs);
* content words follow a Zipf distribution over a vocabulary of a few
  thousand words (real English news words first, then pronounceable
  invented words in the tail), with per-article topic words boosted;
* sentences are built from news-style templates ("X said on Tuesday that
  ...", "... in Lisbon, according to the Ministry of Finance") so function
  words occur with natural frequencies and spaCy finds PERSON/ORG/GPE;
* a few hundred people (with recurring surnames, titles, surname-only
  follow-up mentions), places and organisations are drawn with Zipf
  popularity, so some names recur across many articles;
* dates appear in text ("on Tuesday", "March 3, 2021") and in many titles.

Determinism: everything is driven by ``random.Random`` seeded with strings
(never ``hash()``), Zipf weights are integers, and articles are produced in
shards of 1000 (one RNG per shard, one folder per shard).  Article ``i`` is
therefore identical whatever ``n`` is, as long as ``n > i``, and files are
byte-identical across runs and machines.

File format: ``<out>/<shard:03d>/a<index:06d>.txt`` with the title on line 1,
a blank line, then paragraphs separated by blank lines.

CLI::

    python -m bench.corpus OUT_DIR --n 10000 --seed 0 [--workers 2]
"""

from __future__ import annotations

import argparse
import datetime as _dt
import os
import sys
import time
from bisect import bisect
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import accumulate
from pathlib import Path
from random import Random

SHARD_SIZE = 1000
GENERATOR_VERSION = 1

# ---------------------------------------------------------------------------
# Built-in word lists
# ---------------------------------------------------------------------------

FUNCTION_WORDS = frozenset(
    """a about above after again against all also although among an and any are
    around as at be because been before being below between both but by can
    could did do does during each either for from had has have having he her
    here hers him his how however if in into is it its itself just last least
    less many may might more most much must my near neither no nor not now of
    off on once only or other our out over own per same she should since so
    some such than that the their them then there these they this those
    through to too under until up upon very was we were what when where which
    while who whom whose why will with within without would yet you""".split()
)

# Real news nouns (singular).  Order matters: earlier = more frequent.
_NOUNS = """
government year people week official country police city state time month day
report minister plan company market president law court election party deal
group vote percent rate price bank money budget tax decision support security
health border talks meeting statement policy leader spokesman spokeswoman
agency committee member investigation case trial evidence attack crisis war
force troops region area home family child school student hospital patient
doctor worker job economy growth inflation investor share stock trade
business industry energy oil gas power climate emission storm flood fire
water food farmer crop project program system data network service user
technology software product sale customer contract proposal bill measure
reform change issue problem question concern risk threat warning impact
effect result record level number rise fall increase decline loss profit
revenue cost debt loan fund payment wage pension benefit housing rent
property building road bridge airport flight train transport car vehicle
factory plant site land village town capital province district county
coast island river mountain forest field team player coach match game season
league title cup fan stadium victory defeat goal point score career film
music artist festival show book museum exhibition prize award history
culture church community neighbourhood protest demonstration strike union
campaign candidate voter ballot poll parliament senate congress council
lawmaker opposition coalition cabinet ministry department office authority
regulator inquiry prosecutor judge lawyer ruling appeal sentence prison
suspect victim witness shooting crash accident injury death rescue aid
refugee migrant camp shelter ceasefire agreement treaty sanction embassy
diplomat summit visit partnership alliance military army navy missile drone
weapon vaccine virus disease outbreak treatment drug research scientist
study university researcher survey analysis estimate forecast quarter
interest currency dollar euro export import supply demand shortage chain
shipment port container fuel electricity grid reactor pipeline mine
mineral steel car battery chip phone platform app internet account message
post video image camera broadcast newspaper journalist editor interview
speech comment remark announcement release document letter email source
critic analyst expert adviser executive director chairman founder owner
employee staff manager board shareholder merger acquisition bid offer
lawsuit settlement fine penalty charge allegation scandal resignation
successor term office mandate majority minority population census
wildlife species habitat drought heatwave temperature rain snow wind
tourism tourist hotel restaurant holiday weekend morning evening night
""".split()

_IRREGULAR = {
    "say": ("said", "said"),
    "tell": ("told", "told"),
    "make": ("made", "made"),
    "take": ("took", "taken"),
    "give": ("gave", "given"),
    "find": ("found", "found"),
    "meet": ("met", "met"),
    "hold": ("held", "held"),
    "lead": ("led", "led"),
    "win": ("won", "won"),
    "lose": ("lost", "lost"),
    "leave": ("left", "left"),
    "bring": ("brought", "brought"),
    "build": ("built", "built"),
    "buy": ("bought", "bought"),
    "sell": ("sold", "sold"),
    "send": ("sent", "sent"),
    "spend": ("spent", "spent"),
    "rise": ("rose", "risen"),
    "fall": ("fell", "fallen"),
    "grow": ("grew", "grown"),
    "know": ("knew", "known"),
    "see": ("saw", "seen"),
    "begin": ("began", "begun"),
    "choose": ("chose", "chosen"),
    "seek": ("sought", "sought"),
    "strike": ("struck", "struck"),
    "set": ("set", "set"),
    "cut": ("cut", "cut"),
    "put": ("put", "put"),
    "hit": ("hit", "hit"),
    "keep": ("kept", "kept"),
    "pay": ("paid", "paid"),
    "stand": ("stood", "stood"),
    "write": ("wrote", "written"),
    "break": ("broke", "broken"),
    "speak": ("spoke", "spoken"),
    "draw": ("drew", "drawn"),
    "drive": ("drove", "driven"),
    "shut": ("shut", "shut"),
    "run": ("ran", "run"),
    "come": ("came", "come"),
}

_VERBS = """
say announce tell expect plan approve reject confirm deny warn urge call
report launch increase reduce cut raise lower introduce propose support
oppose criticise welcome praise accuse blame face seek hold meet lead win
lose leave bring build buy sell send spend rise fall grow know see begin
choose strike set put hit keep pay stand write break speak draw drive shut
run come make take give find agree sign block delay suspend extend review
investigate arrest charge release detain file appeal rule order ban allow
require force help protect improve boost fund invest hire recruit close
open return remain reach hit claim insist acknowledge admit reveal discover
publish deliver complete finish restore resume prepare address handle manage
control monitor track vote elect appoint replace resign retire join visit
travel attend host organise celebrate mark condemn demand pledge promise
commit vow consider debate discuss negotiate settle finalise secure estimate
predict forecast double halve surge slump rebound recover
""".split()

_ADJECTIVES = """
new former local national international public private foreign federal
regional economic political social financial military legal official
senior major key large small big high low long short early late recent
previous next final first second third global domestic rural urban
northern southern eastern western central coastal annual monthly weekly
daily strong weak significant serious severe critical important possible
likely unlikely unexpected sharp steady slow rapid modest huge massive
limited broad narrow full open free fair independent joint rival
controversial popular unpopular young old elderly wealthy poor rich
temporary permanent current future emergency special general chief top
digital environmental medical technical commercial industrial agricultural
cultural historic ancient modern traditional conservative liberal democratic
""".split()

_ADVERBS = """
also still already now again recently currently previously sharply slowly
quickly largely widely publicly officially reportedly initially eventually
finally directly heavily strongly nearly almost only just later
""".split()

_PREPOSITIONS = [
    "in",
    "on",
    "for",
    "over",
    "after",
    "before",
    "against",
    "with",
    "across",
    "during",
    "amid",
    "despite",
    "under",
    "without",
]

_TOPICS: dict[str, list[str]] = {
    "economy": "economy inflation rate bank market investor growth debt loan currency "
    "dollar euro export import budget tax revenue profit quarter forecast".split(),
    "politics": "election vote voter ballot campaign candidate party parliament senate "
    "congress coalition opposition cabinet lawmaker poll majority bill".split(),
    "justice": "court judge trial ruling appeal prosecutor lawyer evidence witness "
    "suspect sentence prison charge lawsuit settlement allegation".split(),
    "conflict": "war troops military army missile drone weapon ceasefire attack border "
    "security force refugee camp shelter aid sanction".split(),
    "health": "health hospital patient doctor vaccine virus disease outbreak treatment "
    "drug research study scientist researcher".split(),
    "climate": "climate emission storm flood fire drought heatwave temperature rain "
    "wind wildlife species habitat forest river energy".split(),
    "business": "company business industry market share stock merger acquisition bid "
    "offer executive board shareholder revenue profit customer product".split(),
    "technology": "technology software data network platform app internet user chip "
    "phone battery system account video".split(),
    "transport": "transport airport flight train car vehicle road bridge port container "
    "shipment fuel supply chain".split(),
    "sport": "team player coach match game season league title cup fan stadium victory "
    "defeat goal point score career".split(),
    "culture": "film music artist festival show book museum exhibition prize award "
    "history culture church".split(),
    "labour": "worker union strike wage pension job employee staff contract factory "
    "plant benefit housing rent".split(),
}

_FIRST_NAMES = """
James Maria John Anna Robert Elena David Sarah Michael Laura William Fatima
Ahmed Mohammed Wei Li Yuki Hiroshi Carlos Ana Pedro Lucia Jose Sofia Luis
Isabel Daniel Emma Thomas Olivia Peter Hannah Paul Grace Mark Chloe Andrew
Amina Ibrahim Chidi Ngozi Kwame Abena Tunde Aisha Omar Layla Hassan Nadia
Raj Priya Arjun Ananya Vikram Deepa Sanjay Kavita Ivan Olga Dmitri Natalia
Sergei Irina Pavel Katarina Jan Eva Lukas Marta Tomas Petra Stefan Ingrid
Lars Astrid Henrik Sigrid Mikko Aino Pierre Claire Jean Camille Antoine
Margot Giovanni Chiara Marco Giulia Luca Francesca Hans Greta Klaus Ute
Jorge Carmen Diego Valentina Mateo Gabriela Rafael Beatriz Ali Zeynep Mehmet
Elif Kenji Aiko Min Jiwoo Seo Hye Tran Linh Nguyen Mai Samuel Ruth Joseph
Esther Patrick Fiona Sean Niamh Owen Rhian George Alice Charles Victoria
Edward Helen Richard Susan Kevin Karen Brian Nancy Steven Lisa Anthony Betty
Jacob Rachel Benjamin Miriam Noah Leah Adam Zara Yusuf Mariam Kofi Efua
""".split()

_FEMALE_FIRST = frozenset(
    """
Maria Anna Elena Sarah Laura Fatima Yuki Ana Lucia Sofia Isabel Emma Olivia
Hannah Grace Chloe Amina Ngozi Abena Aisha Layla Nadia Priya Ananya Deepa
Kavita Olga Natalia Irina Katarina Eva Marta Petra Ingrid Astrid Sigrid Aino
Claire Camille Margot Chiara Giulia Francesca Greta Ute Carmen Valentina
Gabriela Beatriz Zeynep Elif Aiko Jiwoo Hye Linh Mai Ruth Esther Fiona Niamh
Rhian Alice Victoria Helen Susan Karen Nancy Lisa Betty Rachel Miriam Leah
Zara Mariam Efua Li Min Seo
""".split()
)

_SURNAMES = """
Smith Chen Okafor Garcia Novak Kowalski Nakamura Hernandez Muller Rossi
Johnson Brown Williams Jones Miller Davis Wilson Anderson Taylor Thomas
Moore Martin Jackson Thompson White Harris Clark Lewis Robinson Walker
Young Allen King Wright Scott Green Baker Adams Nelson Hill Campbell
Mitchell Roberts Carter Phillips Evans Turner Torres Parker Collins Edwards
Stewart Morris Murphy Cook Rogers Morgan Peterson Cooper Reed Bailey Bell
Gomez Kelly Howard Ward Cox Diaz Richardson Wood Watson Brooks Bennett Gray
Ivanov Petrov Sokolov Popescu Horvat Nagy Kovacs Dvorak Lindqvist Hansen
Larsen Virtanen Korhonen Dubois Lefebvre Moreau Laurent Bianchi Romano
Ferrari Esposito Schmidt Schneider Fischer Weber Becker Wagner Lopez
Martinez Rodriguez Perez Sanchez Ramirez Flores Silva Santos Oliveira
Pereira Costa Yilmaz Kaya Demir Sato Suzuki Tanaka Watanabe Kim Lee Park
Choi Nguyen Tran Pham Patel Sharma Singh Gupta Kumar Reddy Iyer Mensah
Owusu Boateng Adeyemi Balogun Nwosu Abubakar Mwangi Otieno Kamau Haddad
Khalil Nasser Mansour Rahman Hussain Ahmadi Karimi Hosseini Cohen Levi
Mizrahi Friedman Goldberg Okonkwo Eze Dlamini Ndlovu Zulu Mokoena Banda
Phiri Moyo Walsh Byrne Ryan Doyle Lynch Gallagher Jensen Berg Holm Strand
""".split()

_TITLES = [
    # (title used before a name, descriptive role for appositions)
    ("President", "the president"),
    ("Prime Minister", "the prime minister"),
    ("Minister", "the minister"),
    ("Finance Minister", "the finance minister"),
    ("Foreign Minister", "the foreign minister"),
    ("Senator", "the senator"),
    ("Governor", "the governor"),
    ("Mayor", "the mayor"),
    ("Dr.", "a researcher"),
    ("General", "the army chief"),
    ("Judge", "the judge"),
    ("Chancellor", "the chancellor"),
    ("Ambassador", "the ambassador"),
]
_ROLES = [
    "a spokesperson",
    "an analyst",
    "an economist",
    "a lawyer",
    "a professor",
    "a union leader",
    "a resident",
    "a shop owner",
    "a farmer",
    "a doctor",
    "a coach",
    "a chief executive",
    "a researcher",
    "a campaigner",
    "an engineer",
]

_CITIES = """
London Paris Berlin Madrid Rome Lisbon Vienna Prague Warsaw Budapest Athens
Dublin Brussels Amsterdam Stockholm Oslo Copenhagen Helsinki Geneva Zurich
Munich Hamburg Milan Naples Barcelona Seville Porto Lyon Marseille Krakow
Kyiv Odesa Moscow Istanbul Ankara Cairo Lagos Abuja Nairobi Accra Dakar
Johannesburg Durban Kinshasa Addis Ababa Khartoum Tunis Algiers Casablanca
Dubai Riyadh Doha Tehran Baghdad Beirut Damascus Amman Jerusalem Karachi
Lahore Delhi Mumbai Kolkata Chennai Bangalore Dhaka Kathmandu Colombo Bangkok
Hanoi Manila Jakarta Singapore Beijing Shanghai Shenzhen Tokyo Osaka Seoul
Busan Taipei Sydney Melbourne Brisbane Auckland Toronto Montreal Vancouver
Ottawa Chicago Houston Boston Seattle Denver Atlanta Miami Philadelphia
Detroit Dallas Phoenix Minneapolis Portland Washington Baltimore Mexico
Bogota Lima Santiago Caracas Quito Havana Montevideo Manchester Birmingham
Glasgow Edinburgh Cardiff Belfast Liverpool Leeds Bristol Frankfurt Cologne
Rotterdam Antwerp Gdansk Tallinn Riga Vilnius Minsk Tbilisi Yerevan Baku
""".split()
_MULTIWORD_CITIES = [
    "New York",
    "Los Angeles",
    "San Francisco",
    "Hong Kong",
    "Buenos Aires",
    "Rio de Janeiro",
    "Sao Paulo",
    "Cape Town",
    "New Delhi",
    "Mexico City",
    "Kuala Lumpur",
    "Tel Aviv",
]
_COUNTRIES = """
France Germany Spain Italy Portugal Poland Ukraine Russia Turkey Greece
Britain Ireland Sweden Norway Finland Denmark Austria Hungary Romania Serbia
Egypt Nigeria Kenya Ghana Ethiopia Sudan Senegal Morocco Algeria Tunisia
Israel Iran Iraq Syria Lebanon Jordan Pakistan India Bangladesh Nepal Japan
China Korea Vietnam Thailand Indonesia Malaysia Philippines Australia
Canada Mexico Brazil Argentina Chile Peru Colombia Venezuela Cuba Georgia
Armenia Azerbaijan Kazakhstan Uzbekistan Mongolia Belarus Moldova Latvia
""".split()
_MULTIWORD_COUNTRIES = [
    "the United States",
    "South Africa",
    "Saudi Arabia",
    "the Netherlands",
    "New Zealand",
    "South Korea",
    "the United Arab Emirates",
    "Sri Lanka",
]
_REGIONS = """
Bavaria Catalonia Andalusia Tuscany Lombardy Silesia Transylvania Donbas
Crimea Kurdistan Punjab Kashmir Bengal Kerala Sichuan Xinjiang Tibet
Hokkaido Mindanao Sumatra Borneo Patagonia Amazonia Quebec Ontario Alberta
Texas California Florida Ohio Michigan Arizona Queensland Tasmania Darfur
Tigray Galicia Brittany Normandy Flanders Wallonia Scotland Wales
""".split()

_MINISTRY_TOPICS = [
    "Finance",
    "Health",
    "Defence",
    "Education",
    "Agriculture",
    "Energy",
    "Transport",
    "Justice",
    "the Interior",
    "Foreign Affairs",
    "Trade",
    "the Environment",
    "Labour",
    "Culture",
    "Housing",
]
_AGENCY_TOPICS = [
    "Weather",
    "Space",
    "Health",
    "Food Safety",
    "Energy",
    "Security",
    "Statistics",
    "Water",
    "Road Safety",
    "Cyber Security",
]
_ORG_SUFFIXES = [
    "Corp",
    "Group",
    "Holdings",
    "Energy",
    "Airlines",
    "Bank",
    "Motors",
    "Pharmaceuticals",
    "Telecom",
    "Media",
    "Capital",
    "Logistics",
    "Foods",
    "Mining",
    "Systems",
]

_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

_ONSETS = [
    "b",
    "br",
    "c",
    "ch",
    "cl",
    "cr",
    "d",
    "dr",
    "f",
    "fl",
    "fr",
    "g",
    "gl",
    "gr",
    "h",
    "j",
    "k",
    "l",
    "m",
    "n",
    "p",
    "pl",
    "pr",
    "r",
    "s",
    "sh",
    "sl",
    "sp",
    "st",
    "str",
    "t",
    "th",
    "tr",
    "v",
    "w",
    "z",
    "",
]
_VOWELS = ["a", "e", "i", "o", "u", "a", "e", "o", "ai", "ea", "ou", "io", "ee"]
_CODAS = ["", "", "", "n", "r", "s", "l", "t", "nd", "st", "m", "ck", "rt", "nt", "ll", "rn", "sk"]
_SUFFIXES = [
    "",
    "",
    "",
    "",
    "tion",
    "ment",
    "ity",
    "er",
    "al",
    "ous",
    "ism",
    "ance",
    "ive",
    "ery",
    "ide",
    "ure",
]
_BRAND_SUFFIXES = ["a", "o", "ex", "on", "is", "ia", "ar", "en", "ix", "um"]


# ---------------------------------------------------------------------------
# Pools
# ---------------------------------------------------------------------------


def _zipf_cum(n: int, q: int = 1) -> list[int]:
    """Integer cumulative Zipf(-Mandelbrot, s=1) weights: w_r = 10**9 // (r + q)."""
    return list(accumulate(10**9 // (r + q) for r in range(1, n + 1)))


def _plural(noun: str) -> str:
    if noun.endswith(("s", "sh", "ch", "x", "z")):
        return noun + "es"
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return noun[:-1] + "ies"
    if noun in ("child",):
        return "children"
    if noun.endswith("man"):
        return noun[:-3] + "men"
    if noun in (
        "people",
        "police",
        "data",
        "staff",
        "evidence",
        "money",
        "water",
        "food",
        "wildlife",
        "aid",
        "security",
        "health",
        "software",
        "electricity",
        "research",
        "tourism",
        "inflation",
        "growth",
        "housing",
        "history",
        "culture",
        "climate",
    ):
        return noun
    return noun + "s"


def _past(verb: str) -> str:
    if verb in _IRREGULAR:
        return _IRREGULAR[verb][0]
    if verb.endswith("e"):
        return verb + "d"
    if verb.endswith("y") and verb[-2:-1] not in "aeiou":
        return verb[:-1] + "ied"
    if verb in ("ban", "plan", "stop", "ship", "drop", "commit"):
        return verb + verb[-1] + "ed"
    return verb + "ed"


def _third(verb: str) -> str:
    if verb.endswith(("s", "sh", "ch", "x", "z")):
        return verb + "es"
    if verb.endswith("y") and verb[-2:-1] not in "aeiou":
        return verb[:-1] + "ies"
    return verb + "s"


def _gerund(verb: str) -> str:
    if verb.endswith("ie"):
        return verb[:-2] + "ying"
    if verb.endswith("e") and not verb.endswith(("ee", "ye")):
        return verb[:-1] + "ing"
    if verb in (
        "ban",
        "plan",
        "stop",
        "ship",
        "drop",
        "commit",
        "cut",
        "put",
        "hit",
        "set",
        "run",
        "win",
        "shut",
        "begin",
    ):
        return verb + verb[-1] + "ing"
    return verb + "ing"


@dataclass(frozen=True)
class Person:
    first: str
    last: str
    female: bool
    title: str | None  # e.g. "Minister" (used as "Minister Okafor")
    role: str  # apposition, e.g. "the minister" / "an analyst"

    @property
    def full(self) -> str:
        return f"{self.first} {self.last}"


@dataclass
class Pools:
    """Vocabulary and entity pools (all seed-dependent, all Zipf-ranked)."""

    seed: int
    nouns: list[str]  # ranked, most frequent first (incl. invented)
    adjectives: list[str]
    verbs: list[str]  # base forms, ranked
    adverbs: list[str]
    persons: list[Person]  # ranked by popularity
    places: list[tuple[str, str]]  # (name, kind) kind in city/country/region
    orgs: list[str]
    topics: dict[str, list[str]]
    vocabulary: frozenset[str] = field(default_factory=frozenset)
    _cum: dict[str, list[int]] = field(default_factory=dict, repr=False)

    @property
    def cities(self) -> list[str]:
        return [p for p, k in self.places if k == "city"]

    @property
    def surnames(self) -> list[str]:
        seen: dict[str, None] = {}
        for p in self.persons:
            seen.setdefault(p.last)
        return list(seen)


def _invent_word(rng: Random, syllables: int) -> str:
    w = "".join(
        rng.choice(_ONSETS) + rng.choice(_VOWELS) + rng.choice(_CODAS) for _ in range(syllables)
    )
    return w + rng.choice(_SUFFIXES)


def build_pools(
    seed: int = 0, n_invented: int = 3500, n_persons: int = 400, n_orgs: int = 260
) -> Pools:
    """Build the vocabulary and entity pools for ``seed`` (deterministic)."""
    rng = Random(f"reader-bench-pools:v{GENERATOR_VERSION}:{seed}")

    real_nouns = list(dict.fromkeys(_NOUNS))
    # invented words fill the Zipf tail: pronounceable, lowercase, unique
    taken = set(real_nouns) | set(_ADJECTIVES) | set(_VERBS) | FUNCTION_WORDS
    invented: list[str] = []
    while len(invented) < n_invented:
        w = _invent_word(rng, rng.choice((1, 2, 2, 2)))
        if 4 <= len(w) <= 11 and w not in taken:
            taken.add(w)
            invented.append(w)
    # mildly shuffle the real-word ranks so seeds differ, keep real words first
    nouns = _jitter(rng, real_nouns, 25) + invented
    adjectives = _jitter(rng, list(dict.fromkeys(_ADJECTIVES)), 15)
    verbs = ["say"] + _jitter(rng, [v for v in dict.fromkeys(_VERBS) if v != "say"], 15)
    adverbs = _jitter(rng, list(dict.fromkeys(_ADVERBS)), 8)

    # persons: surnames Zipf-drawn so some recur among several people
    surnames = list(dict.fromkeys(_SURNAMES))
    rng.shuffle(surnames)
    firsts = list(dict.fromkeys(_FIRST_NAMES))
    sur_cum = _zipf_cum(len(surnames), q=3)
    persons: list[Person] = []
    seen_names: set[tuple[str, str]] = set()
    female_first = _FEMALE_FIRST
    while len(persons) < n_persons:
        last = surnames[bisect(sur_cum, rng.randrange(sur_cum[-1]))]
        first = rng.choice(firsts)
        if (first, last) in seen_names:
            continue
        seen_names.add((first, last))
        if rng.random() < 0.45:
            title, role = rng.choice(_TITLES)
        else:
            title, role = None, rng.choice(_ROLES)
        persons.append(Person(first, last, first in female_first, title, role))

    places: list[tuple[str, str]] = (
        [(c, "city") for c in dict.fromkeys(_CITIES + _MULTIWORD_CITIES)]
        + [(c, "country") for c in dict.fromkeys(_COUNTRIES + _MULTIWORD_COUNTRIES)]
        + [(r, "region") for r in dict.fromkeys(_REGIONS)]
    )
    rng.shuffle(places)

    orgs_set: dict[str, None] = {}
    for t in _MINISTRY_TOPICS:
        orgs_set[f"Ministry of {t}"] = None
    for t in _AGENCY_TOPICS:
        orgs_set[f"National {t} Agency"] = None
    while len(orgs_set) < n_orgs:
        r = rng.random()
        if r < 0.45:
            brand = "".join(
                rng.choice(_ONSETS) + rng.choice(_VOWELS) + rng.choice(_CODAS)
                for _ in range(rng.choice((1, 2)))
            )
            brand = brand.rstrip("aeiou") + rng.choice(_BRAND_SUFFIXES)
            if not 4 <= len(brand) <= 9:
                continue
            name = f"{brand.capitalize()} {rng.choice(_ORG_SUFFIXES)}"
        elif r < 0.55:
            name = f"{rng.choice(surnames)} {rng.choice(['Holdings', 'Group', 'Partners', 'Foundation'])}"
        elif r < 0.70:
            name = f"University of {rng.choice(_CITIES)}"
        elif r < 0.78:
            name = f"{rng.choice(_CITIES)} Institute of Technology"
        elif r < 0.86:
            name = f"Central Bank of {rng.choice(_COUNTRIES)}"
        elif r < 0.93:
            name = f"{rng.choice(_CITIES)} City Council"
        else:
            name = (
                f"International {rng.choice(['Monetary', 'Energy', 'Labour', 'Trade', 'Climate', 'Health'])} "
                f"{rng.choice(['Fund', 'Council', 'Organisation', 'Forum'])}"
            )
        orgs_set[name] = None
    orgs = list(orgs_set)
    rng.shuffle(orgs)

    vocab = set(nouns) | {_plural(n) for n in nouns} | set(adjectives) | set(adverbs)
    for v in verbs:
        vocab.update((v, _past(v), _third(v), _gerund(v), _IRREGULAR.get(v, (0, _past(v)))[1]))
    vocab |= FUNCTION_WORDS

    pools = Pools(
        seed,
        nouns,
        adjectives,
        verbs,
        adverbs,
        persons,
        places,
        orgs,
        {k: list(v) for k, v in _TOPICS.items()},
        frozenset(vocab),
    )
    pools._cum = {
        # invented tail words are damped (x1/4) so ~10 % of noun slots use them
        "noun": list(
            accumulate(
                10**9 // (r + 2) // (4 if r > len(real_nouns) else 1)
                for r in range(1, len(nouns) + 1)
            )
        ),
        "adj": _zipf_cum(len(adjectives), q=2),
        "verb": _zipf_cum(len(verbs), q=1),
        "adv": _zipf_cum(len(adverbs), q=2),
        "person": _zipf_cum(len(persons), q=2),
        "place": _zipf_cum(len(places), q=2),
        "org": _zipf_cum(len(orgs), q=2),
    }
    return pools


def _jitter(rng: Random, items: list[str], window: int) -> list[str]:
    """Return items with ranks perturbed by up to ``window`` positions."""
    keyed = [(i + rng.randrange(window), i, w) for i, w in enumerate(items)]
    keyed.sort()
    return [w for _, _, w in keyed]


# ---------------------------------------------------------------------------
# Article rendering
# ---------------------------------------------------------------------------


class _Drawer:
    """Zipf draws in blocks (much faster than one ``choices`` call per word)."""

    __slots__ = ("buf", "cum", "i", "pop", "rng")

    def __init__(self, rng: Random, pop: Sequence, cum: list[int]):
        self.rng, self.pop, self.cum = rng, pop, cum
        self.buf: list = []
        self.i = 0

    def __call__(self):
        if self.i >= len(self.buf):
            self.buf = self.rng.choices(self.pop, cum_weights=self.cum, k=1024)
            self.i = 0
        x = self.buf[self.i]
        self.i += 1
        return x


# Sentence templates.  Slots: P person mention, PS subject-pronoun-or-person,
# O org, PL place, CITY, COUNTRY, N noun, NS plural noun, TN topic noun,
# A adjective, V past verb, VB base verb, VS 3rd-person verb, VG gerund,
# ADV adverb, PREP preposition, NUM number phrase, PCT percentage, DAY "on
# Tuesday"-like, DATE "March 3, 2021", WHEN a time phrase.
_SENTENCES = [
    "{P} said {DAY} that the {A} {TN} would {VB} the {N} of {PL}.",
    "The {TN} in {PL} {V} {NUM} {NS} {PREP} the {N}, according to {TO}.",
    '"We will {VB} the {TN} and {VB} the {A} {NS}," {P} told reporters in {CITY}.',
    "{TO} {V} {aA} {TN} {DAY}, saying the {N} had {V} {ADV}.",
    "Officials at {TO} said the {TN} had {V} {PCT} {PREP} the {A} {N}.",
    "The {A} {N} {V} {DAY} {PREP} {NUM} {NS} in {PL}.",
    "{P}, {ROLE}, said the {TN} was {ADV} {A}.",
    "The {TN} {V} the {A} {N} and {V} the {NS} {PREP} {PL}.",
    "In {CITY}, {NUM} {NS} {V} {PREP} the {N} {WHEN}.",
    "{P} {ADV} {V} {TO} for {VG} the {TN}.",
    "It was not {ADV} clear whether the {N} would {VB} the {A} {TN}.",
    "{TO} did not respond to a request for comment.",
    "According to {P}, the {TN} {V} by {PCT} in {DATE_YEAR}.",
    "{COUNTRY} and {COUNTRY} {V} to {VB} {aA} {TN} {PREP} {PL}.",
    "The {N} of the {TN} is {A}, {P} said.",
    "Critics {V} the {A} {N}, which {V} {ADV} {PREP} the {NS}.",
    "The {TN} comes as {NS} in {PL} {V} {NUM} {NS} {WHEN}.",
    '"This is {aA} {N} for {PL}," said {P}.',
    "{P} met {P2} in {CITY} {DAY} to {VB} the {TN}.",
    "The {A} {NS} were {V} {DAY}, {TO} said in a statement.",
    "Last {MONTH}, {TO} {V} {aA} {TN} worth {MONEY}.",
    "The {TN}, which {V} on {DATE}, {V} {A} {NS} across {PL}.",
    "Analysts said the {A} {TN} would {VB} {NS} and {VB} {NS}.",
    "The {N} has {V} {PCT} since {DATE_YEAR}, {ADV} {VG} the {A} {TN}.",
    "{P} {V} that {TO} would {VB} the {TN} by {MONTH}.",
    "Many {NS} in {PL} {V} the {A} {TN} and {V} the {N}.",
    "The {TN} was {V} by {TO}, {P} said {DAY}.",
    "Residents of {CITY} said the {N} had {V} {A} {NS} for years.",
    "The {A} {TN} {VS} {A} {NS} {PREP} the {N} and the {N}.",
    "{aN} for {TO} {V} the {TN} but {V} to {VB} further.",
]
_LEADS = [
    "{P} {V} {aA} {TN} {DAY}, {VG} {NS} across {PL} as {TO} {V} {A} {NS}.",
    "{TO} {V} {DAY} that it would {VB} the {A} {TN} in {PL}, {P} said.",
    "{NUM} {NS} {V} in {PL} {DAY} after the {A} {TN} {V} the {N}.",
    "{COUNTRY} {V} its {A} {TN} {DAY}, {aN} that {P} said would {VB} the {N}.",
]
_TITLES_TPL = [
    "{O} to {VB} {A} {TN} in {PL}",
    "{HP} {VS} {TN} {PREP} {COUNTRY}",
    "{A} {NS} {V} after {WEEKDAY} vote in {CITY}",
    "{CITY} {NS} face {A} {TN}",
    "{HP} says {TN} will {VB} {NS}",
    "{COUNTRY} {VS} {A} {TN} amid {N} {NS}",
    "{TN} {NS} {V} {PCT} in {PL}",
    "{O} {VS} {TN} as {NS} {VB}",
]


def _compile(tpl: str) -> list[tuple[bool, str]]:
    out: list[tuple[bool, str]] = []
    rest = tpl
    while rest:
        i = rest.find("{")
        if i < 0:
            out.append((False, rest))
            break
        if i:
            out.append((False, rest[:i]))
        j = rest.index("}", i)
        out.append((True, rest[i + 1 : j]))
        rest = rest[j + 1 :]
    return out


_INSTITUTIONAL = ("Ministry", "University", "National", "Central", "International")
_C_SENT = [_compile(t) for t in _SENTENCES]
_C_LEAD = [_compile(t) for t in _LEADS]
_C_TITLE = [_compile(t) for t in _TITLES_TPL]


@dataclass
class Article:
    index: int
    stem: str
    date: _dt.date
    title: str
    paragraphs: list[str]

    def render(self) -> str:
        return self.title + "\n\n" + "\n\n".join(self.paragraphs) + "\n"

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)

    @property
    def word_count(self) -> int:
        return sum(len(p.split()) for p in self.paragraphs)


class _ShardWriter:
    """Renders the articles of one shard with one RNG (prefix-stable)."""

    def __init__(self, pools: Pools, seed: int, shard: int):
        self.p = pools
        self.rng = rng = Random(f"reader-bench-articles:v{GENERATOR_VERSION}:{seed}:{shard}")
        c = pools._cum
        self.d_noun = _Drawer(rng, pools.nouns, c["noun"])
        self.d_adj = _Drawer(rng, pools.adjectives, c["adj"])
        self.d_verb = _Drawer(rng, pools.verbs, c["verb"])
        self.d_adv = _Drawer(rng, pools.adverbs, c["adv"])
        self.d_person = _Drawer(rng, pools.persons, c["person"])
        self.d_place = _Drawer(rng, pools.places, c["place"])
        self.d_org = _Drawer(rng, pools.orgs, c["org"])
        self._past = {v: _past(v) for v in pools.verbs}
        self._third = {v: _third(v) for v in pools.verbs}
        self._ger = {v: _gerund(v) for v in pools.verbs}
        self._plural = {n: _plural(n) for n in pools.nouns}
        self.slots: dict[str, Callable[[], str]] = {
            "P": self._person,
            "P2": self._other_person,
            "HP": self._headline_person,
            "ROLE": self._role,
            "O": self._org,
            "TO": self._the_org,
            "aA": lambda: self._a(self.d_adj()),
            "aN": lambda: self._a(self.d_noun()),
            "PL": self._place,
            "CITY": self._city,
            "COUNTRY": self._country,
            "N": self.d_noun,
            "NS": lambda: self._plural[self.d_noun()],
            "TN": self._topic_noun,
            "A": self.d_adj,
            "V": lambda: self._past[self.d_verb()],
            "VB": self.d_verb,
            "VS": lambda: self._third[self.d_verb()],
            "VG": lambda: self._ger[self.d_verb()],
            "ADV": self.d_adv,
            "PREP": lambda: self.rng.choice(_PREPOSITIONS),
            "NUM": self._num,
            "PCT": self._pct,
            "MONEY": self._money,
            "DAY": self._day,
            "DATE": self._date,
            "DATE_YEAR": lambda: str(self.date.year - self.rng.randrange(4)),
            "WHEN": self._when,
            "MONTH": lambda: self.rng.choice(_MONTHS),
            "WEEKDAY": lambda: _WEEKDAYS[self.date.weekday()],
        }

    # -- entity slots --------------------------------------------------------
    def _person(self) -> str:
        rng = self.rng
        if self.main_persons and rng.random() < 0.7:
            person = rng.choice(self.main_persons)
        else:
            person = self.d_person()
        self._last_person: Person | None = person
        if person in self.mentioned:
            r = rng.random()
            if r < 0.5:
                return person.last
            if r < 0.75 and person.title:
                return f"{person.title} {person.last}"
            return f"{'Ms.' if person.female else 'Mr.'} {person.last}"
        self.mentioned.add(person)
        if person.title and rng.random() < 0.6:
            return f"{person.title} {person.full}"
        return person.full

    def _other_person(self) -> str:
        """A person mention different from the previous one ("X met Y")."""
        prev = self._last_person
        for _ in range(5):
            s = self._person()
            if self._last_person is not prev:
                return s
        return s

    def _headline_person(self) -> str:
        person = self.main_persons[0] if self.main_persons else self.d_person()
        return f"{person.title} {person.last}" if person.title else person.last

    def _role(self) -> str:
        p = self._last_person
        return p.role if p is not None else "a spokesperson"

    def _org(self) -> str:
        if self.main_orgs and self.rng.random() < 0.6:
            return self.rng.choice(self.main_orgs)
        return self.d_org()

    def _the_org(self) -> str:
        o = self._org()
        return "the " + o if o.startswith(_INSTITUTIONAL) else o

    def _a(self, word: str) -> str:
        return ("an " if word[0] in "aeiou" else "a ") + word

    def _place(self) -> str:
        if self.main_places and self.rng.random() < 0.6:
            return self.rng.choice(self.main_places)[0]
        return self.d_place()[0]

    def _city(self) -> str:
        for _ in range(20):
            name, kind = self.d_place()
            if kind == "city":
                return name
        return "London"

    def _country(self) -> str:
        for _ in range(20):
            name, kind = self.d_place()
            if kind == "country":
                return name
        return "France"

    def _topic_noun(self) -> str:
        if self.rng.random() < 0.55:
            return self.rng.choice(self.topic_words)
        return self.d_noun()

    # -- numbers and dates ---------------------------------------------------
    def _num(self) -> str:
        rng = self.rng
        r = rng.random()
        if r < 0.5:
            return str(rng.randrange(2, 100))
        if r < 0.8:
            return f"{rng.randrange(100, 10000):,}"
        return f"{rng.randrange(2, 99)}.{rng.randrange(10)} million"

    def _pct(self) -> str:
        return f"{self.rng.randrange(1, 60)}.{self.rng.randrange(10)} percent"

    def _money(self) -> str:
        return f"${self.rng.randrange(1, 900)} {self.rng.choice(['million', 'million', 'billion'])}"

    def _day(self) -> str:
        rng = self.rng
        r = rng.random()
        if r < 0.55:
            return (
                "on " + _WEEKDAYS[(self.date - _dt.timedelta(days=rng.randrange(0, 3))).weekday()]
            )
        if r < 0.75:
            d = self.date - _dt.timedelta(days=rng.randrange(0, 20))
            return f"on {_MONTHS[d.month - 1]} {d.day}"
        if r < 0.9:
            return "on " + self._date()
        return rng.choice(["last week", "earlier this month", "this week", "overnight"])

    def _date(self) -> str:
        d = self.date - _dt.timedelta(days=self.rng.randrange(0, 400))
        return f"{_MONTHS[d.month - 1]} {d.day}, {d.year}"

    def _when(self) -> str:
        return self.rng.choice(
            [
                "last year",
                "this year",
                "in recent months",
                "since " + str(self.date.year - 1),
                "last month",
                "over the past decade",
                "in " + _MONTHS[self.date.month - 1],
            ]
        )

    # -- assembly ------------------------------------------------------------
    def _fill(self, tpl: list[tuple[bool, str]]) -> str:
        slots = self.slots
        s = "".join(slots[v]() if is_slot else v for is_slot, v in tpl)
        if s[0] == '"':
            return '"' + s[1].upper() + s[2:]
        return s[0].upper() + s[1:]

    def article(self, index: int) -> Article:
        rng = self.rng
        p = self.p
        # publication date uniformly in 2018-01-01 .. 2024-12-31
        base = _dt.date(2018, 1, 1).toordinal()
        self.date = _dt.date.fromordinal(base + rng.randrange(2557))
        topic = rng.choice(sorted(p.topics))
        self.topic_words = p.topics[topic]
        self.main_persons = [self.d_person() for _ in range(rng.randrange(1, 4))]
        self.main_places = [self.d_place() for _ in range(rng.randrange(1, 3))]
        self.main_orgs = [self.d_org() for _ in range(rng.randrange(1, 3))]
        self.mentioned: set[Person] = set()
        self._last_person = None

        # length: log-normal, median ~550 words; ~2% very short briefs
        if rng.random() < 0.02:
            target = rng.randrange(25, 90)
        else:
            target = int(rng.lognormvariate(6.31, 0.62))
            target = max(60, min(target, 2900 + rng.randrange(200)))

        title = self._fill(rng.choice(_C_TITLE))
        r = rng.random()
        if r < 0.3:
            title += f", {_MONTHS[self.date.month - 1]} {self.date.day}, {self.date.year}"
        elif r < 0.45:
            title += f" on {_WEEKDAYS[self.date.weekday()]}"
        elif r < 0.55:
            title += f" ({_MONTHS[self.date.month - 1]} {self.date.year})"

        lead = self._fill(rng.choice(_C_LEAD))
        if rng.random() < 0.35:
            city = self._city()
            lead = f"{city.upper()}, {_MONTHS[self.date.month - 1]} {self.date.day}, {self.date.year} \u2014 {lead}"
        paragraphs = [lead]
        words = len(lead.split())
        sents = _C_SENT
        while words < target:
            k = rng.choice((1, 2, 2, 2, 3, 3, 4))
            para = " ".join(self._fill(rng.choice(sents)) for _ in range(k))
            paragraphs.append(para)
            words += para.count(" ") + 1
        if len(paragraphs) > 1 and words > target + 40 and target < 90:
            paragraphs.pop()
        return Article(index, f"a{index:06d}", self.date, title, paragraphs)


def iter_articles(
    n: int, seed: int = 0, pools: Pools | None = None, start: int = 0
) -> Iterator[Article]:
    """Yield articles ``start .. n-1`` in memory (no files written)."""
    pools = pools or build_pools(seed)
    for shard in range(start // SHARD_SIZE, (n + SHARD_SIZE - 1) // SHARD_SIZE):
        w = _ShardWriter(pools, seed, shard)
        for i in range(shard * SHARD_SIZE, min(n, (shard + 1) * SHARD_SIZE)):
            a = w.article(i)
            if i >= start:
                yield a


def _write_shard(args: tuple[str, int, int, int, str]) -> list[str]:
    out_dir, n, seed, shard, fmt = args
    pools = _pools_cached(seed)
    w = _ShardWriter(pools, seed, shard)
    folder = Path(out_dir) / f"{shard:03d}"
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(shard * SHARD_SIZE, min(n, (shard + 1) * SHARD_SIZE)):
        a = w.article(i)
        path = folder / f"{a.stem}.{fmt}"
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write(a.render())
        paths.append(str(path))
    return paths


_POOLS_CACHE: dict[int, Pools] = {}


def _pools_cached(seed: int) -> Pools:
    if seed not in _POOLS_CACHE:
        _POOLS_CACHE[seed] = build_pools(seed)
    return _POOLS_CACHE[seed]


def generate(
    out_dir: Path, n: int, seed: int = 0, fmt: str = "txt", workers: int = 1
) -> list[Path]:
    """Write ``n`` articles under ``out_dir`` and return their paths (sorted).

    Files go to ``out_dir/000/a000000.txt`` ... (1000 per folder).  The output
    only depends on ``(n, seed)``; ``workers > 1`` uses processes (one shard
    per task) and produces the same bytes.
    """
    if fmt != "txt":
        raise ValueError(f"unsupported format {fmt!r} (only 'txt')")
    if n < 0:
        raise ValueError("n must be >= 0")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    tasks = [(str(out_dir), n, seed, s, fmt) for s in range((n + SHARD_SIZE - 1) // SHARD_SIZE)]
    if workers > 1 and len(tasks) > 1:
        import multiprocessing as mp

        with mp.get_context("fork" if sys.platform.startswith("linux") else "spawn").Pool(
            workers
        ) as pool:
            chunks = pool.map(_write_shard, tasks, chunksize=1)
    else:
        chunks = [_write_shard(t) for t in tasks]
    return [Path(p) for chunk in chunks for p in chunk]


def read_article(path: Path) -> tuple[str, str, str]:
    """Read a generated ``.txt`` file back as ``(id, title, text)`` (id = stem)."""
    raw = Path(path).read_text(encoding="utf-8")
    title, _, body = raw.partition("\n\n")
    return Path(path).stem, title.strip(), body.strip()


def corpus_files(root: Path) -> list[Path]:
    """All generated article files under ``root``, in index order."""
    return sorted(Path(root).glob("[0-9][0-9][0-9]/a*.txt"))


def iter_corpus(root: Path) -> Iterator[tuple[str, str, str]]:
    """``(id, title, text)`` for every generated file under ``root``."""
    for path in corpus_files(root):
        yield read_article(path)


# ---------------------------------------------------------------------------
# CLI
# ---------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m bench.corpus",
        description="Generate a deterministic news-like benchmark corpus.",
    )
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("--n", type=int, default=10000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--fmt", default="txt", choices=["txt"])
    ap.add_argument(
        "--workers", type=int, default=1, help="processes (output is identical for any value)"
    )
    ap.add_argument("--queries", action="store_true", help="also print sample queries as JSON")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    paths = generate(args.out_dir, args.n, args.seed, args.fmt, workers=args.workers)
    dt = time.perf_counter() - t0
    total = sum(os.path.getsize(p) for p in paths)
    print(
        f"generated {len(paths)} articles ({total / 1e6:.1f} MB) in {args.out_dir} "
        f"in {dt:.1f} s (seed={args.seed}, workers={args.workers})"
    )
    if args.queries:
        import json

        from bench.queries import sample_queries

        print(json.dumps(sample_queries(args.seed), indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
