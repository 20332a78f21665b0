"""Numbers, money, dates and small phrase helpers shared by the styles."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

MONTHS = [
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
WIRE_MONTHS = [
    "Jan",
    "Feb",
    "March",
    "April",
    "May",
    "June",
    "July",
    "Aug",
    "Sept",
    "Oct",
    "Nov",
    "Dec",
]
AP_MONTHS = [
    "Jan.",
    "Feb.",
    "March",
    "April",
    "May",
    "June",
    "July",
    "Aug.",
    "Sept.",
    "Oct.",
    "Nov.",
    "Dec.",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
QUARTERS = ["1ST", "2ND", "3RD", "4TH"]
QUARTER_WORDS = ["first", "second", "third", "fourth"]


def weekday_between(rng: random.Random, start: date, end: date) -> date:
    span = (end - start).days
    while True:
        d = start + timedelta(days=rng.randrange(span))
        if d.weekday() < 5:
            return d


def wire_stamp(rng: random.Random, d: date) -> str:
    """'26-FEB-1987 15:01:01.79'"""
    t = datetime(d.year, d.month, d.day, rng.randint(6, 20), rng.randrange(60), rng.randrange(60))
    return f"{d.day:02d}-{t.strftime('%b').upper()}-{d.year} {t.strftime('%H:%M:%S')}.{rng.randrange(100):02d}"


def wire_day(d: date) -> str:
    return f"{WIRE_MONTHS[d.month - 1]} {d.day}"


def mln(rng: random.Random, lo: float, hi: float) -> float:
    return round(rng.uniform(lo, hi), 1)


def fmt1(x: float) -> str:
    return f"{x:.1f}" if abs(x) < 100 else f"{x:.0f}"


def near(rng: random.Random, x: float, spread: float = 0.3) -> float:
    return x * (1 + rng.uniform(-spread, spread))


def thousands(x: float) -> str:
    return f"{round(x):,}"


def pct(rng: random.Random, lo: float, hi: float, digits: int = 1) -> str:
    return f"{rng.uniform(lo, hi):.{digits}f}"


def fraction_price(rng: random.Random, lo: int, hi: int) -> str:
    whole = rng.randint(lo, hi)
    frac = rng.choice(["", "-1/8", "-1/4", "-3/8", "-1/2", "-5/8", "-3/4", "-7/8"])
    return f"{whole}{frac}"


def money_modern(rng: random.Random, lo: float, hi: float, cur: str = "$") -> str:
    """'$4.5 million', '$1.2 billion', '€830 million'"""
    x = rng.uniform(lo, hi)  # in millions
    if x < 0.1:  # a retail price: "$349", "$1,299"
        return f"{cur}{round(x * 1e6, -1 if x < 0.002 else -2) - (1 if rng.random() < 0.5 else 0):,.0f}"
    if x >= 1000:
        return f"{cur}{x / 1000:.1f} billion"
    if x >= 100:
        return f"{cur}{x:.0f} million"
    return f"{cur}{x:.1f} million"


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def words(n: int) -> str:
    small = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
    return small[n] if 0 <= n < len(small) else str(n)


def slug(text: str, limit: int = 60) -> str:
    out = []
    for ch in text.lower():
        if ch.isascii() and ch.isalnum():
            out.append(ch)
        elif out and out[-1] != "-":
            out.append("-")
    return "".join(out).strip("-")[:limit].rstrip("-") or "story"
