"""A speaker's quotes over time, coloured by escalation act: the geometry of a
server-drawn SVG chart (templates/includes/timeline.html), no JavaScript."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass

from django.db.models import CharField, Count
from django.db.models.functions import Cast, Substr

from .ingest.escalation import SHOWN_ACT_LABELS as ACT_LABELS
from .models import Quote

WIDTH, HEIGHT = 720, 160  # the plot area, in SVG units
LEFT, BOTTOM, TOP = 32, 34, 8  # room for the count axis, the month and year labels, the top tick
MAX_BARS = 96  # beyond eight years of months, bars are quarters
LABEL_EVERY_MONTH = 24  # up to two years every month is named under its tick, to four every quarter, then Jan and Jul
YEAR_LABEL = 36  # SVG units a year's label needs beside the next
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True)
class Segment:
    act: str
    label: str
    count: int
    y: float
    height: float


@dataclass(frozen=True)
class Bar:
    period: str  # "2024-09", or "three months from 2024-08" on long timelines
    x: float
    width: float
    total: int
    segments: tuple[Segment, ...]


@dataclass(frozen=True)
class Tick:
    """A month's (or quarter's) mark on the time axis, named when there is room."""

    x: float
    month: str  # "Sep", or "" when this month goes unnamed
    year: str  # "2024" at each January and at the first tick, else ""


@dataclass(frozen=True)
class Row:
    """One month (or quarter) of the chart as a table row."""

    period: str
    counts: tuple[tuple[str, int], ...]  # (act, quotes) for the acts it holds
    total: int

    def count(self, act: str) -> int:
        return dict(self.counts).get(act, 0)


@dataclass(frozen=True)
class Timeline:
    bars: tuple[Bar, ...]
    ticks: tuple[tuple[float, str], ...]  # x and year label
    peak: int
    totals: tuple[tuple[str, str, int], ...]  # act, label, count: the chart's legend
    undated: int
    month_ticks: tuple[Tick, ...] = ()
    rows: tuple[Row, ...] = ()  # the periods holding quotes: the chart as a table (columns: `totals`)
    width: int = WIDTH + LEFT
    height: int = HEIGHT + BOTTOM + TOP
    plot_bottom: int = HEIGHT + TOP
    left: int = LEFT
    top: int = TOP

    @property
    def total(self):
        return sum(count for _, _, count in self.totals)


def speaker_codes(speaker) -> list[tuple[datetime.date | None, str, int]]:
    """(month of publication, act as readers see it, "uncoded" included, quotes) for the speaker's
    shown quotes, counted by the database: a bar needs only the month, and a row per quote cost
    Putin's page 1,500 rows and as many dates parsed (6 ms; counted, 3 ms). The month is the
    first of it, None for undated articles."""
    # An ISO date's first seven characters are its month, as SQLite and PostgreSQL write it.
    month = Substr(Cast("article__published", CharField()), 1, 7)
    counted = (
        Quote.objects.filter(speaker=speaker)
        .with_shown_act()
        .annotate(month=month)
        .values_list("month", "shown")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return [(_first_of(month), act, n) for month, act, n in counted]


def _first_of(month: str | None) -> datetime.date | None:
    return datetime.date(int(month[:4]), int(month[5:7]), 1) if month else None


def date_range(*code_lists) -> tuple[datetime.date, datetime.date] | None:
    dates = [date for codes in code_lists for date, _, _ in codes if date]
    return (min(dates), max(dates)) if dates else None


def peak_of(codes, span) -> int:
    """The most quotes in one bar of these codes over this span: compared timelines share
    the largest, so that bars of one height mean as many quotes in both."""
    return build(codes, span).peak


def build(codes, span=None, peak=None) -> Timeline:
    """Bars of quotes per month (or quarter) over `span` (default: the quotes' own dates),
    scaled so that `peak` quotes (default: the most in one bar) fill the height. `codes` are
    (date, act, quotes), as speaker_codes gives them."""
    span = span or date_range(codes)
    totals = Counter()
    for _, act, n in codes:
        totals[act] += n
    table = tuple((act, label, totals[act]) for act, label in ACT_LABELS.items() if totals[act])
    undated = sum(n for date, _, n in codes if date is None)
    if span is None:
        return Timeline(bars=(), ticks=(), peak=0, totals=table, undated=undated)
    first, last = span
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    step = 3 if months > MAX_BARS else 1

    def period_of(date):
        index = ((date.year - first.year) * 12 + date.month - first.month) // step
        return index

    count = (months + step - 1) // step
    per_period: list[Counter] = [Counter() for _ in range(count)]
    for date, act, n in codes:
        if date and first <= date <= last:
            per_period[period_of(date)][act] += n
    peak = max(peak or 0, max((sum(counter.values()) for counter in per_period), default=0)) or 1
    slot = WIDTH / count
    # Over decades a label a year would overlap: every second, fifth... year is named.
    year_every = next(
        n for n in (1, 2, 5, 10, 20, 50, 100, 1000) if (last.year - first.year + 1) / n * YEAR_LABEL <= WIDTH
    )
    bars, ticks, month_ticks, rows = [], [], [], []
    for index, counter in enumerate(per_period):
        month0 = first.month - 1 + index * step
        year, month = first.year + month0 // 12, month0 % 12 + 1
        x = LEFT + index * slot
        year_named = (year - first.year) % year_every == 0
        if month <= step and year_named:
            ticks.append((round(x, 1), str(year)))
        named = (month - 1) % (1 if count <= LABEL_EVERY_MONTH else 3 if count <= 2 * LABEL_EVERY_MONTH else 6) == 0
        month_ticks.append(
            Tick(
                x=round(x + slot / 2, 1),
                month=MONTHS[month - 1] if named and step == 1 else "",
                year=str(year) if (month <= step and year_named) or index == 0 else "",
            )
        )
        y = TOP + HEIGHT
        segments = []
        for act, label in ACT_LABELS.items():
            if counter[act]:
                height = HEIGHT * counter[act] / peak
                y -= height
                segments.append(
                    Segment(act=act, label=label, count=counter[act], y=round(y, 1), height=round(height, 1))
                )
        period = f"{year}-{month:02d}" if step == 1 else f"three months from {year}-{month:02d}"
        if counter:
            rows.append(Row(period=period, counts=tuple(counter.items()), total=sum(counter.values())))
        bars.append(
            Bar(
                period=period,
                x=round(x + slot * 0.1, 1),
                width=round(max(slot * 0.8, 1), 1),
                total=sum(counter.values()),
                segments=tuple(segments),
            )
        )
    if not ticks:
        ticks.append((LEFT, str(first.year)))
    return Timeline(
        bars=tuple(bars),
        ticks=tuple(ticks),
        peak=peak,
        totals=table,
        undated=undated,
        month_ticks=tuple(month_ticks),
        rows=tuple(rows),
    )
