"""The interface strings of the respondent's pages in English, the source texts of the catalogs
in `survey/translations/` (see `survey.i18n`), where each language has its translations.

`{name}` marks a value filled in at display time.
"""

from __future__ import annotations

from flask import current_app

from ..methodology import EFFORT
from .script_text import SCRIPT
from .workspace_text import WORKSPACE

UI = {
    # layout
    "app_name": "Readiness assessment",
    "language": "Language",
    "language_ar": "العربية",
    "language_fr": "Français",
    "language_en": "English",
    "skip": "Skip to content",
    "resume_title": "Your resume link",
    "resume_help": (
        "Keep this link: it opens your assessment in any browser, with every saved answer. Anyone "
        "who has it can read and change the answers, so share it only with the people concerned."
    ),
    "copy_link": "Copy the link",
    "copied": "Link copied",
    # landing and start
    "tagline": (
        "Assess how ready your organisation is for remote work, business continuity and "
        "cybersecurity, and get a prioritised action plan."
    ),
    "how_title": "How it works",
    "how_1": (
        "You answer questions grouped by domain, one page at a time; each page is saved as soon as "
        "you move on."
    ),
    "how_2": "You can stop and carry on later, even on another device, with the resume link.",
    "how_3": (
        "Once you submit, you see your results by domain and download a PDF report in Arabic, "
        "French or English."
    ),
    "questionnaires": "Available questionnaires",
    "minutes": "about {minutes} minutes",
    "privacy_title": "Your data",
    "privacy_what": (
        "What we store: the organisation's name, sector and size band, and your answers. No "
        "personal data about you or your staff is asked for."
    ),
    "privacy_who": (
        "Who sees them: you, through your resume link, and the consultants of the body that runs "
        "this service, to review the assessment and compare results, in aggregate, with others in "
        "the same sector."
    ),
    "privacy_how_long": (
        "How long: an assessment that is not submitted is deleted {days} days after its last "
        "change. A submitted assessment is kept until you ask the body that runs this service for "
        "a copy of it or for its deletion, as law 09-08 entitles you to."
    ),
    "start_title": "Start an assessment",
    "field_language": "Language of the assessment",
    "field_questionnaire": "Questionnaire",
    "field_sector": "Sector",
    "field_organisation": "Name of the organisation",
    "field_size": "Number of staff",
    "size_1-9": "1 to 9 people",
    "size_10-49": "10 to 49 people",
    "size_50-249": "50 to 249 people",
    "size_250+": "250 people or more",
    "choose": "Choose…",
    "start": "Start",
    "print_title": "Questionnaires to print",
    "print_note": "For an interview on paper, print the questionnaire for your sector (PDF):",
    "api_note": "Assessments can also be created through the API:",
    # errors in forms
    "error_summary": "Please correct the following:",
    "error_choose": "Choose one of the options offered.",
    "error_sector": "This sector is not offered for the chosen questionnaire.",
    "error_name": "Give the name of your organisation.",
    "error_name_long": "The name must be at most {limit} characters long.",
    "error_number": "Give a number, for example 12 or 12.5.",
    "error_min": "The number must be at least {limit}.",
    "error_max": "The number must be at most {limit}.",
    "error_text_reserved": "Write a few words rather than 'na' or 'dont_know' alone.",
    "error_text_long": "The text is {length} characters long; the limit is {limit}.",
    "error_multi_alone": (
        "'None of these', 'Not applicable' and 'I don't know' cannot be combined with other "
        "choices."
    ),
    "error_confirm": "Tick the box to confirm that you submit with questions unanswered.",
    "csrf_expired": (
        "This page stayed open too long, so for your security its answers were not saved yet. What "
        "you typed is kept below: check it and save again."
    ),
    "form_expired": (
        "This page stayed open too long, so for your security nothing was sent yet. What you "
        "typed is kept below: check it and send it again."
    ),
    "busy": (
        "The service is busy, so nothing on this page was saved. What you typed is kept below: "
        "save again in a moment."
    ),
    "not_saved": (
        "This page could not be saved. What you typed is kept below: check it and save again."
    ),
    # opening a resume link while another assessment is open
    "switch_title": "Open another assessment?",
    "switch_open": "The assessment open in this browser is that of:",
    "switch_link": "The link you opened leads to that of:",
    "switch_note": (
        "The current assessment stays saved: you can come back to it with its own resume link."
    ),
    "switch_confirm": "Open the other assessment",
    "switch_keep": "Stay with the current assessment",
    # the started page
    "started_title": "Your assessment is ready",
    "started_text": (
        "Before you begin, keep the resume link below (as a bookmark or in a message to yourself): "
        "it is the only way back to the assessment from another browser or device."
    ),
    "begin": "Begin answering",
    # the pages of answers
    "sections": "Sections",
    "section_of": "Section {n} of {count}",
    "answered_of": "{answered} of {asked} questions answered",
    "required": "required",
    "answer_na": "Not applicable",
    "answer_dont_know": "I don't know",
    "answer_none": "None of these",
    "save_next": "Save and continue",
    "save_previous": "Save and go back",
    "save_stay": "Save",
    "save_review": "Save and review",
    "no_questions": "Given your earlier answers, this section has no questions.",
    "conflict_message": (
        "Some answers were changed elsewhere (in another tab or browser) after this page was "
        "opened, so we did not replace them. Your answers are kept below, each with the newer "
        "saved value under it. Save again to keep yours."
    ),
    "conflict_value": "Saved elsewhere: {value}",
    "no_answer": "no answer",
    "new_questions": "Following your answers, new questions appeared on this page.",
    "read_only": "This assessment has been submitted: its answers can no longer change.",
    # review and submit
    "review_title": "Review and submit",
    "all_answered": "Every question has an answer. You can submit the assessment.",
    "gaps_title": "Questions without an answer",
    "gaps_count": "Questions without an answer: {count}.",
    "gaps_required": "Of these, required: {required}.",
    "gaps_warning": (
        "Unanswered questions count as 0 in the scores. You can still go back and answer them "
        "before you submit."
    ),
    "confirm_gaps": "I understand that unanswered questions will count as 0, and I submit now.",
    "submit_note": "Once submitted, the answers can no longer be changed.",
    "submit": "Submit the assessment",
    # results
    "results_title": "Results",
    "organisation": "Organisation",
    "completeness": "Questions answered: {percent}%",
    "overall": "Overall score",
    "domain": "Domain",
    "score": "Score",
    "level": "Level",
    "level_value": "Level {level}: {name}",
    "not_assessed": "Not assessed",
    "no_recommendations": "No recommendations: your answers show no gaps.",
    "priority_actions": "Priority actions",
    "why": "Why",
    "how": "How",
    "effort_value": "Effort: {value}",
    "horizon_30d": "Within 30 days (quick wins)",
    "horizon_90d": "Within 90 days",
    "horizon_12m": "Within 12 months",
    "action_plan": "Action plan by horizon",
    "projected_title": "Scores expected once the actions are done",
    "projected_note": (
        "These projections assume that each action tied to a question brings its answer to the "
        "best level."
    ),
    "now": "Now",
    "after_actions": "After the first {n} actions",
    "how_computed": "How were these scores computed?",
    "how_computed_intro": (
        "A domain's score is the weighted mean of the points of its counted questions, out of 100. "
        "The table gives what each question adds; together they make the domain's score."
    ),
    "col_question": "Question",
    "col_answer": "Answer",
    "col_points": "Points",
    "col_weight": "Weight",
    "col_contribution": "Adds",
    "excluded_title": "Questions not counted",
    "reason_na": "not applicable",
    "reason_unanswered": "no answer (draft)",
    "reason_hidden": "hidden by another answer",
    "reason_other_sector": "asked in other sectors only",
    "reason_not_scored": "for information, not scored",
    "capped_note": "This domain's level is capped by a weak essential control.",
    "report": "Download the report (PDF)",
    "report_ar": "in Arabic",
    "report_fr": "in French",
    "report_en": "in English",
    # errors
    "error_title": "Page unavailable",
    "no_assessment": (
        "No assessment is open in this browser. Open your resume link, or start a new assessment."
    ),
    "unknown_link": "This resume link is not valid. Check that it was copied in full.",
    "unknown_page": "This page does not exist in this assessment.",
    "error_400": (
        "This form could not be taken as it was sent: it may have stayed open too long. Nothing "
        "was changed. Go back, reload the page and try again."
    ),
    "error_404": "This page does not exist.",
    "error_405": "This page cannot be opened this way.",
    "error_413": "The data sent is larger than allowed.",
    "error_429": (
        "Too many links that do not exist were tried from this connection. Wait a few minutes, "
        "then open your resume link again."
    ),
    "error_other": (
        "Something went wrong on our side. Try again in a moment; your saved answers are not lost."
    ),
    "home": "Home page",
}


SOURCES = UI | WORKSPACE | SCRIPT  # every string of the catalogs, by key
# the methodology's own words, in its three languages, shared with the report
DERIVED = {f"effort_{level}": names for level, names in EFFORT.items()}


def texts(lang: str) -> dict[str, str]:
    """Every interface string in `lang` (made once when the app starts, see `i18n`)."""
    return current_app.extensions["survey.texts"][lang]
