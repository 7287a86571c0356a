"""The report's charts as PNG images, drawn with matplotlib without a display.

Each function takes `ExportData` and returns a `Chart` (a title and PNG bytes), or None when there
is nothing to draw. Labels show IROs the way the export does (references unless identifiable).
Pure apart from matplotlib: no database, no files.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import TYPE_CHECKING

from letters.audit.figures import Share, reading_by_band
from letters.audit.grade import Grade
from letters.audit.report import ExportData, iro_order

if TYPE_CHECKING:
    from matplotlib.figure import Figure

BLUE, GREY, RED = "#2f5597", "#a5a5a5", "#c00000"


@dataclass(frozen=True, slots=True)
class Chart:
    title: str
    png: bytes


def _figure(height: float) -> Figure:
    import matplotlib

    matplotlib.use("Agg")  # no display: exports run in a terminal or a worker thread
    from matplotlib.figure import Figure

    fig = Figure(figsize=(6.5, height))
    fig.set_layout_engine("constrained")
    return fig


def _png(fig: Figure) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=120)
    return buf.getvalue()


def _pct(share: Share) -> float | None:
    return share.percent


def reading_chart(data: ExportData) -> Chart | None:
    bands = reading_by_band(data.letters)
    if not bands:
        return None
    fig = _figure(3.0)
    ax = fig.subplots()
    xs = range(len(bands))
    ax.bar(
        [x - 0.2 for x in xs],
        [b.median_reading or 0 for b in bands],
        0.4,
        label="Reading age (median)",
        color=BLUE,
    )
    ax.bar(
        [x + 0.2 for x in xs], [b.median_target or 0 for b in bands], 0.4, label="Target (median)", color=GREY
    )
    ax.set_xticks(list(xs), [f"{b.band}\n({b.letters} letters)" for b in bands])
    ax.set_ylabel("Reading age (years)")
    ax.legend(loc="upper left", fontsize=8)
    return Chart("Reading age against target, by age band", _png(fig))


def working_days_chart(data: ExportData) -> Chart | None:
    from matplotlib.ticker import MaxNLocator

    days = [f.working_days for f in data.letters if f.working_days is not None]
    if not days:
        return None
    fig = _figure(2.8)
    ax = fig.subplots()
    ax.hist(days, bins=range(0, max(days) + 2), color=BLUE, align="left")
    limit = data.working_day_limit
    ax.axvline(limit + 0.5, color=RED, linestyle="--", label=f"due within {limit} working days")
    ax.legend(fontsize=8)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("Working days from the meeting to the letter being sent")
    ax.set_ylabel("Letters")
    return Chart("Working days from meeting to letter", _png(fig))


def grades_chart(data: ExportData) -> Chart | None:
    from matplotlib.ticker import MaxNLocator

    if not data.summary.audited:
        return None
    fig = _figure(2.4)
    ax = fig.subplots()
    names = ["Outstanding", "Good", "Requires\nimprovement", "Inadequate"]
    ax.bar(names, [data.summary.grades.get(g, 0) for g in Grade], color=BLUE)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylabel("Letters")
    return Chart("Audit grades", _png(fig))


def monthly_chart(data: ExportData) -> Chart | None:
    """Letters on time and participation of children 4+, month by month, beside a year earlier."""
    if not data.months:
        return None
    fig = _figure(4.2)
    top, bottom = fig.subplots(2, 1, sharex=True)
    labels = [m.month.short.split()[0] for m in data.months]
    xs = list(range(len(labels)))
    for ax, what, pick, target in (
        (top, "Letters sent on time", lambda s: s.on_time, data.targets.letters_on_time),
        (
            bottom,
            "Children 4+ who participated",
            lambda s: s.participated_4plus,
            data.targets.participation_4plus,
        ),
    ):
        now = [_pct(pick(m.summary)) for m in data.months]
        before = [_pct(pick(m.previous)) for m in data.months]
        ax.plot(
            xs, [float("nan") if v is None else v for v in now], marker="o", color=BLUE, label="This year"
        )
        ax.plot(
            xs,
            [float("nan") if v is None else v for v in before],
            marker="s",
            linestyle=":",
            color=GREY,
            label="A year earlier",
        )
        if target is not None:
            ax.axhline(target, color=RED, linestyle="--", linewidth=1, label=f"Target {target:g}%")
        ax.set_ylim(0, 105)
        ax.set_ylabel("%")
        ax.set_title(what, fontsize=10)
        ax.legend(fontsize=7, loc="lower left", ncols=3)
    bottom.set_xticks(xs, labels)
    return Chart("Month by month, beside the year before", _png(fig))


def iro_chart(data: ExportData) -> Chart | None:
    rows = [r for r in iro_order(data) if r.letters_on_time.of]
    if not rows:
        return None
    fig = _figure(max(2.2, 0.28 * len(rows) + 1.0))
    ax = fig.subplots()
    names = [data.iro(r.iro) for r in rows]
    ax.barh(names, [r.letters_on_time.percent or 0 for r in rows], color=BLUE)
    if data.targets.letters_on_time is not None:
        ax.axvline(data.targets.letters_on_time, color=RED, linestyle="--", linewidth=1)
    ax.set_xlim(0, 100)
    ax.invert_yaxis()
    ax.set_xlabel("% of letters sent on time")
    return Chart("Letters sent on time, by IRO", _png(fig))
