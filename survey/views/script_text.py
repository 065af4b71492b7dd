"""The strings of the optional script (`static/survey.js`) in English, the source texts of the
catalogs in `survey/translations/` (see `survey.i18n`), given to the script through data
attributes: the status of the saves it makes in the background on a domain page.

`{time}` is filled in by the script (HH:MM, the browser's local time).
"""

from __future__ import annotations

SCRIPT = {
    "autosave_saving": "Saving…",
    "autosave_saved": "Saved at {time}",
    "autosave_invalid": "Not saved: some answers need correcting. Save the page to see which.",
    "autosave_conflict": (
        "Not all saved: some answers were also changed elsewhere. Save the page to see both "
        "versions."
    ),
    "autosave_expired": (
        "Not saved: this page stayed open too long. Save it with one of the buttons below; what "
        "you typed is kept."
    ),
    "autosave_submitted": (
        "Not saved: this assessment has been submitted, so its answers can no longer change."
    ),
    "autosave_failed": (
        "Not saved: the service is unavailable for the moment. Your answers are still on this "
        "page; save them with one of the buttons below in a moment."
    ),
}
