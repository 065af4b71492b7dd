"""The report's sections, each a list of flowables built from the report context.

Every string goes through the text component (`TextBlock`, and the cells of `Grid`), so user
text is never read as markup and Arabic is shaped and ordered; tables (`_grid`) and charts are
mirrored for Arabic.
"""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Image, KeepTogether, PageBreak, Spacer

from ..context import ReportContext
from .charts import Gauge, Radar
from .grid import Grid, Row
from .text import TextBlock

WIDTH = 174 * mm  # the text width of an A4 page between the report's margins


def colon(ctx: ReportContext) -> str:
    """A label's colon as the language writes it (French puts a space before it)."""
    return " : " if ctx.lang == "fr" else ": "


def score_text(score: float | None, texts: dict, missing: str | None = None) -> str:
    """A score out of 100 as the language writes it; `missing` (default "not assessed") when
    there is none."""
    if score is None:
        return texts["not_assessed"] if missing is None else missing
    return texts["score_value"].format(score=f"{score:.0f}")


def _grid(ctx: ReportContext, header: Row | None, rows: list[Row], widths: list) -> Grid:
    """A table of text cells, its columns right to left in Arabic, ruled in the brand colour."""
    primary = colors.HexColor(ctx.primary_colour)
    return Grid(header, rows, widths, rtl=ctx.direction == "rtl", rule=primary)


def cover(ctx: ReportContext, st: dict) -> list:
    t, c = ctx.texts, colon(ctx)
    nature = t["reviewed_by_consultant"] if ctx.reviewed else t["self_assessed"]
    facts = [
        (t["organisation"], ctx.organisation),
        (t["sector"], ctx.sector),
        (t["size"], f"{ctx.size} {t['size_unit']}"),
        (t["questionnaire"], f"{ctx.questionnaire} ({t['version']} {ctx.version})"),
        (t["date"], ctx.date),
        (t["language"], ctx.language),
        (t["assessed_by"], nature),
        (t["status"], ctx.status),
        (t["completeness"], f"{ctx.completeness * 100:.0f}%"),
    ]
    rows = [Row([(k, st["cell_bold"]), (v, st["cell"])]) for k, v in facts]
    facts_table = _grid(ctx, None, rows, [48 * mm, 126 * mm])
    out = []
    if ctx.logo:
        logo = Image(ctx.logo, width=40 * mm, height=20 * mm, kind="proportional")
        logo.hAlign = "RIGHT" if ctx.direction == "rtl" else "LEFT"
        out += [logo, Spacer(1, 6 * mm)]
    return [
        *out,
        TextBlock(ctx.issuer, st["small"]),
        Spacer(1, 30 * mm),
        TextBlock(t["title"], st["title"]),
        TextBlock(t["subtitle"], st["subtitle"]),
        TextBlock(ctx.organisation, st["h1"]),
        Spacer(1, 8 * mm),
        facts_table,
        Spacer(1, 8 * mm),
        TextBlock(t["introduction"], st["body"]),
        Spacer(1, 6 * mm),
        TextBlock(f"{t['prepared_by']}{c}{ctx.issuer}", st["small"]),
        PageBreak(),
    ]


def summary(ctx: ReportContext, st: dict) -> list:
    t, c = ctx.texts, colon(ctx)
    primary = colors.HexColor(ctx.primary_colour)
    level = f"{t['level']} {ctx.level}{c}{ctx.level_name}" if ctx.level else t["not_assessed"]
    out = [
        TextBlock(t["summary"], st["h1"]),
        TextBlock(t["summary_intro"], st["body"]),
        Gauge(
            score_text(ctx.overall, t, missing=""), ctx.overall, level, st["body"], colour=primary
        ),
        TextBlock(t["strengths"], st["h2"]),
    ]
    if not ctx.strengths:
        out.append(TextBlock(t["no_strengths"], st["body"]))
    for d in ctx.strengths:
        line = f"• {d.title}{c}{score_text(d.score, t)} · {d.level_name}"
        out.append(TextBlock(line, st["bullet"]))
    out.append(TextBlock(t["priority_actions"], st["h2"]))
    if not ctx.recommendations:
        out.append(TextBlock(t["no_recommendations"], st["body"]))
    for rec in ctx.recommendations[:5]:
        meta = f"{rec.domain} · {rec.horizon} · {t['effort']}{c}{rec.effort}"
        out += [
            TextBlock(f"{rec.rank}. {rec.title}", st["bullet_bold"]),
            TextBlock(meta, st["meta"]),
        ]
    if ctx.general_note:
        out += [TextBlock(t["general_note"], st["h2"]), TextBlock(ctx.general_note, st["note"])]
    return [*out, PageBreak()]


def scores(ctx: ReportContext, st: dict) -> list:
    t = ctx.texts
    primary = colors.HexColor(ctx.primary_colour)
    accent = colors.HexColor(ctx.accent_colour)
    series = [(t["radar_score"], [d.score for d in ctx.domains], primary, False)]
    reviewed = any(d.reviewed is not None for d in ctx.domains)
    if reviewed:
        values = [d.score if d.reviewed is None else d.reviewed for d in ctx.domains]
        series.append((t["radar_reviewed"], values, colors.HexColor("#2E7D32"), True))
    if ctx.peers:
        series.append((t["radar_peers"], [d.peer_median for d in ctx.domains], accent, True))
    header = [t["domain"], t["score"], t["level"]]
    widths = [58 * mm, 24 * mm, 56 * mm]
    if reviewed:
        header.append(t["reviewed_score"])
        widths.append(36 * mm)
    if ctx.peers:
        header.append(t["peer_median"])
        widths.append(36 * mm)
    scale = WIDTH / sum(widths)
    rows = []
    for d in ctx.domains:
        level = f"{d.level} · {d.level_name}" if d.level else "–"
        if d.capped:
            level += f" ({t['capped']})"
        row = [d.title, score_text(d.score, t), level]
        if reviewed:
            row.append(score_text(d.reviewed, t, missing="–"))
        if ctx.peers:
            row.append(score_text(d.peer_median, t, missing="–"))
        rows.append(Row([(cell, st["cell"]) for cell in row]))
    out = [TextBlock(t["radar"], st["h1"])]
    if len(ctx.domains) >= 3:  # a radar needs three axes at least
        out.append(Radar([d.title for d in ctx.domains], series, st["body"]))
    head = Row([(h, st["cell_bold"]) for h in header])
    out.append(_grid(ctx, head, rows, [w * scale for w in widths]))
    if ctx.peers:
        out.append(TextBlock(t["peer_group"].format(count=ctx.peers), st["small"]))
    return out


def domains(ctx: ReportContext, st: dict) -> list:
    t, c = ctx.texts, colon(ctx)
    out = [PageBreak(), TextBlock(t["domain_section"], st["h1"])]
    for d in ctx.domains:
        level = f" · {t['level']} {d.level}{c}{d.level_name}" if d.level else ""
        capped = f" ({t['capped']})" if d.capped else ""
        head = [
            CondPageBreak(50 * mm),
            TextBlock(d.title, st["h2"]),
            TextBlock(f"{t['score']}{c}{score_text(d.score, t)}{level}{capped}", st["meta"]),
        ]
        if d.reviewed is not None:
            reviewed = f"{t['reviewed_score']}{c}{score_text(d.reviewed, t)}"
            head.append(TextBlock(f"{reviewed} · {d.reviewed_level_name}", st["meta"]))
            if d.justification:
                head.append(TextBlock(f"{t['justification']}{c}{d.justification}", st["note"]))
        if d.peer_median is not None:
            head.append(
                TextBlock(f"{t['peer_median']}{c}{score_text(d.peer_median, t)}", st["meta"])
            )
        if d.note:
            head.append(TextBlock(f"{t['consultant_note']}{c}{d.note}", st["note"]))
        head.append(TextBlock(t["findings"], st["h3"]))
        out.append(KeepTogether(head))
        if not d.findings:
            out.append(TextBlock(t["no_findings"], st["body"]))
        lines = []
        for finding in d.findings:
            mark = f" ({t['critical_control']})" if finding.critical else ""
            lines.append(f"• {finding.question} — {t['answer']}{c}{finding.answer}{mark}")
        if lines:  # one block, a paragraph a finding: it splits between pages like any text
            out.append(TextBlock("\n".join(lines), st["bullet"]))
        if d.recommendations:
            out.append(TextBlock(t["recommendations_of_domain"], st["h3"]))
            out += [recommendation(ctx, st, rec) for rec in d.recommendations]
    return out


def recommendation(ctx: ReportContext, st: dict, rec) -> KeepTogether:
    """A recommendation: its rank and priority (which depend on the answers) on a line of their
    own, then its title, why and how, horizon, effort and references (the library's own text,
    which recurs from one report to the next and is laid out once)."""
    t, c = ctx.texts, colon(ctx)
    separator = {"fr": " ; ", "en": "; "}.get(ctx.lang, "؛ ")
    meta = f"{t['horizon']}{c}{rec.horizon} · {t['effort']}{c}{rec.effort}"
    if rec.references:
        meta += f"\n{t['references']}{c}" + separator.join(rec.references)
    reasons = [
        (t["why"] + c.rstrip(), True),
        (f" {rec.why}\n", False),
        (t["how"] + c.rstrip(), True),
        (" " + rec.how, False),
    ]
    priority = t["added_by_consultant"] if rec.added else f"{t['priority']}{c}{rec.priority:g}"
    block = [
        TextBlock(f"{t['rank']} {rec.rank} · {priority}", st["meta"]),
        TextBlock(rec.title, st["h4"]),
        TextBlock(reasons, st["body"]),
        TextBlock(meta, st["meta"]),
    ]
    if rec.note:
        block.append(TextBlock(f"{t['consultant_note']}{c}{rec.note}", st["note"]))
    return KeepTogether([*block, Spacer(1, 2.5 * mm)])


def action_plan(ctx: ReportContext, st: dict) -> list:
    t = ctx.texts
    head = [PageBreak(), TextBlock(t["action_plan"], st["h1"])]
    if not ctx.recommendations:
        return [*head, TextBlock(t["no_recommendations"], st["body"])]
    bold, cell = st["cell_small_bold"], st["cell_small"]
    header = [t["rank"], t["action"], t["domain"], t["priority"], t["effort"], t["horizon"]]
    rows = []
    for horizon, actions in ctx.horizons:
        if actions:
            rows.append(Row([(horizon, st["cell_bold"])], span=True))
        for rec in actions:
            priority = "—" if rec.added else f"{rec.priority:g}"
            cells = [str(rec.rank), rec.title, rec.domain, priority, rec.effort]
            cells += [rec.horizon, "\n".join(rec.references)]
            rows.append(Row([(text, cell) for text in cells]))
    widths = [10 * mm, 50 * mm, 26 * mm, 16 * mm, 15 * mm, 22 * mm, 35 * mm]
    grid = _grid(ctx, Row([(text, bold) for text in [*header, t["references"]]]), rows, widths)
    return [*head, TextBlock(t["action_plan_intro"], st["body"]), grid]


def projections(ctx: ReportContext, st: dict) -> list:
    t = ctx.texts
    header = [t["domain"], t["today"]]
    header += [t["after_actions"].format(count=p.actions) for p in ctx.projections]
    rows = []
    for k, d in enumerate(ctx.domains):
        cells = [d.title, score_text(d.score, t)]
        cells += [score_text(p.scores[k], t) for p in ctx.projections]
        rows.append(Row([(cell, st["cell"]) for cell in cells]))
    overall = [t["overall_score"], score_text(ctx.overall, t)]
    overall += [score_text(p.overall, t) for p in ctx.projections]
    rows.append(Row([(cell, st["cell_bold"]) for cell in overall], strong=True))
    first = 64 * mm
    widths = [first] + [(WIDTH - first) / (len(header) - 1)] * (len(header) - 1)
    return [
        CondPageBreak(70 * mm),
        TextBlock(t["projections"], st["h1"]),
        TextBlock(t["projections_intro"], st["body"]),
        _grid(ctx, Row([(h, st["cell_bold"]) for h in header]), rows, widths),
    ]


def progress(ctx: ReportContext, st: dict) -> list:
    """Since the previous assessment: each domain's score then and now, and what changed."""
    if ctx.progress is None:
        return []
    t, c = ctx.texts, colon(ctx)
    header = [t["domain"], t["previous"], t["today"], t["change"]]
    rows = []
    for n, (title, before, after) in enumerate(ctx.progress.rows):
        delta = "—" if before is None or after is None else f"{round(after) - round(before):+d}"
        cells = [title, score_text(before, t), score_text(after, t), delta]
        last = n == len(ctx.progress.rows) - 1
        style = st["cell_bold"] if last else st["cell"]
        rows.append(Row([(cell, style) for cell in cells], strong=last))
    counts = " · ".join(f"{text}{c}{count}" for text, count in ctx.progress.counts)
    first = 64 * mm
    return [
        CondPageBreak(70 * mm),
        TextBlock(t["progress"], st["h1"]),
        TextBlock(t["progress_intro"], st["body"]),
        _grid(
            ctx,
            Row([(h, st["cell_bold"]) for h in header]),
            rows,
            [first] + [(WIDTH - first) / 3] * 3,
        ),
        TextBlock(counts, st["small"]),
    ]


def _annex(ctx: ReportContext, number: int) -> str:
    """An annex's name: "Annexe A", "الملحق ب"."""
    letters = "أب" if ctx.lang == "ar" else "AB"
    return f"{ctx.texts['annex']} {letters[number]}"


def methodology(ctx: ReportContext, st: dict) -> list:
    """The methodology annex, from its Markdown: headings, paragraphs and bullets."""
    out: list = [PageBreak()]
    paragraph: list[str] = []

    def flush():
        if paragraph:
            out.append(TextBlock(" ".join(paragraph), st["body"]))
            paragraph.clear()

    for line in ctx.methodology.splitlines():
        stripped = line.strip()
        if stripped.startswith("# "):
            flush()
            out.append(TextBlock(f"{_annex(ctx, 0)}{colon(ctx)}{stripped[2:]}", st["h1"]))
        elif stripped.startswith("## "):
            flush()
            out.append(TextBlock(stripped[3:], st["h3"]))
        elif stripped.startswith("- "):
            flush()
            out.append(TextBlock(f"• {stripped[2:]}", st["bullet"]))
        elif stripped:
            paragraph.append(stripped)
        else:
            flush()
    flush()
    return out


def crosswalk(ctx: ReportContext, st: dict) -> list:
    t, c = ctx.texts, colon(ctx)
    out = [
        PageBreak(),
        TextBlock(f"{_annex(ctx, 1)}{c}{t['crosswalk']}", st["h1"]),
        TextBlock(t["crosswalk_intro"], st["body"]),
    ]
    if not ctx.crosswalk:
        return [*out, TextBlock(t["no_recommendations"], st["body"])]
    for group in ctx.crosswalk:
        comma = "، " if ctx.lang == "ar" else ", "
        lines = [
            f"{ref} — {t['cited_by' if len(ranks) > 1 else 'cited_by_one']} "
            + comma.join(map(str, ranks))
            for ref, ranks in group.references
        ]
        out += [
            CondPageBreak(25 * mm),
            TextBlock(group.framework, st["h3"]),
            TextBlock("\n".join(lines), st["list"]),
        ]
    return out
