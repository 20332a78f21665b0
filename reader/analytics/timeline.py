"""Counts over time: mentions of an entity, articles matching a search.

The bucket (day, week or month; year past 30 years) is chosen from the span of
the dates, so a chart has between a handful and ~100 bars; empty buckets between
the first and the last date are kept (a gap in the news is information).
Articles without a date are counted apart (`undated`), never dropped.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

UNITS = ("day", "week", "month", "year")
#: The longest span (in days) shown per day, per week and per month.
DAY_SPAN = 62
WEEK_SPAN = 731
MONTH_SPAN = 366 * 30


@dataclass(frozen=True, slots=True)
class Bucket:
    start: dt.date
    label: str  # 2024-03-05 (a day, or the Monday of a week), 2024-03, 2024
    count: int


@dataclass(frozen=True, slots=True)
class Timeline:
    unit: str
    buckets: tuple[Bucket, ...]
    undated: int  # counted but without a (readable) date
    total: int  # dated + undated

    @property
    def dated(self) -> int:
        return self.total - self.undated

    @property
    def peak(self) -> Bucket | None:
        return max(self.buckets, key=lambda b: b.count, default=None)


def parse_day(value: str | None) -> dt.date | None:
    """The day of an ISO date as the store keeps it (YYYY-MM-DD...), else None."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def unit_for_span(first: dt.date, last: dt.date) -> str:
    days = (last - first).days
    if days <= DAY_SPAN:
        return "day"
    if days <= WEEK_SPAN:
        return "week"
    if days <= MONTH_SPAN:
        return "month"
    return "year"


def bucket_start(day: dt.date, unit: str) -> dt.date:
    if unit == "week":
        return day - dt.timedelta(days=day.weekday())  # ISO weeks start on Monday
    if unit == "month":
        return day.replace(day=1)
    if unit == "year":
        return day.replace(month=1, day=1)
    return day


def next_bucket(start: dt.date, unit: str) -> dt.date:
    if unit == "day":
        return start + dt.timedelta(days=1)
    if unit == "week":
        return start + dt.timedelta(days=7)
    if unit == "month":
        return (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return start.replace(year=start.year + 1)


def bucket_label(start: dt.date, unit: str) -> str:
    if unit == "month":
        return start.strftime("%Y-%m")
    if unit == "year":
        return str(start.year)
    return start.isoformat()


def count_by_day(rows: Iterable[tuple[str | None, int]]) -> tuple[Counter[dt.date], int]:
    """(count per day, undated count) of (date, count) rows."""
    days: Counter[dt.date] = Counter()
    undated = 0
    for value, n in rows:
        day = parse_day(value)
        if day is None:
            undated += n
        else:
            days[day] += n
    return days, undated


def span_of(*day_counts: Counter[dt.date]) -> tuple[dt.date, dt.date] | None:
    days = [d for counts in day_counts for d in counts]
    return (min(days), max(days)) if days else None


def build(
    rows: Iterable[tuple[str | None, int]],
    *,
    unit: str | None = None,
    span: tuple[dt.date, dt.date] | None = None,
) -> Timeline:
    """A timeline of (date, count) rows.

    `unit` forces the bucket size; `span` (first, last day) forces the axis, so
    two timelines can share one (see `aligned`).
    """
    days, undated = count_by_day(rows)
    return _from_days(days, undated, unit=unit, span=span)


def _from_days(
    days: Counter[dt.date], undated: int, *, unit: str | None, span: tuple[dt.date, dt.date] | None
) -> Timeline:
    total = sum(days.values()) + undated
    span = span or span_of(days)
    if span is None:
        return Timeline(unit or "day", (), undated, total)
    first, last = span
    unit = unit or unit_for_span(first, last)
    per_bucket: Counter[dt.date] = Counter()
    for day, n in days.items():
        per_bucket[bucket_start(day, unit)] += n
    buckets = []
    start, end = bucket_start(first, unit), bucket_start(last, unit)
    while start <= end:
        buckets.append(Bucket(start, bucket_label(start, unit), per_bucket.get(start, 0)))
        start = next_bucket(start, unit)
    return Timeline(unit, tuple(buckets), undated, total)


def aligned(*series: Iterable[tuple[str | None, int]]) -> list[Timeline]:
    """Timelines of several series on one axis (same unit and buckets): side by side."""
    counted = [count_by_day(rows) for rows in series]
    span = span_of(*(days for days, _ in counted))
    unit = unit_for_span(*span) if span else None
    return [_from_days(days, undated, unit=unit, span=span) for days, undated in counted]
