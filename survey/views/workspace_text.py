"""The interface strings of the sign-in page and the consultant workspace in English, the source
texts of the catalogs in `survey/translations/` (see `survey.i18n`).

`{name}` marks a value filled in at display time.
"""

from __future__ import annotations

WORKSPACE = {
    "colon": ": ",  # after a label, as each language writes it
    # signing in and out
    "sign_in_title": "Consultant sign-in",
    "email": "E-mail address",
    "password": "Password",
    "sign_in": "Sign in",
    "sign_out": "Sign out",
    "signed_out": "You are signed out.",
    "sign_in_needed": "Please sign in to open the consultant workspace.",
    "sign_in_failed": "Wrong e-mail address or password.",
    "too_many_attempts": "Too many failed attempts in a short time. Try again in a few minutes.",
    "required_field": "This field is required.",
    # dashboard
    "workspace": "Consultant workspace",
    "dashboard_title": "Assessments",
    "filters": "Filters",
    "any": "Any",
    "status": "Status",
    "since": "Last change from",
    "until": "to",
    "until_date": "Last change until",
    "score_high_label": "Score up to",
    "score_low": "Score from",
    "score_high": "to",
    "name_contains": "Organisation name contains",
    "apply": "Apply",
    "clear_filters": "Clear the filters",
    "bad_filters": "Some filters were left out because their value is not valid: {names}.",
    "sort_by": "Sort by",
    "sort_updated": "Last change",
    "sort_organisation": "Organisation",
    "sort_score": "Overall score",
    "sort_sector": "Sector",
    "sort_questionnaire": "Questionnaire",
    "descending": "Descending",
    "ascending": "Ascending",
    "result_count": "{count} assessment(s)",
    "page_of": "Page {page} of {pages}",
    "previous_page": "Previous page",
    "next_page": "Next page",
    "no_results": "No assessment matches these criteria.",
    "heat_map": "Scores by domain",
    "heat_map_help": (
        "Domain scores of the assessments on this page, from 0 to 100; the darker the cell, the "
        "lower the score."
    ),
    "updated": "Last change",
    "not_scored": "Not scored",
    "exports": "Exports",
    "export_assessments": "Assessments and scores",
    "export_answers": "Answers",
    "export_note": "Exports include every assessment that matches the current filters.",
    "status_draft": "Draft",
    "status_returned": "Returned to the organisation",
    "status_submitted": "Submitted",
    "status_in_review": "In review",
    "status_validated": "Validated",
    # one assessment
    "review_page_title": "Assessment review",
    "back_to_dashboard": "Back to the assessments",
    "workflow": "Review workflow",
    "move_in_review": "Start the review",
    "move_validated": "Validate the assessment",
    "move_returned": "Return to the organisation",
    "move_action": "Apply",
    "return_message": "Message to the organisation (when returning it)",
    "return_message_needed": "Tell the organisation what to look at again.",
    "no_move": "The assessment can be reviewed only once the organisation submits it.",
    "move_refused": "This change is not possible: the assessment's status changed in the meantime.",
    "saved": "Saved.",
    "not_saved_review": "The change was not saved; correct the flagged fields.",
    "scores_and_trace": "Scores and how they are calculated",
    "self_assessed": "Self-assessed",
    "reviewed_score": "Reviewed score",
    "justification": "Justification",
    "justification_needed": "A reviewed score needs a justification.",
    "score_range": "Enter a whole number from 0 to 100.",
    "score_help": "Leave the field empty to remove the reviewed score.",
    "save_score": "Save the score",
    "weight": "Weight",
    "points": "Points",
    "not_counted": "Questions not counted",
    "note": "Note",
    "notes": "Consultant's notes",
    "note_on": "About",
    "save_note": "Save the note",
    "note_help": "Leave the text empty to delete the note.",
    "recommendations": "Recommendations",
    "added_recommendations": "Recommendations added by the consultant",
    "add_recommendation": "Add a recommendation",
    "action": "Action",
    "how_to": "How to do it",
    "horizon": "Horizon",
    "remove": "Remove",
    "audit_log": "Audit log",
    "when": "When",
    "who": "Who",
    "what": "What",
    "before": "Before",
    "after": "After",
    "no_changes": "No changes yet.",
    "audit_status": "Status",
    "audit_note": "Note",
    "audit_score": "Domain score",
    "audit_reassessment": "New assessment",
    "audit_recommendation": "Added recommendation",
    "peer_median": "Median of similar organisations",
    "peer_note": (
        "Similar organisations: {count} organisations of the same sector and size, from the latest "
        "assessment each of them submitted."
    ),
    "benchmarks": "Peer benchmarks",
    "benchmarks_help": (
        "For each size band: the number of organisations, then for each domain the median and, in "
        "brackets, the first and third quartiles, from the latest assessment each organisation "
        "submitted. A figure drawn from fewer than 5 organisations is not shown."
    ),
    "organisations_count": "Organisations",
    "reassess_title": "Assess again",
    "reassess_help": (
        "Start a new assessment of your organisation on the current version of the questionnaire, "
        "with your previous answers filled in: check and save each page to confirm them, then "
        "compare the results."
    ),
    "reassess_button": "Start a new assessment",
    "reassess_refused": (
        "A new assessment cannot be started: this questionnaire or sector is no longer offered."
    ),
    "reassessment_created": (
        "A new assessment of this organisation was created. Its resume link (shown only once): "
        "{link}"
    ),
    "prefilled_notice": (
        "This is a new assessment: your previous answers are filled in. Check them and save each "
        "page to confirm them."
    ),
    "comparison_title": "Progress since the previous assessment",
    "change": "Change",
    "questions_improved": "Questions improved: {count}",
    "questions_regressed": "Questions regressed: {count}",
    "actions_closed": "Actions closed: {count}",
    "actions_open": "Actions still open: {count}",
    "actions_new": "New actions: {count}",
    "administration": "Administration",
    "users": "Accounts",
    "role": "Role",
    "role_consultant": "Consultant",
    "role_admin": "Administrator",
    "active": "Active",
    "disabled": "Disabled",
    "disable": "Disable",
    "enable": "Enable",
    "create_user": "Create the account",
    "email_invalid": "Enter a valid e-mail address, such as name@example.ma.",
    "email_taken": "An account already exists for this e-mail address.",
    "password_short": "The password must have at least {limit} characters.",
    "new_password": "New password",
    "reset_password": "Reset the password",
    "library_status": "Questionnaire library status",
    "library_ok": "The questionnaire files have no problem.",
    "versions_in_use": "Versions the assessments use",
    "version": "Version",
    "assessments_count": "Assessments",
    "organisation_data": "The organisation's data",
    "organisation_data_help": (
        "On the organisation's request: export everything kept about it (JSON), or delete it for "
        "good with all its assessments. The operation is written to the log."
    ),
    "export_json": "Export (JSON)",
    "delete_confirm": "I confirm deleting this organisation and all its assessments for good",
    "delete": "Delete",
    "organisation_deleted": "The organisation's data was deleted.",
    "returned_notice": "The consultant returned your assessment with this message: {message}",
}
