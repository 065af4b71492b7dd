"""Arabic text layout speed: 100 Arabic paragraphs through the report's text component against
100 French paragraphs through ReportLab's own Paragraph, laid out and rendered in the same run.

Run: python bench/arabic.py [--runs 21]. Target: Arabic at most 3 times the French cost. The
paragraphs are the shipped recommendations' "why" and "how" texts, the same ones in each language.
Also printed: a 200,000-character Arabic text laid out and rendered (bounded, not budgeted).
"""

from __future__ import annotations

import argparse
import io
import statistics
import time
from xml.sax.saxutils import escape

from report import median_ms  # the same timing as the report benchmark
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, SimpleDocTemplate

from survey.paths import shipped_folder
from survey.questionnaire import load_library
from survey.reporting.pdf import FONT, register_fonts
from survey.reporting.pdf.draw import clear_caches
from survey.reporting.pdf.layout import TextStyle
from survey.reporting.pdf.text import TextBlock

COUNT = 100


def paragraphs(lang: str) -> list[str]:
    form = load_library(shipped_folder("questionnaires")).get("readiness").for_sector("insurance")
    texts = [
        text[lang] for q in form.questions() for r in q.recommendations for text in (r.why, r.how)
    ]
    return (texts * (COUNT // len(texts) + 1))[:COUNT]


def build(story) -> bytes:
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, invariant=1).build(story)
    return buffer.getvalue()


def arabic(texts: list[str]) -> bytes:
    style = TextStyle(rtl=True, lang="ar", align="justify", space_after=4)
    return build([TextBlock(text, style) for text in texts])


def french(texts: list[str]) -> bytes:
    style = ParagraphStyle("fr", fontName=FONT, fontSize=9.5, leading=15, spaceAfter=4)
    return build([Paragraph(escape(text), style) for text in texts])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    register_fonts()
    ar, fr = paragraphs("ar"), paragraphs("fr")
    print(
        f"{COUNT} paragraphs: {sum(map(len, ar)):,} Arabic and {sum(map(len, fr)):,} French chars"
    )
    french(fr), arabic(ar)  # imports and fonts loaded before any timing
    # Interleaved, so that the machine's slower and faster moments weigh on both alike.
    fr_ms, ar_cold, ar_ms = [], [], []
    for _ in range(args.runs):
        fr_ms.append(median_ms(lambda: french(fr), 1))
        ar_cold.append(median_ms(lambda: arabic(ar), 1, before=clear_caches))
        ar_ms.append(median_ms(lambda: arabic(ar), 1))  # the caches the cold run filled
    fr_ms, ar_cold, ar_ms = map(statistics.median, (fr_ms, ar_cold, ar_ms))
    print(f"French, ReportLab Paragraph: median {fr_ms:.1f} ms")
    print(f"Arabic, text component, every cache cleared before each run: median {ar_cold:.1f} ms")
    print(f"Arabic, text component, caches warm: median {ar_ms:.1f} ms")
    big = (" ".join(ar) * 200)[:200_000]
    start = time.perf_counter()
    pdf = arabic([big])
    print(
        f"one 200,000-character Arabic text: {time.perf_counter() - start:.2f} s, "
        f"{len(pdf) / 1e6:.1f} MB"
    )
    ratio = ar_cold / fr_ms
    print(
        f"ratio Arabic (cold) / French: {ratio:.2f} "
        f"(target at most 3: {'met' if ratio <= 3 else 'MISSED'})"
    )


if __name__ == "__main__":
    main()
