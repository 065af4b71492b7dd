"""The respondent's forms, with WTForms and Flask-WTF's CSRF token: a fresh class per request.

A domain page gets one field per question it shows, named `q_<question id>` ("not applicable"
and "don't know" are options of the choice questions that allow them; number and text questions,
which are not scored, never offer them). `page_answers` turns what was posted into answer values
as the core stores them, and `page_data` turns stored answers back into what the fields show.
Every message comes from the caller, in the respondent's language.
"""

from __future__ import annotations

import json
import re
import unicodedata
from decimal import Decimal

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    HiddenField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.fields.core import Label
from wtforms.validators import ValidationError
from wtforms.widgets import HiddenInput, ListWidget, TextArea, TextInput
from wtforms.widgets.core import Markup, clean_key  # markupsafe's Markup, as WTForms' widgets use

from ..questionnaire import LANGUAGES, SIZE_BANDS, Library, Question
from ..questionnaire.answers import DONT_KNOW, NA, NONE_OPTION, clean_text
from ..questionnaire.spec import CHOICE_TYPES, MAX_NUMBER

MAX_NAME_LENGTH = 200
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_NUMBER = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)")


_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "'": "&#39;", '"': "&#34;"})


def _escaped(value) -> str:
    """`markupsafe.escape(value)` as text (markup is kept, its quotes written `&quot;`)."""
    if hasattr(value, "__html__"):
        return value.__html__().replace('"', "&quot;")
    return str(value).translate(_ESCAPES)


def _attributes(**kwargs) -> Markup:
    """The HTML attributes `wtforms.widgets.html_params` writes, to the character, without a
    `Markup.format` and Markup objects for each attribute (a page's fields spent most of their
    time there)."""
    params = []
    for key, value in sorted(kwargs.items()):
        key = clean_key(key)
        if value is True:
            params.append(_escaped(key))
        elif value is not False:
            params.append(f'{_escaped(key)}="{_escaped(value)}"')
    return Markup(" ".join(params))


class _Choice:
    """One option of a choice question, as the templates use it (`option(...)`, `option.label`,
    `option.data`) and as WTForms' option subfield renders it: the same input, without building
    a whole field for each option of each question of the page."""

    __slots__ = ("id", "name", "type", "data", "checked", "label")

    def __init__(self, field, index: int, choice: SelectChoice, input_type: str):
        self.id, self.name, self.type = f"{field.id}-{index}", field.name, input_type
        self.data, self.checked = choice.value, choice.selected
        self.label = Label(self.id, choice.label or choice.value)

    def _value(self) -> str:
        return str(self.data)

    def __call__(self, **kwargs) -> Markup:
        kwargs = {clean_key(key): value for key, value in kwargs.items()}
        kwargs.setdefault("id", self.id)
        kwargs.setdefault("type", self.type)
        if "value" not in kwargs:
            kwargs["value"] = self._value()
        if self.checked:
            kwargs.setdefault("checked", True)
        return Markup(f"<input {_attributes(name=self.name, **kwargs)}>")

    __html__ = __call__


class _RadioField(RadioField):
    """Radio buttons whose options are `_Choice`s."""

    def __iter__(self):
        for index, choice in enumerate(self._iter_choices_normalized()):
            yield _Choice(self, index, choice, "radio")


class _CheckboxesField(SelectMultipleField):
    """Check boxes (a multiple choice) whose options are `_Choice`s."""

    widget = ListWidget(prefix_label=False)

    def __iter__(self):
        for index, choice in enumerate(self._iter_choices_normalized()):
            yield _Choice(self, index, choice, "checkbox")


class _Text(TextInput):
    html_params = staticmethod(_attributes)


class _Hidden(HiddenInput):
    html_params = staticmethod(_attributes)


class _TextArea(TextArea):
    """`wtforms.widgets.TextArea`, its attributes written by `_attributes`."""

    def __call__(self, field, **kwargs):
        kwargs.setdefault("id", field.id)
        for key, value in vars(field.flags).items():
            if key in self.validation_attrs and key not in kwargs:
                kwargs[key] = value
        return Markup(
            f"<textarea {_attributes(name=field.name, **kwargs)}>\r\n"
            f"{_escaped(field._value())}</textarea>"
        )


def _choices(pairs) -> list[SelectChoice]:
    return [SelectChoice(value, label) for value, label in pairs]


def _one_of(values, message: str, required: bool = False):
    def check(_form, field):
        chosen = field.data if isinstance(field.data, list) else [field.data]
        if any(value not in values for value in chosen if value):
            raise ValidationError(message)
        if required and not any(chosen):
            raise ValidationError(message)

    return check


def start_form(library: Library, lang: str, t: dict, formdata=None) -> FlaskForm:
    """The start form: answering language, questionnaire, sector, organisation and size."""
    questionnaires = sorted(library.questionnaires.values(), key=lambda q: q.id)
    sectors = {}
    for questionnaire in questionnaires:
        for sector in questionnaire.sectors:
            sectors.setdefault(sector.id, sector.name[lang])

    def sector_fits(form, field):
        chosen = library.get(form.questionnaire.data or "")
        if field.data and chosen is not None and field.data not in chosen.sector_ids():
            raise ValidationError(t["error_sector"])

    def name_given(_form, field):
        name = clean_text(field.data or "").strip()
        if not name:
            raise ValidationError(t["error_name"])
        if len(name) > MAX_NAME_LENGTH:
            raise ValidationError(t["error_name_long"].format(limit=MAX_NAME_LENGTH))

    class StartForm(FlaskForm):
        language = _RadioField(
            label=t["field_language"],
            choices=_choices((code, t[f"language_{code}"]) for code in LANGUAGES),
            default=lang,
            validate_choice=False,
            validators=[_one_of(LANGUAGES, t["error_choose"], required=True)],
        )
        questionnaire = _RadioField(
            label=t["field_questionnaire"],
            choices=_choices((q.id, q.title[lang]) for q in questionnaires),
            default=questionnaires[0].id if len(questionnaires) == 1 else None,
            validate_choice=False,
            validators=[_one_of([q.id for q in questionnaires], t["error_choose"], True)],
        )
        sector = SelectField(
            label=t["field_sector"],
            choices=_choices([("", t["choose"]), *sectors.items()]),
            validate_choice=False,
            validators=[_one_of(list(sectors), t["error_choose"], True), sector_fits],
        )
        organisation = StringField(label=t["field_organisation"], validators=[name_given])
        size = _RadioField(
            label=t["field_size"],
            choices=_choices((band, t[f"size_{band}"]) for band in SIZE_BANDS),
            validate_choice=False,
            validators=[_one_of(SIZE_BANDS, t["error_choose"], required=True)],
        )

    return StartForm(formdata=formdata) if formdata is not None else StartForm()


def start_payload(form: FlaskForm) -> dict:
    """The validated start form as the assessment use case takes it."""
    return {
        "questionnaire": form.questionnaire.data,
        "sector": form.sector.data,
        "language": form.language.data,
        "organisation": {"name": form.organisation.data, "size": form.size.data},
    }


def _specials(question: Question, t: dict) -> list[tuple[str, str]]:
    specials = []
    if question.allow_na:
        specials.append((NA, t["answer_na"]))
    if question.dont_know:
        specials.append((DONT_KNOW, t["answer_dont_know"]))
    return specials


def _number_check(question: Question, t: dict):
    def check(_form, field):
        text = (field.data or "").strip()
        if not text:
            return
        value = parse_number(text)
        if value is None:
            raise ValidationError(t["error_number"])
        if question.min is not None and value < question.min:
            raise ValidationError(t["error_min"].format(limit=shown_number(question.min)))
        if question.max is not None and value > question.max:
            raise ValidationError(t["error_max"].format(limit=shown_number(question.max)))

    return check


def _text_check(question: Question, t: dict):
    def check(_form, field):
        text = clean_text(field.data or "")
        if text.strip() in (NA, DONT_KNOW):  # the stored values of those choices, not text
            raise ValidationError(t["error_text_reserved"])
        if len(text) > question.max_length:
            raise ValidationError(
                t["error_text_long"].format(length=len(text), limit=question.max_length)
            )

    return check


def _multi_check(t: dict):
    def check(_form, field):
        chosen = set(field.data or ())
        alone = chosen & {NONE_OPTION, NA, DONT_KNOW}
        if alone and len(chosen) > 1:
            raise ValidationError(t["error_multi_alone"])

    return check


_page_forms: dict = {}  # (language, questions) -> (messages, form class)


def page_form(questions: list[Question], lang: str, t: dict, data: dict | None = None):
    """The form of one domain page: a field for each question shown, and what the page showed
    (`seen`, to detect a newer save from elsewhere). `data` fills it for display; without it,
    the form reads the posted request. The class of a page's form is made once per process (for
    these questions, language and messages); each request gets its own form of it."""
    key = (lang, tuple(questions))
    made = _page_forms.get(key)
    if made is None or made[0] is not t:
        if len(_page_forms) >= 1000:
            _page_forms.clear()
        made = _page_forms[key] = (t, _page_form_class(questions, lang, t))
    if data is None:
        return made[1]()
    return made[1](formdata=None, data=data)


def _page_form_class(questions: list[Question], lang: str, t: dict) -> type:
    class PageForm(FlaskForm):
        seen = HiddenField(label="seen", widget=_Hidden())

    for question in questions:
        name, specials = f"q_{question.id}", _specials(question, t)
        options = [(o.value, o.label[lang]) for o in question.options]
        label = question.text[lang]  # given, else WTForms reads its own catalog for a default
        if question.type in CHOICE_TYPES and question.type != "multi_choice":
            allowed = [value for value, _ in options + specials]
            field = _RadioField(
                label=label,
                choices=_choices(options + specials),
                validate_choice=False,
                validators=[_one_of(allowed, t["error_choose"])],
            )
        elif question.type == "multi_choice":
            choices = [*options, *specials]
            field = _CheckboxesField(
                label=label,
                choices=_choices(choices),
                validate_choice=False,
                validators=[_one_of([v for v, _ in choices], t["error_choose"]), _multi_check(t)],
            )
        elif question.type == "number":
            field = StringField(
                label=label, widget=_Text(), validators=[_number_check(question, t)]
            )
        else:
            field = TextAreaField(
                label=label, widget=_TextArea(), validators=[_text_check(question, t)]
            )
        setattr(PageForm, name, field)
    return PageForm


def page_data(questions: list[Question], answers: dict) -> dict:
    """What the fields of a page show for stored answers, with `seen` recording them."""
    data = {}
    for question in questions:
        value = answers.get(question.id)
        name = f"q_{question.id}"
        if question.type == "multi_choice":
            data[name] = [value] if isinstance(value, str) else value
        elif question.type == "number":
            data[name] = "" if value is None else shown_number(value)
        elif question.type == "text":
            data[name] = value or ""
        else:
            data[name] = value
    data["seen"] = json.dumps(
        {q.id: answers.get(q.id) for q in questions}, ensure_ascii=False, sort_keys=True
    )
    return data


def page_answers(form: FlaskForm, questions: list[Question], seen: dict) -> dict:
    """The answers a validated page gives, by question id (None: unanswered). A multiple-choice
    answer with nothing selected (possible through the API) shows as no box ticked; it stays."""
    answers = {}
    for question in questions:
        data = getattr(form, f"q_{question.id}").data
        if question.type == "multi_choice":
            chosen = list(data or ())
            if chosen in ([NA], [DONT_KNOW]):
                answers[question.id] = chosen[0]
            elif chosen:
                answers[question.id] = [o.value for o in question.options if o.value in chosen]
            else:
                answers[question.id] = [] if seen.get(question.id) == [] else None
        elif question.type == "number":
            text = (data or "").strip()
            answers[question.id] = parse_number(text) if text else None
        elif question.type == "text":
            text = clean_text(data or "")
            answers[question.id] = text if text.strip() else None
        else:
            answers[question.id] = data or None
    return answers


def seen_answers(form: FlaskForm) -> dict:
    """The answers the page showed when it was rendered (empty if the field was tampered with)."""
    try:
        seen = json.loads(form.seen.data or "{}")
    except (ValueError, RecursionError):  # RecursionError: nested too deep
        return {}
    return seen if isinstance(seen, dict) else {}


def parse_number(text: str) -> int | float | None:
    """A number as people type it, or None: Western or Arabic-Indic digits, one decimal point or
    comma (or the Arabic decimal separator), spaces between groups of digits. A single separator
    followed by exactly three digits ("1,000", "1.000") is refused: it could be either."""
    text = unicodedata.normalize("NFKC", text).translate(_DIGITS).replace("\u066b", ",")
    text = re.sub(r"[\s\u00a0\u202f\u066c]", "", text)
    if not _NUMBER.fullmatch(text) or re.fullmatch(r"[+-]?\d{1,3}[.,]\d{3}", text):
        return None
    value = float(text.replace(",", "."))
    if abs(value) > MAX_NUMBER:
        return None
    return int(value) if value.is_integer() else value


def shown_number(value) -> str:
    """A stored number as it is typed back: no exponent, no trailing ".0"."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return format(Decimal(str(value)), "f")


def submit_form(gaps: int, t: dict) -> FlaskForm:
    """The submit form: a box to tick when questions are still unanswered."""

    def confirmed(_form, field):
        if gaps and not field.data:
            raise ValidationError(t["error_confirm"])

    class SubmitForm(FlaskForm):
        confirm = BooleanField(validators=[confirmed])

    return SubmitForm()
