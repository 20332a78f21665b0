"""A timeline on screen: a bar chart with labelled axes (textual-plotext) when
the terminal is wide, a one-line sparkline with its first and last dates when
it is narrow. Shows a `reader.analytics.timeline.Timeline`; says how many were
undated, and when there are no dates at all.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Sparkline, Static

from reader.analytics.timeline import Timeline

if TYPE_CHECKING:
    from textual.widget import Widget
    from textual_plotext import PlotextPlot

    from reader.library import Library
    from reader.results import ResultSet
from reader.textio import plural

#: At least this many columns of terminal: a chart, else a sparkline.
CHART_WIDTH = 100
#: Tick labels on the chart's x axis at most.
X_TICKS = 6
#: Hits whose dates the search timeline reads at a time.
COUNT_CHUNK = 1000


def summary(timeline: Timeline, what: str) -> Text:
    """ "1,204 mentions per month · 12 undated · peak 40 in 2022-03", or
    "6 mentions, all undated" (nothing to chart)."""
    one = what.rstrip("s")
    if not timeline.buckets:
        if not timeline.total:
            return Text(f"no {what}", style="dim")
        text = Text(plural(timeline.total, one, what), style="bold")
        text.append(", all undated: nothing to chart", style="italic")
        return text
    text = Text(plural(timeline.dated, one, what), style="bold")
    text.append(f" per {timeline.unit}")
    if timeline.undated:
        text.append(f" · {timeline.undated:,} undated", style="italic")
    peak = timeline.peak
    if peak is not None and peak.count:
        text.append(f" · peak {peak.count:,} in {peak.label}", style="dim")
    return text


class TimelineChart(Vertical):
    """One timeline; `show()` it (and again on new data). Mounts the chart
    widget only when first needed (textual-plotext loads then)."""

    DEFAULT_CSS = """
    TimelineChart { height: auto; }
    TimelineChart > .timeline--summary { height: 1; padding: 0 1; }
    TimelineChart > .timeline--spark-row { height: 1; padding: 0 1; }
    TimelineChart > .timeline--spark-row > Static { width: auto; color: $text-muted; }
    TimelineChart > .timeline--spark-row > Sparkline { width: 1fr; margin: 0 1; }
    TimelineChart > PlotextPlot { height: 10; }
    """

    def __init__(
        self,
        what: str = "mentions",
        *,
        chart: bool = True,
        id: str | None = None,
        classes: str | None = None,
    ):
        super().__init__(id=id, classes=classes)
        self.what = what
        self.chart = chart  # False: a sparkline however wide the terminal
        self.timeline: Timeline | None = None
        self.ymax: int | None = None  # a shared scale (two charts compared)
        self._plot: PlotextPlot | None = None
        self._mode = ""
        self._made = not self.LAZY  # the children exist (or are being mounted)
        self._summary: Static | None = None
        self._first: Static | None = None
        self._spark: Sparkline | None = None
        self._last: Static | None = None
        self._spark_row: Horizontal | None = None

    #: Make the children only when first shown (a pane that may never show one).
    LAZY = False

    def compose(self) -> ComposeResult:
        if not self.LAZY:
            yield from self._parts()

    def _parts(self) -> list[Widget]:
        """The widgets, kept by reference (usable before they are mounted)."""
        if self._summary is None or self._spark_row is None:
            self._summary = Static("", classes="timeline--summary", markup=False)
            self._first = Static("", classes="timeline--first", markup=False)
            self._spark = Sparkline([], summary_function=max)
            self._last = Static("", classes="timeline--last", markup=False)
            self._spark_row = Horizontal(
                self._first, self._spark, self._last, classes="timeline--spark-row"
            )
        return [self._summary, self._spark_row]

    @property
    def chart_mode(self) -> bool:
        return self.chart and self.app.size.width >= CHART_WIDTH

    def show(
        self, timeline: Timeline | None, what: str | None = None, ymax: int | None = None
    ) -> None:
        self.timeline = timeline
        self.ymax = ymax
        if what:
            self.what = what
        self._draw()

    def on_resize(self) -> None:
        if self.timeline is not None and self._mode != ("chart" if self.chart_mode else "spark"):
            self._draw()

    def _draw(self) -> None:
        if not self._made:
            self._made = True
            self.mount_all(self._parts())
        t = self.timeline
        text = summary(t, self.what) if t is not None else Text("…", style="dim")
        self._parts()
        assert self._summary is not None and self._spark_row is not None
        assert self._spark is not None and self._first is not None and self._last is not None
        self._summary.update(text)
        has_bars = t is not None and bool(t.buckets)
        chart = has_bars and self.chart_mode
        self._mode = "chart" if self.chart_mode else "spark"
        self._spark_row.display = has_bars and not chart
        if t is not None and has_bars and not chart:
            self._spark.data = [b.count for b in t.buckets]
            self._first.update(t.buckets[0].label)
            self._last.update(t.buckets[-1].label)
        if t is not None and chart:
            self._draw_chart(t)
        elif self._plot is not None:
            self._plot.display = False

    def _draw_chart(self, t: Timeline) -> None:
        if self._plot is None:
            from textual_plotext import PlotextPlot

            self._plot = PlotextPlot()
            self.mount(self._plot)
        self._plot.display = True
        plt = self._plot.plt
        plt.clear_data()
        plt.clear_figure()
        xs: list[float] = list(range(len(t.buckets)))
        counts = [b.count for b in t.buckets]
        plt.bar(xs, counts, marker="hd", width=0.8 if len(xs) < 60 else 1.0)
        ticks = max(2, min(X_TICKS, (self.size.width - 8) // 16))
        step = max(1, -(-len(xs) // ticks))
        plt.xticks(xs[::step], [b.label for b in t.buckets][::step])
        top = max(self.ymax or 0, max(counts)) or 1
        plt.ylim(0, top)
        ystep = max(1, -(-top // 4))
        plt.yticks(list(range(0, top + 1, ystep)))
        plt.xlabel(f"per {t.unit}")
        plt.ylabel(self.what)
        self._plot.refresh()


class SearchTimeline(TimelineChart):
    """The search pane's sparkline of matching articles over time: `follow()` a
    result set; the dates of all its hits are read in a worker."""

    LAZY = True  # mounted at start-up in the search pane, made at the first search

    def __init__(self, *, id: str | None = None, classes: str | None = None):
        super().__init__("articles", chart=False, id=id, classes=classes)
        self._for: ResultSet | None = None

    def on_mount(self) -> None:
        self.display = False

    def follow(self, library, results) -> None:
        self._for = results
        if library is None or results is None or not results.total:
            self.display = False
            return
        self.display = True
        self.show(None)
        self._count(library, results)

    @work(thread=True, exclusive=True, group="search-timeline", exit_on_error=False)
    def _count(self, library: Library, results: ResultSet) -> None:
        from reader.analytics import timeline

        # In chunks: the searcher and the library are locked only a moment at a
        # time (a search typed meanwhile waits for neither), and a newer search
        # stops this one.
        dates: list[tuple[str, str | None]] = []
        for start in range(0, results.total, COUNT_CHUNK):
            if results is not self._for:
                return
            dates += library.article_dates(results.ids(start, start + COUNT_CHUNK))
        built = timeline.build([(d, 1) for _, d in dates])
        self.app.call_from_thread(self._counted, results, built)

    def _counted(self, results, built: Timeline) -> None:
        if results is self._for:  # not an older search's
            self.show(built, "articles")
