"""The interface's languages: its strings' catalogs, read through Flask-Babel, and numbers and
dates written as each language writes them in Morocco.

The strings' English source texts are in `views/ui_text.py` and `views/workspace_text.py`, each
under a key; each language's catalog, `translations/<lang>/LC_MESSAGES/messages.po`, holds their
translations (msgctxt: the key, msgid: the English text), for a translator to edit with any PO
editor. The catalogs are read and checked when the app starts: a file that cannot be read, or a
translation whose `{name}` placeholders differ from its source's, stops the start with the file
and line. A string missing from a catalog, or translated from an older English text, is shown in
English (and `flask --app survey translations check` lists it).
"""

from __future__ import annotations

import io
import re
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path

from babel import support
from babel.dates import format_date
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po, write_po
from babel.numbers import format_decimal
from flask_babel import Babel, Domain
from jinja2 import pass_context

from .questionnaire import LANGUAGES

FOLDER = Path(__file__).parent / "translations"
# Moroccan conventions: Western digits and the Maghreb's month names in Arabic
LOCALES = {"ar": "ar_MA", "fr": "fr_MA", "en": "en_GB"}
_PLACEHOLDER = re.compile(r"\{(\w*)\}")


class CatalogError(ValueError):
    """Problems in the catalogs, one line each: the file, its line and what is wrong."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


def catalog_path(lang: str, folder: Path | None = None) -> Path:
    return (folder or FOLDER) / lang / "LC_MESSAGES" / "messages.po"


def read_catalogs(sources: dict[str, str], folder: Path | None = None) -> dict[str, Catalog]:
    """Each language's catalog (in `folder`, else the shipped ones), checked against `sources`
    (key -> English text); CatalogError lists whatever would break a page."""
    folder = folder or FOLDER
    catalogs, problems = {}, []
    for lang in LANGUAGES:
        path = catalog_path(lang, folder)
        try:
            stat = path.stat()
            catalogs[lang] = _read(str(path), stat.st_mtime_ns, stat.st_size, lang)
        except OSError as exc:
            problems.append(f"{path}: cannot be read ({exc.strerror})")
            continue
        except PoFileError as exc:
            problems.append(f"{path}:{exc.lineno + 1}: {exc}")  # Babel counts lines from 0
            continue
        problems += [f"{path}:{line}: {problem}" for line, problem in _mistakes(catalogs[lang])]
    if problems:
        raise CatalogError(problems)
    return catalogs


@lru_cache(maxsize=16)
def _read(path: str, mtime: int, size: int, lang: str) -> Catalog:
    """A catalog file read (once per version of the file, whichever app asks)."""
    with open(path, "rb") as file:
        return read_po(file, locale=lang, abort_invalid=True)


def _mistakes(catalog: Catalog):
    """(line, problem) for each translation that would fail when a page fills it in."""
    for message in catalog:
        if not message.id or not message.string:
            continue
        wanted = set(_PLACEHOLDER.findall(message.id))
        found = set(_PLACEHOLDER.findall(message.string))
        if found != wanted:
            names = ", ".join(f"{{{name}}}" for name in sorted(wanted)) or "none"
            yield message.lineno, f"{message.context}: the placeholders must be {names}"
            continue
        try:
            message.string.format(**dict.fromkeys(wanted, ""))
        except (ValueError, IndexError, KeyError):
            yield message.lineno, f"{message.context}: a brace is not a placeholder (write {{{{)"


def gaps(sources: dict[str, str], catalogs: dict[str, Catalog], folder: Path | None = None):
    """What a translator still has to do: strings missing or translated from an older text
    (English may leave its translations empty: the source is shown)."""
    found = []
    for lang, catalog in catalogs.items():
        path = catalog_path(lang, folder)
        for key, english in sources.items():
            message = catalog.get(english, context=key)
            if message is None:
                older = [m for m in catalog if m.context == key]
                what = "translated from an older English text" if older else "missing"
                found.append(f"{path}:{older[0].lineno if older else 0}: {key}: {what}")
            elif message.fuzzy:
                found.append(f"{path}:{message.lineno}: {key}: marked fuzzy, to be reviewed")
            elif lang != "en" and not message.string:
                found.append(f"{path}:{message.lineno}: {key}: not translated")
        known = set(sources)
        found += [
            f"{path}:{m.lineno}: {m.context}: no such string in the interface"
            for m in catalog
            if m.id and m.context not in known
        ]
    return found


def update_catalogs(sources: dict[str, str], folder: Path | None = None) -> list[Path]:
    """Each language's catalog brought in line with `sources`, in their order: a new string
    added untranslated; a string whose English text changed keeps its translation, marked fuzzy
    (not shown until a translator reviews it) with the former text beside it; a string no
    longer used kept at the end as an obsolete entry."""
    written = []
    for lang in LANGUAGES:
        path = catalog_path(lang, folder)
        with open(path, "rb") as file:
            old = read_po(file, locale=lang, abort_invalid=True)
        by_key = {message.context: message for message in old if message.id}
        new = Catalog(locale=lang, header_comment=old.header_comment, fuzzy=False)
        new.mime_headers = old.mime_headers
        for key, english in sources.items():
            before = by_key.pop(key, None)
            flags = {"python-brace-format"} if _PLACEHOLDER.search(english) else set()
            if before is None:
                new.add(english, "", context=key, flags=flags)
                continue
            changed = before.id != english and before.string
            new.add(
                english,
                before.string,
                context=key,
                flags=flags | (before.flags & {"fuzzy"}) | ({"fuzzy"} if changed else set()),
                auto_comments=before.auto_comments,
                user_comments=before.user_comments,
                previous_id=before.id if changed else before.previous_id,
            )
        for message in by_key.values():
            new.obsolete[(message.id, message.context)] = message
        buffer = io.BytesIO()
        write_po(buffer, new, width=100, no_location=True, include_previous=True)
        path.write_bytes(buffer.getvalue())
        written.append(path)
    return written


class _Catalogs(Domain):
    """Flask-Babel's domain, its translations compiled in memory from the checked catalogs."""

    def __init__(self, catalogs: dict[str, Catalog]):
        super().__init__()
        self.by_language = {lang: _compiled(catalog) for lang, catalog in catalogs.items()}

    def get_translations(self):
        from flask_babel import get_locale

        locale = get_locale()
        language = locale.language if locale else "fr"
        return self.by_language.get(language) or support.NullTranslations()


def _compiled(catalog: Catalog) -> support.Translations:
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return support.Translations(buffer)


def init_app(app, sources: dict[str, str], derived: dict[str, dict], locale_selector) -> None:
    """Flask-Babel for `app`, with the catalogs read and checked (CatalogError if they are
    wrong), each language's strings made once (with `derived` ones, already in each language),
    and the filters that write dates and numbers."""
    app.extensions["survey.sources"] = sources
    catalogs = read_catalogs(sources)
    babel = Babel(app, locale_selector=lambda: LOCALES[locale_selector()])
    domain = babel.domain_instance = _Catalogs(catalogs)
    app.extensions["survey.texts"] = {
        lang: {
            **{
                key: domain.by_language[lang].upgettext(key, english) or english
                for key, english in sources.items()
            },
            **{key: names[lang] for key, names in derived.items()},
        }
        for lang in LANGUAGES
    }
    app.jinja_env.filters.update(date=_date_filter, datetime=_datetime_filter, number=_number)


def _moment(value) -> datetime | date | None:
    if isinstance(value, date):
        return value
    try:
        return datetime.fromisoformat(str(value))
    except ValueError:
        return None


def written_date(value, lang: str) -> str:
    """A stored date or timestamp as a date the reader's language writes (4 ماي 2026)."""
    moment = _moment(value)
    return format_date(moment, "long", locale=LOCALES[lang]) if moment else str(value or "")


def written_datetime(value, lang: str) -> str:
    """A stored timestamp with its time as stored (the app stores UTC, and says so)."""
    moment = _moment(value)
    if not isinstance(moment, datetime):
        return written_date(value, lang)
    zone = " UTC" if moment.utcoffset() is not None and not moment.utcoffset() else ""
    return f"{written_date(moment, lang)} {moment:%H:%M}{zone}"


def written_number(value, lang: str, decimals: int = 0) -> str:
    """A number with `decimals` places, as the reader's language writes it (Western digits)."""
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=LOCALES[lang])


@pass_context
def _date_filter(context, value) -> str:
    return written_date(value, context.get("lang", "fr"))


@pass_context
def _datetime_filter(context, value) -> str:
    return written_datetime(value, context.get("lang", "fr"))


@pass_context
def _number(context, value, decimals: int = 0) -> str:
    return written_number(value, context.get("lang", "fr"), decimals)
