"""The consultant workspace's forms: sign-in, the review's changes, the dashboard's filters."""

from __future__ import annotations

from datetime import date

from flask_wtf import FlaskForm
from wtforms import (
    EmailField,
    HiddenField,
    IntegerField,
    PasswordField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)

from ..questionnaire.answers import clean_text

MAX_NOTE = 4000
MAX_TITLE = 300


def _bound(form_class, formdata, prefix: str = "") -> FlaskForm:
    """The form bound to `formdata`, or to the request's form data when it is None."""
    if formdata is None:
        return form_class(prefix=prefix)
    return form_class(formdata=formdata, prefix=prefix)


def _choices(pairs) -> list[SelectChoice]:
    return [SelectChoice(value, label) for value, label in pairs]


def _clean(value):
    return clean_text(value) if isinstance(value, str) else value


def _at_most(limit: int, t: dict) -> Length:
    """At most `limit` characters, said in the page's language (WTForms has no Arabic)."""
    message = t["error_text_long"].replace("%", "%%").format(length="%(length)d", limit=limit)
    return Length(max=limit, message=message)


def sign_in_form(t: dict, formdata=None) -> FlaskForm:
    class SignIn(FlaskForm):
        email = EmailField(t["email"], [DataRequired(t["required_field"]), _at_most(254, t)])
        password = PasswordField(t["password"], [DataRequired(t["required_field"])])
        next = HiddenField()

    return _bound(SignIn, formdata)


def move_form(moves: tuple[str, ...], t: dict, formdata=None) -> FlaskForm:
    class Move(FlaskForm):
        to = SelectField(choices=_choices((m, t[f"move_{m}"]) for m in moves), validate_choice=True)
        message = TextAreaField(t["return_message"], [_at_most(MAX_NOTE, t)], filters=[_clean])

        def validate_message(self, field):
            if self.to.data == "returned" and not (field.data or "").strip():
                raise ValidationError(t["return_message_needed"])

    return _bound(Move, formdata, "move")


def note_form(targets: list[tuple[str, str]], t: dict, formdata=None) -> FlaskForm:
    class Note(FlaskForm):
        target = SelectField(choices=_choices(targets), validate_choice=True)
        text = TextAreaField(t["note"], [_at_most(MAX_NOTE, t)], filters=[_clean])

    return _bound(Note, formdata, "note")


def override_form(domains: list[tuple[str, str]], t: dict, formdata=None) -> FlaskForm:
    class Override(FlaskForm):
        domain = SelectField(t["domain"], choices=_choices(domains), validate_choice=True)
        score = IntegerField(
            t["reviewed_score"], [Optional(), NumberRange(0, 100, t["score_range"])]
        )
        justification = TextAreaField(t["justification"], [_at_most(MAX_NOTE, t)], filters=[_clean])

        def validate_justification(self, field):
            if self.score.data is not None and not (field.data or "").strip():
                raise ValidationError(t["justification_needed"])

    return _bound(Override, formdata, "score")


def added_form(
    domains: list[tuple[str, str]], horizons: list[tuple[str, str]], t: dict, formdata=None
) -> FlaskForm:
    class Added(FlaskForm):
        domain = SelectField(t["domain"], choices=_choices(domains), validate_choice=True)
        title = StringField(
            t["action"],
            [InputRequired(t["required_field"]), _at_most(MAX_TITLE, t)],
            filters=[_clean],
        )
        text = TextAreaField(t["how_to"], [_at_most(MAX_NOTE, t)], filters=[_clean])
        horizon = SelectField(t["horizon"], choices=_choices(horizons), validate_choice=True)

    return _bound(Added, formdata, "added")


def new_user_form(t: dict, formdata=None) -> FlaskForm:
    class NewUser(FlaskForm):
        email = EmailField(t["email"], [DataRequired(t["required_field"]), _at_most(254, t)])
        role = SelectField(
            t["role"], choices=_choices((r, t[f"role_{r}"]) for r in ("consultant", "admin"))
        )
        password = PasswordField(t["password"], [DataRequired(t["required_field"])])

    return _bound(NewUser, formdata, "user")


def password_form(t: dict, formdata=None) -> FlaskForm:
    class NewPassword(FlaskForm):
        password = PasswordField(t["new_password"], [DataRequired(t["required_field"])])

    return _bound(NewPassword, formdata, "password")


def action_form(formdata=None) -> FlaskForm:
    """A form with only its CSRF token (sign-out, removing an added recommendation)."""

    class Action(FlaskForm):
        pass

    return _bound(Action, formdata)


def parse_filters(args, sectors, questionnaires, statuses) -> tuple[dict, list[str]]:
    """The dashboard's filters from a query string, and the names of those that are not valid
    (left out)."""
    values, bad = {}, []
    for name, allowed in (
        ("sector", sectors),
        ("questionnaire", questionnaires),
        ("status", statuses),
    ):
        value = args.get(name) or None
        if value is not None and value not in allowed:
            bad.append(name)
            value = None
        values[name] = value
    for name in ("since", "until"):
        text = args.get(name) or ""
        try:
            values[name] = date.fromisoformat(text) if text else None
            if values[name] and not date(2000, 1, 1) <= values[name] <= date(2999, 12, 31):
                raise ValueError
        except ValueError:
            bad.append(name)
            values[name] = None
    for name in ("low", "high"):
        text = (args.get(name) or "").strip()
        try:
            number = float(text) if text else None
            if number is not None and not 0 <= number <= 100:
                raise ValueError
            values[name] = number
        except ValueError:
            bad.append(name)
            values[name] = None
    organisation = clean_text(args.get("organisation") or "")[:200].strip()
    values["organisation"] = organisation or None
    return values, bad
