"""What every page shares: its language, the links to it in the other languages, its headers."""

from __future__ import annotations

from urllib.parse import quote, urlencode

from flask import Response, render_template, request, session

from .. import assessments
from ..questionnaire import LANGUAGES
from ..questionnaire.answers import DONT_KNOW, NA, answer_text
from ..scoring import level_name
from ..web import get_db, get_definitions
from .ui_text import texts


def page_language() -> str:
    """`?lang=` (remembered), then the choice made earlier, then the browser's, else French."""
    chosen = request.args.get("lang")
    if chosen in LANGUAGES:
        session["lang"] = chosen
        return chosen
    if session.get("lang") in LANGUAGES:
        return session["lang"]
    return request.accept_languages.best_match(LANGUAGES) or "fr"


def switch_links(lang: str) -> list[dict]:
    """The current page in each language: same path and query, another `lang`. The path is
    percent-encoded: a backslash or a tab in it (`/\\evil.example`) could otherwise make a
    browser read the link as one to another site."""
    path = quote(request.path)
    links = []
    for code in LANGUAGES:
        query = {k: v for k, v in request.args.items() if k != "lang"} | {"lang": code}
        links.append(
            {
                "code": code,
                "name": texts(code)[f"language_{code}"],
                "href": f"{path}?{urlencode(query)}",
                "current": code == lang,
            }
        )
    return links


def render_page(template: str, status: int = 200, *, lang: str | None = None, **values):
    """A page in the request's language, never cached, its address never sent as a referrer."""
    lang = lang or page_language()
    html = render_template(
        template,
        lang=lang,
        dir="rtl" if lang == "ar" else "ltr",
        t=texts(lang),
        switch_links=switch_links(lang),
        level_name=level_name,
        **values,
    )
    response = Response(html, status)
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


def shown_answer(question, value, lang: str) -> str:
    """An answer as a reader sees it on a page."""
    t = texts(lang)
    words = {
        "none": t["no_answer"],
        NA: t["answer_na"],
        DONT_KNOW: t["answer_dont_know"],
        "nothing": t["answer_none"],
    }
    return answer_text(question, value, lang, words)


def comparison_values(loaded, lang: str) -> dict:
    """What `_comparison.html` shows: how the assessment compares with the one it follows (none
    when it follows none), and a row per domain."""
    found = assessments.comparison_of(get_db(), loaded, get_definitions())
    titles = {d.id: d.title[lang] for d in loaded.form.domains}
    rows = [(titles[d], change) for d, change in found.domains.items()] if found else []
    return {"comparison": found, "comparison_rows": rows}


def download(data, mimetype: str, filename: str) -> Response:
    """A file to save (never cached): `data` as bytes, text, or chunks to stream."""
    response = Response(data, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "no-store"
    return response
