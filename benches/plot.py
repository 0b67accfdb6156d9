#!/usr/bin/env python3
"""Draw the benchmark results as SVG plots.

    python3 benches/plot.py                      # reads and writes benches/results/
    python3 benches/plot.py --results DIR        # reads DIR/builds.csv, DIR/preview.csv; writes into DIR
    python3 benches/plot.py --builds FILE --preview FILE --out DIR [--log]

Reads (any missing tool, size, target or scenario is left out of the plots):

  builds.csv   tool,concepts,target,scenario,run,wall_s,cpu_s,rss_mb
               tool: glossgen, hugo, zola or cp (a `cp -r` of the finished output); target: disk or ram;
               scenario: fresh, rebuild or after_rm; one row per run.
  preview.csv  edit,mode,run,ms  (optional: without it the latency plot is skipped)
               edit: body, summary or title; mode: patch or reload; ms: edit to visible in the browser.

Writes, into the results folder (or --out):

  build-time.svg        median wall time against the number of concepts, disk and RAM disk side by side,
                        fresh builds, with `cp -r` of the output as a dashed floor and glossgen's time as a
                        fraction of Hugo's and Zola's at the largest size
  build-scenarios.svg   median wall time of each tool at the largest size, per scenario and target
  peak-memory.svg       median peak resident memory against the number of concepts (fresh, RAM disk, or
                        disk when there are no RAM disk rows)
  preview-latency.svg   edit-to-visible time per kind of edit, patch against reload: median, 10th to 90th
                        percentile and each run, with the 100 ms target

Build figures are medians over runs. Only the Python standard library is used; each SVG is
self-contained (no scripts, fonts or style sheets), on a white background.
"""

import argparse
import csv
import math
import statistics
import sys
from collections import defaultdict
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

# ---------------------------------------------------------------------------------------------------------
# Look

FONT = "-apple-system, BlinkMacSystemFont, 'Segoe UI', Helvetica, Arial, sans-serif"
TEXT = "#1f2328"
MUTED = "#59636e"
GRID = "#e3e6ea"
AXIS = "#8c959f"
TARGET_LINE = "#cf222e"

# Okabe–Ito colours: distinct for the common kinds of colour blindness, and each tool has its own marker.
TOOLS = {
    "glossgen": ("glossgen", "#0072B2", "circle"),
    "hugo": ("Hugo", "#D55E00", "square"),
    "zola": ("Zola", "#009E73", "triangle"),
}
CP = "cp"
CP_STYLE = ("cp -r of the output", "#6e7781", "none")
EXTRA_COLOURS = ["#CC79A7", "#E69F00", "#56B4E9", "#7a5195"]
EXTRA_MARKERS = ["diamond", "circle", "square", "triangle"]

TARGETS = {"disk": "On disk", "ram": "On a RAM disk (/dev/shm)"}
TARGET_SHORT = {"disk": "disk", "ram": "RAM disk"}
SCENARIOS = {
    "fresh": "fresh build",
    "rebuild": "rebuild over output",
    "after_rm": "after rm of old output",
}
MODES = {"patch": ("patch", "#0072B2"), "reload": ("full reload", "#E69F00")}
EDITS = {"body": "body edit", "summary": "summary edit", "title": "title edit"}
TARGET_MS = 100.0


def ordered(keys, preferred):
    """The keys in `preferred` order first, then any others sorted."""
    keys = set(keys)
    return [k for k in preferred if k in keys] + sorted(keys - set(preferred))


def tool_style(tool, _extra={}):
    if tool in TOOLS:
        return TOOLS[tool]
    if tool == CP:
        return CP_STYLE
    if tool not in _extra:
        i = len(_extra)
        _extra[tool] = (tool, EXTRA_COLOURS[i % len(EXTRA_COLOURS)], EXTRA_MARKERS[i % len(EXTRA_MARKERS)])
    return _extra[tool]


def text_width(s, size):
    """A rough width of `s` in the sans-serif font, for laying out legends and labels."""
    wide = sum(1 for c in s if c in "mwMW@%")
    narrow = sum(1 for c in s if c in "il.,:;|!'()[]/ tfjr-")
    return size * (0.56 * (len(s) - wide - narrow) + 0.85 * wide + 0.3 * narrow)


# ---------------------------------------------------------------------------------------------------------
# Numbers


def fmt(v, decimals=None):
    """A value for a label: thousands separators, and no more decimals than it needs."""
    if decimals is None:
        a = abs(v)
        decimals = 0 if a >= 100 or v == int(v) else 1 if a >= 10 else 2
    s = f"{v:,.{decimals}f}"
    return s.replace("-", "−")


def step_decimals(step):
    d = 0
    while d < 6 and abs(step * 10**d - round(step * 10**d)) > 1e-9:
        d += 1
    return d


def nice_step(span, count, steps=(1, 2, 2.5, 5, 10)):
    raw = span / max(count, 1)
    mag = 10 ** math.floor(math.log10(raw))
    for m in steps:
        if raw <= m * mag * (1 + 1e-9):
            return m * mag
    return 10 * mag


def percentile(values, p):
    """Linear interpolation between the closest ranks (the usual default)."""
    xs = sorted(values)
    if len(xs) == 1:
        return xs[0]
    k = (len(xs) - 1) * p / 100
    lo = math.floor(k)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (k - lo)


class Linear:
    """Maps [0, nice max] onto pixels [a, b] and gives evenly spaced round ticks."""

    def __init__(self, hi, a, b, count=5, lo=0.0, steps=(1, 2, 2.5, 5, 10)):
        hi = max(hi, lo + 1e-9)
        self.step = nice_step(hi - lo, count, steps)
        self.lo = math.floor(lo / self.step) * self.step
        self.hi = math.ceil(hi / self.step - 1e-9) * self.step
        self.a, self.b = a, b

    def __call__(self, v):
        return self.a + (v - self.lo) / (self.hi - self.lo) * (self.b - self.a)

    def ticks(self):
        n = round((self.hi - self.lo) / self.step)
        d = step_decimals(self.step)
        return [(self.lo + i * self.step, fmt(self.lo + i * self.step, d)) for i in range(n + 1)]


class Log:
    """Maps [lo, hi], widened to the nearest 1, 2 or 5 × 10^k, on a base-10 log scale."""

    def __init__(self, lo, hi, a, b):
        lo = max(lo, 1e-9)
        hi = max(hi, lo * 1.0001)
        seq = self.sequence(lo / 10, hi * 10)
        self.lo = max(v for v in seq if v <= lo * (1 + 1e-9))
        self.hi = min(v for v in seq if v >= hi * (1 - 1e-9))
        self.a, self.b = a, b

    @staticmethod
    def sequence(lo, hi, mults=(1, 2, 5)):
        out = []
        for k in range(math.floor(math.log10(lo)), math.ceil(math.log10(hi)) + 1):
            out.extend(m * 10.0**k for m in mults)
        return out

    def __call__(self, v):
        v = max(v, self.lo)
        t = (math.log10(v) - math.log10(self.lo)) / (math.log10(self.hi) - math.log10(self.lo))
        return self.a + t * (self.b - self.a)

    def ticks(self):
        decades = math.log10(self.hi / self.lo)
        mults = (1, 2, 5) if decades <= 3.5 else (1,)
        out = []
        for v in self.sequence(self.lo, self.hi, mults):
            if self.lo * (1 - 1e-9) <= v <= self.hi * (1 + 1e-9):
                out.append((v, fmt(v, max(0, -math.floor(math.log10(v) + 1e-9)))))
        return out


# ---------------------------------------------------------------------------------------------------------
# SVG


def num(v):
    return f"{v:.1f}".rstrip("0").rstrip(".")


class Svg:
    def __init__(self, width, height, title, description=""):
        self.width, self.height = width, height
        self.title, self.description = title, description
        self.parts = []

    def add(self, s):
        self.parts.append(s)

    def text(self, x, y, s, size=12, anchor="start", fill=TEXT, weight=None, rotate=False, italic=False):
        attrs = [f'x="{num(x)}"', f'y="{num(y)}"', f'font-size="{size}"', f'fill="{fill}"']
        if anchor != "start":
            attrs.append(f'text-anchor="{anchor}"')
        if weight:
            attrs.append(f'font-weight="{weight}"')
        if italic:
            attrs.append('font-style="italic"')
        if rotate:
            attrs.append(f'transform="rotate(-90 {num(x)} {num(y)})"')
        self.add(f"<text {' '.join(attrs)}>{escape(s)}</text>")

    def line(self, x1, y1, x2, y2, stroke, width=1.0, dash=None, cap=None):
        extra = f' stroke-dasharray="{dash}"' if dash else ""
        extra += f' stroke-linecap="{cap}"' if cap else ""
        self.add(
            f'<line x1="{num(x1)}" y1="{num(y1)}" x2="{num(x2)}" y2="{num(y2)}" '
            f'stroke="{stroke}" stroke-width="{width}"{extra}/>'
        )

    def rect(self, x, y, w, h, fill, stroke=None, opacity=None, rx=0):
        extra = f' stroke="{stroke}"' if stroke else ""
        extra += f' fill-opacity="{opacity}"' if opacity is not None else ""
        extra += f' rx="{rx}"' if rx else ""
        self.add(f'<rect x="{num(x)}" y="{num(y)}" width="{num(w)}" height="{num(h)}" fill="{fill}"{extra}/>')

    def polyline(self, points, stroke, width=2.25, dash=None):
        if len(points) < 2:
            return
        pts = " ".join(f"{num(x)},{num(y)}" for x, y in points)
        extra = f' stroke-dasharray="{dash}"' if dash else ""
        self.add(
            f'<polyline points="{pts}" fill="none" stroke="{stroke}" stroke-width="{width}" '
            f'stroke-linejoin="round" stroke-linecap="round"{extra}/>'
        )

    def marker(self, kind, x, y, colour, r=4.2):
        edge = 'stroke="#ffffff" stroke-width="1.2"'
        if kind == "circle":
            self.add(f'<circle cx="{num(x)}" cy="{num(y)}" r="{num(r)}" fill="{colour}" {edge}/>')
        elif kind == "square":
            s = r * 0.9
            self.add(
                f'<rect x="{num(x - s)}" y="{num(y - s)}" width="{num(2 * s)}" height="{num(2 * s)}" '
                f'fill="{colour}" {edge}/>'
            )
        elif kind == "triangle":
            s = r * 1.25
            pts = f"{num(x)},{num(y - s)} {num(x + s * 0.9)},{num(y + s * 0.65)} {num(x - s * 0.9)},{num(y + s * 0.65)}"
            self.add(f'<polygon points="{pts}" fill="{colour}" {edge}/>')
        elif kind == "diamond":
            s = r * 1.2
            pts = f"{num(x)},{num(y - s)} {num(x + s)},{num(y)} {num(x)},{num(y + s)} {num(x - s)},{num(y)}"
            self.add(f'<polygon points="{pts}" fill="{colour}" {edge}/>')
        elif kind == "small":
            self.add(f'<circle cx="{num(x)}" cy="{num(y)}" r="2.6" fill="{colour}" {edge}/>')

    def render(self):
        head = (
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{self.width}" height="{self.height}" '
            f'viewBox="0 0 {self.width} {self.height}" role="img" aria-label={quoteattr(self.title)} '
            f'font-family="{FONT}">'
        )
        body = [
            head,
            f"<title>{escape(self.title)}</title>",
            f"<desc>{escape(self.description)}</desc>" if self.description else "",
            f'<rect width="{self.width}" height="{self.height}" fill="#ffffff"/>',
            *self.parts,
            "</svg>",
        ]
        return '<?xml version="1.0" encoding="UTF-8"?>\n' + "\n".join(p for p in body if p) + "\n"


def header(svg, title, subtitle):
    svg.text(20, 30, title, size=17, weight="600")
    if subtitle:
        svg.text(20, 50, subtitle, size=12, fill=MUTED)


def legend(svg, items, x, y, size=12):
    """items: (label, colour, marker, dashed, kind) with kind 'line' or 'box'; laid out in one row."""
    for label, colour, marker, dashed, kind in items:
        if kind == "box":
            svg.rect(x, y - 9, 12, 12, colour, rx=2)
            x += 18
        else:
            svg.line(x, y - 3, x + 26, y - 3, colour, 2.25 if not dashed else 1.8, "5 4" if dashed else None)
            if marker != "none":
                svg.marker(marker, x + 13, y - 3, colour, r=3.8)
            x += 32
        svg.text(x, y + 1, label, size=size)
        x += text_width(label, size) + 22
    return x


def y_axis(svg, scale, left, right, labels=True, unit=None, label_x=None, grid=True):
    """Horizontal gridlines and tick labels for the y scale between pixel columns left and right."""
    for v, label in scale.ticks():
        y = scale(v)
        if grid:
            svg.line(left, y, right, y, GRID if v != 0 else AXIS, 1)
        if labels:
            svg.text(left - 7, y + 4, label, size=11, anchor="end", fill=MUTED)
    if unit and label_x is not None:
        svg.text(label_x, (scale.a + scale.b) / 2, unit, size=12, anchor="middle", fill=TEXT, rotate=True)


def x_ticks(svg, scale, bottom, top=None):
    for v, label in scale.ticks():
        x = scale(v)
        if top is not None and v != scale.lo:
            svg.line(x, top, x, bottom, GRID, 1)
        svg.line(x, bottom, x, bottom + 4, AXIS, 1)
        svg.text(x, bottom + 17, label, size=11, anchor="middle", fill=MUTED)


def frame(svg, left, top, right, bottom):
    svg.line(left, bottom, right, bottom, AXIS, 1)
    svg.line(left, top, left, bottom, AXIS, 1)


def write(path, svg, written):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(svg.render(), encoding="utf-8")
    written.append(path)
    print(f"wrote {path}")


# ---------------------------------------------------------------------------------------------------------
# Data


def to_float(s):
    try:
        v = float(s)
    except (TypeError, ValueError):
        return None
    return v if math.isfinite(v) else None


def read_csv(path, required):
    """Rows of a CSV as dicts with stripped keys and values, or None (with a message) if unusable."""
    if not path.is_file():
        return None
    with path.open(newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        fields = [(h or "").strip() for h in (reader.fieldnames or [])]
        missing = [c for c in required if c not in fields]
        if missing:
            print(f"{path}: no column {', '.join(missing)}; skipped", file=sys.stderr)
            return None
        rows = []
        for raw in reader:
            rows.append({(k or "").strip(): (v or "").strip() for k, v in raw.items() if k is not None})
        return rows


class Builds:
    """Medians over runs of builds.csv, keyed by (tool, concepts, target, scenario)."""

    def __init__(self, rows):
        samples = defaultdict(lambda: defaultdict(list))
        for r in rows:
            concepts = to_float(r.get("concepts"))
            tool = r.get("tool", "").lower()
            if concepts is None or not tool:
                continue
            key = (tool, int(concepts), r.get("target", "").lower(), r.get("scenario", "").lower())
            for col in ("wall_s", "cpu_s", "rss_mb"):
                v = to_float(r.get(col))
                if v is not None:
                    samples[key][col].append(v)
        self.median = {k: {c: statistics.median(v) for c, v in cols.items()} for k, cols in samples.items()}
        self.runs = {k: {c: len(v) for c, v in cols.items()} for k, cols in samples.items()}

    def series(self, tool, target, scenario, col):
        """[(concepts, median)] sorted by concepts."""
        pts = [
            (k[1], m[col])
            for k, m in self.median.items()
            if k[0] == tool and k[2] == target and k[3] == scenario and col in m
        ]
        return sorted(pts)

    def keys(self, index, **where):
        pos = {"tool": 0, "concepts": 1, "target": 2, "scenario": 3}
        out = set()
        for k, m in self.median.items():
            if all(k[pos[f]] == v for f, v in where.items()):
                out.add(k[index])
        return out

    def run_counts(self, col, tools, **where):
        pos = {"concepts": 1, "target": 2, "scenario": 3}
        return [
            n[col]
            for k, n in self.runs.items()
            if k[0] in tools and col in n and all(k[pos[f]] == v for f, v in where.items())
        ]


def runs_phrase(counts, what="median"):
    if not counts:
        return ""
    lo, hi = min(counts), max(counts)
    n = f"{lo}" if lo == hi else f"{lo}–{hi}"
    return f"{what} of {n} run{'s' if hi > 1 else ''}"


def ratio_notes(series_by_tool):
    """'glossgen ÷ Hugo = 0.20 at 10,000 concepts' for each other tool sharing a size with glossgen."""
    base = dict(series_by_tool.get("glossgen", []))
    notes = []
    for tool, pts in series_by_tool.items():
        if tool in ("glossgen", CP):
            continue
        other = dict(pts)
        shared = [n for n in base if n in other and other[n] > 0]
        if shared:
            n = max(shared)
            notes.append(f"glossgen ÷ {tool_style(tool)[0]} = {base[n] / other[n]:.2f} at {fmt(n, 0)} concepts")
    return notes


# ---------------------------------------------------------------------------------------------------------
# Plots


def line_panels(svg, panels, left, top, width, bottom, gap, y_unit, log_y, x_label, log_x=False):
    """Panels side by side, one per (title, {tool: [(concepts, value)]}), sharing the x and y scales."""
    values = [v for _, s in panels for pts in s.values() for _, v in pts]
    sizes = [n for _, s in panels for pts in s.values() for n, _ in pts]
    count = len(panels)
    pw = (width - gap * (count - 1)) / count
    if log_y:
        ys = Log(min(v for v in values if v > 0), max(values), bottom, top)
    else:
        ys = Linear(max(values) * 1.04, bottom, top, count=5)
    note_lines = 0
    for i, (title, series) in enumerate(panels):
        pl = left + i * (pw + gap)
        pr = pl + pw
        if log_x:
            xs = Log(min(sizes), max(sizes), pl + 12, pr - 12)
        else:
            xs = Linear(max(sizes), pl, pr - 12, count=5, steps=(1, 2, 5, 10))
        svg.text(pl, top - 10, title, size=13, weight="600")
        y_axis(svg, ys, pl, pr, labels=(i == 0), unit=y_unit if i == 0 else None, label_x=left - 42)
        x_ticks(svg, xs, bottom)
        frame(svg, pl, top, pr, bottom)
        svg.text((pl + pr) / 2, bottom + 36, x_label, size=12, anchor="middle")
        # cp first, so the tools' lines lie on top of it.
        for tool in sorted(series, key=lambda t: (t != CP, t)):
            pts = series[tool]
            label, colour, marker = tool_style(tool)
            xy = [(xs(n), ys(v)) for n, v in pts]
            if tool == CP:
                svg.polyline(xy, colour, 1.8, "6 4")
                for x, y in xy:
                    svg.marker("small", x, y, colour)
            else:
                svg.polyline(xy, colour)
                for x, y in xy:
                    svg.marker(marker, x, y, colour)
        notes = ratio_notes(series)
        for j, note in enumerate(notes):
            svg.text(pl, bottom + 56 + j * 16, note, size=11.5, fill=MUTED)
        note_lines = max(note_lines, len(notes))
    return note_lines


def plot_build_time(builds, out, log, written):
    tools = ordered(builds.keys(0, scenario="fresh") - {CP}, TOOLS)
    targets = ordered(builds.keys(2, scenario="fresh"), TARGETS)
    panels = []
    for target in targets:
        series = {}
        for tool in tools + [CP]:
            pts = builds.series(tool, target, "fresh", "wall_s")
            if pts:
                series[tool] = pts
        if any(t != CP for t in series):
            panels.append((TARGETS.get(target, target), series))
    if not panels:
        print("build-time.svg: no fresh builds with wall times in builds.csv; skipped")
        return
    present = {t for _, s in panels for t in s}
    runs = runs_phrase(builds.run_counts("wall_s", tools, scenario="fresh"))
    width, top, bottom = 720, 112, 338
    notes = max(len(ratio_notes(s)) for _, s in panels)
    height = bottom + 48 + (notes * 16 + 8 if notes else 0)
    svg = Svg(width, height, "Build time against site size", "Median wall time of a fresh build, in seconds.")
    header(svg, "Build time against site size", f"Wall time of a fresh build, {runs} · lower is better")
    items = [(*tool_style(t), False, "line") for t in tools if t in present]
    if CP in present:
        items.append((*CP_STYLE, True, "line"))
    legend(svg, items, 20, 78)
    line_panels(
        svg, panels, 72, top, width - 72 - 18, bottom, 30, "wall time (s)", log, "number of concepts", log
    )
    write(out / "build-time.svg", svg, written)


def plot_build_scenarios(builds, out, written):
    sizes = builds.keys(1)
    tools = ordered(builds.keys(0) - {CP}, TOOLS)
    if not sizes or not tools:
        print("build-scenarios.svg: no builds in builds.csv; skipped")
        return
    n = max(sizes)
    groups = []
    for scenario in ordered(builds.keys(3, concepts=n), SCENARIOS):
        for target in ordered(builds.keys(2, concepts=n, scenario=scenario), TARGETS):
            vals = {}
            for tool in tools + [CP]:
                m = builds.median.get((tool, n, target, scenario), {})
                if "wall_s" in m:
                    vals[tool] = m["wall_s"]
            if any(t != CP for t in vals):
                groups.append((scenario, target, vals))
    if not groups:
        print(f"build-scenarios.svg: no tool timings at {n} concepts; skipped")
        return
    tools = [t for t in tools if any(t in g[2] for g in groups)]
    has_cp = any(CP in g[2] for g in groups)
    runs = runs_phrase(builds.run_counts("wall_s", tools, concepts=n))

    width, left, right, top, bottom = 720, 72, 702, 100, 330
    height = bottom + 64
    title = f"Build time by scenario at {fmt(n, 0)} concepts"
    svg = Svg(width, height, title, "Median wall time per scenario, target and tool, in seconds.")
    header(svg, title, f"Wall time, {runs} · lower is better")
    items = [(tool_style(t)[0], tool_style(t)[1], "none", False, "box") for t in tools]
    if has_cp:
        items.append((CP_STYLE[0], "#424a53", "none", True, "line"))
    legend(svg, items, 20, 78)

    peak = max(v for _, _, vals in groups for v in vals.values())
    ys = Linear(peak * 1.1, bottom, top, count=5)
    y_axis(svg, ys, left, right, unit="wall time (s)", label_x=left - 42)
    gw = (right - left) / len(groups)
    bw = min(30.0, gw * 0.78 / len(tools))
    for i, (scenario, target, vals) in enumerate(groups):
        gx = left + i * gw
        cx = gx + gw / 2
        x0 = cx - bw * len(tools) / 2
        for j, tool in enumerate(tools):
            if tool not in vals:
                continue
            v = vals[tool]
            x = x0 + j * bw
            y = ys(v)
            svg.rect(x + 1, y, bw - 2, bottom - y, tool_style(tool)[1])
            svg.text(x + bw / 2, y - 4, fmt(v), size=10 if bw < 26 else 10.5, anchor="middle", fill=TEXT)
        if CP in vals:
            # Dark on a white edge, so that it shows across the bars too.
            y = ys(vals[CP])
            svg.line(x0 - 6, y, x0 + bw * len(tools) + 6, y, "#ffffff", 3.6)
            svg.line(x0 - 6, y, x0 + bw * len(tools) + 6, y, "#424a53", 1.6, "5 3")
        svg.text(cx, bottom + 17, TARGET_SHORT.get(target, target), size=11.5, anchor="middle", fill=MUTED)
    # Scenario names under their targets, with a faint separator between scenarios.
    i = 0
    while i < len(groups):
        j = i
        while j < len(groups) and groups[j][0] == groups[i][0]:
            j += 1
        scenario = groups[i][0]
        svg.text(
            left + (i + j) / 2 * gw, bottom + 36, SCENARIOS.get(scenario, scenario), size=12.5,
            anchor="middle", weight="600",
        )
        if i > 0:
            svg.line(left + i * gw, top, left + i * gw, bottom + 40, GRID, 1)
        i = j
    frame(svg, left, top, right, bottom)
    write(out / "build-scenarios.svg", svg, written)


def plot_peak_memory(builds, out, written):
    targets = builds.keys(2, scenario="fresh")
    target = "ram" if "ram" in targets else "disk" if "disk" in targets else None
    tools = ordered(builds.keys(0, scenario="fresh") - {CP}, TOOLS)
    series = {}
    if target:
        for tool in tools:
            pts = builds.series(tool, target, "fresh", "rss_mb")
            if pts:
                series[tool] = pts
    if not series:
        print("peak-memory.svg: no fresh builds with peak memory in builds.csv; skipped")
        return
    runs = runs_phrase(builds.run_counts("rss_mb", list(series), scenario="fresh", target=target))
    width, top, bottom = 720, 112, 338
    notes = len(ratio_notes(series))
    height = bottom + 48 + (notes * 16 + 8 if notes else 0)
    where = "on a RAM disk" if target == "ram" else "on disk"
    svg = Svg(width, height, "Peak memory against site size", "Median peak resident set size, in MB.")
    header(svg, "Peak memory against site size", f"Peak resident memory of a fresh build {where}, {runs} · lower is better")
    legend(svg, [(*tool_style(t), False, "line") for t in series], 20, 78)
    line_panels(
        svg, [("", series)], 72, top, width - 72 - 18, bottom, 0, "peak resident memory (MB)", False,
        "number of concepts",
    )
    write(out / "peak-memory.svg", svg, written)


def plot_preview(rows, out, log, written):
    samples = defaultdict(list)
    for r in rows:
        v = to_float(r.get("ms"))
        edit, mode = r.get("edit", "").lower(), r.get("mode", "").lower()
        if v is not None and edit and mode:
            samples[(edit, mode)].append(v)
    if not samples:
        print("preview-latency.svg: no timings in preview.csv; skipped")
        return
    edits = ordered({e for e, _ in samples}, EDITS)
    modes = ordered({m for _, m in samples}, MODES)
    counts = [len(v) for v in samples.values()]

    width, left, right, top, bottom = 720, 72, 702, 100, 330
    height = bottom + 56
    title = "Preview: time from edit to visible change"
    svg = Svg(width, height, title, "Milliseconds from saving an edit to seeing it in the browser.")
    lo, hi = min(counts), max(counts)
    each = "the one run" if hi == 1 else f"each of {lo} runs" if lo == hi else f"each of {lo}–{hi} runs"
    header(
        svg, title,
        f"Median (bar, and the number below it), 10th–90th percentile (whisker), {each} (dots) · lower is better",
    )
    extra = ["#CC79A7", "#009E73", "#56B4E9"]
    mode_style = {m: MODES.get(m, (m, extra[i % len(extra)])) for i, m in enumerate(modes)}
    items = [(mode_style[m][0], mode_style[m][1], "none", False, "box") for m in modes]
    items.append((f"{fmt(TARGET_MS, 0)} ms target", TARGET_LINE, "none", True, "line"))
    legend(svg, items, 20, 78)

    allv = [v for vs in samples.values() for v in vs] + [TARGET_MS]
    if log:
        ys = Log(min(v for v in allv if v > 0), max(allv), bottom, top)
    else:
        ys = Linear(max(allv) * 1.06, bottom, top, count=5)
    y_axis(svg, ys, left, right, unit="edit → visible (ms)", label_x=left - 42)
    gw = (right - left) / len(edits)
    bw = min(64.0, gw * 0.7 / len(modes))
    for i, edit in enumerate(edits):
        cx = left + (i + 0.5) * gw
        x0 = cx - bw * len(modes) / 2
        svg.text(cx, bottom + 36, EDITS.get(edit, edit), size=12.5, anchor="middle", weight="600")
        for j, mode in enumerate(modes):
            vs = samples.get((edit, mode))
            if not vs:
                continue
            colour = mode_style[mode][1]
            x = x0 + j * bw
            mid = x + bw / 2
            med, p10, p90 = statistics.median(vs), percentile(vs, 10), percentile(vs, 90)
            y = ys(med)
            svg.rect(x + 4, y, bw - 8, bottom - y, colour, opacity=0.35)
            svg.line(x + 4, y, x + bw - 4, y, colour, 2.5)
            # Each run, spread evenly across the bar so that equal times do not hide each other.
            for k, v in enumerate(vs):
                off = ((k * 0.618034) % 1 - 0.5) * (bw - 18) if len(vs) > 1 else 0
                svg.add(
                    f'<circle cx="{num(mid + off)}" cy="{num(ys(v))}" r="2.3" fill="{colour}" '
                    f'fill-opacity="0.75"/>'
                )
            if len(vs) > 1:
                svg.line(mid, ys(p90), mid, ys(p10), TEXT, 1.3)
                svg.line(mid - 6, ys(p90), mid + 6, ys(p90), TEXT, 1.3)
                svg.line(mid - 6, ys(p10), mid + 6, ys(p10), TEXT, 1.3)
            svg.text(mid, bottom + 16, f"{fmt(med, 0 if med >= 10 else 1)} ms", size=11, anchor="middle", fill=MUTED)
    ty = ys(TARGET_MS)
    svg.line(left, ty, right, ty, TARGET_LINE, 1.5, "6 4")
    frame(svg, left, top, right, bottom)
    write(out / "preview-latency.svg", svg, written)


# ---------------------------------------------------------------------------------------------------------


def main():
    here = Path(__file__).resolve().parent
    p = argparse.ArgumentParser(description="Draw SVG plots of the benchmark results.")
    p.add_argument("--results", type=Path, default=here / "results",
                   help="folder holding builds.csv and preview.csv, and where the plots go (default: %(default)s)")
    p.add_argument("--builds", type=Path, help="builds CSV (default: RESULTS/builds.csv)")
    p.add_argument("--preview", type=Path, help="preview CSV (default: RESULTS/preview.csv)")
    p.add_argument("--out", type=Path, help="folder for the SVGs (default: RESULTS)")
    p.add_argument("--log", action="store_true",
                   help="log scales: both axes of the build-time plot, the y axis of the latency plot")
    a = p.parse_args()
    builds_path = a.builds or a.results / "builds.csv"
    preview_path = a.preview or a.results / "preview.csv"
    out = a.out or a.results
    written = []

    rows = read_csv(builds_path, ["tool", "concepts", "target", "scenario", "wall_s"])
    if rows is None:
        if not builds_path.is_file():
            print(f"{builds_path}: not found; build plots skipped")
    else:
        builds = Builds(rows)
        plot_build_time(builds, out, a.log, written)
        plot_build_scenarios(builds, out, written)
        plot_peak_memory(builds, out, written)

    rows = read_csv(preview_path, ["edit", "mode", "ms"])
    if rows is None:
        if not preview_path.is_file():
            print(f"{preview_path}: not found; preview latency plot skipped")
    else:
        plot_preview(rows, out, a.log, written)

    if not written:
        print("nothing written", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
