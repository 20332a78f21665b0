"""News-like articles made up for tests that need a few hundred of them.

Deterministic by seed: a title line, a blank line, then paragraphs of sentences
built from a small vocabulary drawn with Zipf-like weights (a few words very
common, most rare), recurring people and places, and set phrases such as
"prime minister". The benchmark has its own, much larger generator (bench/);
tests use this one, which needs nothing outside tests/.
"""

from __future__ import annotations

import re
from pathlib import Path
from random import Random

SUBJECTS = (
    "the minister",
    "the prime minister",
    "the government",
    "police",
    "the council",
    "officials",
    "the committee",
    "the mayor",
    "investigators",
    "the company",
    "the union",
    "researchers",
    "the court",
    "regulators",
    "local residents",
)
VERBS = (
    "said",
    "announced",
    "reported",
    "warned",
    "confirmed",
    "denied",
    "proposed",
    "rejected",
    "approved",
    "reviewed",
    "criticised",
    "welcomed",
    "delayed",
    "expected",
)
NOUNS = (
    "budget",
    "report",
    "plan",
    "election",
    "inquiry",
    "strike",
    "agreement",
    "tax",
    "inflation",
    "hospital",
    "bridge",
    "school",
    "harbour",
    "storm",
    "contract",
    "vote",
    "reform",
    "protest",
    "deficit",
    "railway",
    "pension",
    "tariff",
    "drought",
    "verdict",
    "merger",
    "ceasefire",
    "festival",
    "airport",
    "museum",
    "subsidy",
    "forecast",
    "shortage",
    "investment",
    "settlement",
    "licence",
    "harvest",
    "audit",
    "treaty",
)
ADJECTIVES = (
    "new",
    "national",
    "regional",
    "annual",
    "public",
    "controversial",
    "emergency",
    "revised",
    "final",
    "local",
    "federal",
    "independent",
    "temporary",
    "major",
)
FIRST = ("Maria", "John", "Aisha", "Pedro", "Li", "Olga", "Samuel", "Fatima", "Erik", "Grace")
SURNAMES = (
    "Okafor",
    "Silva",
    "Novak",
    "Haddad",
    "Tanaka",
    "Brennan",
    "Moreau",
    "Kowalski",
    "Mensah",
    "Lindqvist",
    "Castillo",
    "Petrov",
)
PLACES = (
    "Lisbon",
    "Porto",
    "Columbus",
    "Tampa",
    "Nairobi",
    "Oslo",
    "Leeds",
    "Ghent",
    "Valencia",
    "Perth",
    "Halifax",
    "Dundee",
)
MONTHS = ("January", "March", "May", "July", "September", "November")
TEMPLATES = (
    "{Subject} {verb} the {adj} {noun} on {day}.",
    "{Subject} {verb} that the {noun} would cost more than expected.",
    "{person}, who leads the {noun} {noun2} in {place}, {verb} the {adj} {noun2}.",
    "In {place}, {subject} {verb} a {adj} {noun} after the {noun2}.",
    "The {noun} in {place} was {verb} by {subject}, {person} said.",
    "{Subject} and {subject2} {verb} the {noun} {noun2} in {month} {year}.",
    '"The {noun} is {adj}," {person} said in {place}.',
)


def _zipf_choice(rng: Random, words: tuple[str, ...]) -> str:
    """A word, the first ones much more often than the last (weight 1/rank)."""
    weights = [1 / rank for rank in range(1, len(words) + 1)]
    return rng.choices(words, weights)[0]


def sentence(rng: Random) -> str:
    template = rng.choice(TEMPLATES)
    subject, subject2 = _zipf_choice(rng, SUBJECTS), _zipf_choice(rng, SUBJECTS)
    text = template.format(
        Subject=subject[0].upper() + subject[1:],
        subject=subject,
        subject2=subject2,
        verb=_zipf_choice(rng, VERBS),
        noun=_zipf_choice(rng, NOUNS),
        noun2=_zipf_choice(rng, NOUNS),
        adj=_zipf_choice(rng, ADJECTIVES),
        person=f"{rng.choice(FIRST)} {_zipf_choice(rng, SURNAMES)}",
        place=_zipf_choice(rng, PLACES),
        month=rng.choice(MONTHS),
        year=rng.randrange(2018, 2025),
        day=rng.choice(("Monday", "Tuesday", "Friday")),
    )
    return text[0].upper() + text[1:]


def article(rng: Random) -> str:
    """A title line, a blank line, and two to six paragraphs."""
    noun, place = _zipf_choice(rng, NOUNS), _zipf_choice(rng, PLACES)
    title = f"{_zipf_choice(rng, ADJECTIVES).capitalize()} {noun} in {place}"
    paragraphs = [
        " ".join(sentence(rng) for _ in range(rng.randint(2, 5))) for _ in range(rng.randint(2, 6))
    ]
    return title + "\n\n" + "\n\n".join(paragraphs) + "\n"


def generate(root: Path, n: int, seed: int = 0) -> list[Path]:
    """Write `n` articles as `root/NNN/aNNNNNN.txt` (100 a folder); their paths, sorted."""
    rng = Random(f"tests-generated:{seed}")
    paths = []
    for i in range(n):
        path = Path(root) / f"{i // 100:03d}" / f"a{i:06d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(article(rng), encoding="utf-8")
        paths.append(path)
    return paths


def sample_queries(seed: int = 0, per_kind: int = 8) -> dict[str, list[str]]:
    """Queries of five kinds with hits in any collection generated with `seed`:
    words, two words with AND, phrases, misspelt words with `~`, prefixes with `*`."""
    rng = Random(f"tests-queries:{seed}")
    articles = Random(f"tests-generated:{seed}")
    text = " ".join(article(articles) for _ in range(10)).lower()
    words = sorted({w for w in NOUNS + VERBS + ADJECTIVES if len(w) >= 4})
    bigrams = sorted(set(re.findall(r"(?=\b([a-z]{3,} [a-z]{3,})\b)", text)))

    def pick(pool: list[str]) -> list[str]:
        return list(dict.fromkeys(rng.choice(pool) for _ in range(per_kind)))

    def misspelt(word: str) -> str:
        i = rng.randrange(1, len(word) - 1)
        return word[:i] + word[i + 1 :] + "~"

    pairs = zip(pick(words), pick(words))
    return {
        "term": pick(words),
        "and": [f"{a} AND {b}" for a, b in pairs if a != b],
        "phrase": [f'"{b}"' for b in pick(bigrams)],
        "fuzzy": [misspelt(w) for w in pick([w for w in words if len(w) >= 6])],
        "prefix": [w[:4] + "*" for w in pick([w for w in words if len(w) >= 7])],
    }
