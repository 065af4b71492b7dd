// Optional enhancements; every page works without them.
document.addEventListener("DOMContentLoaded", () => {
  // The copy button of the resume link (hidden when scripts do not run).
  for (const button of document.querySelectorAll("button[data-copy]")) {
    const input = document.getElementById(button.dataset.copy);
    if (!input || !navigator.clipboard) continue;
    button.hidden = false;
    const label = button.textContent;
    button.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(input.value);
        button.textContent = button.dataset.done;
        setTimeout(() => { button.textContent = label; }, 2500);
      } catch {
        input.select();
      }
    });
  }
  // After a failed save, bring the list of problems into view and focus.
  const summary = document.getElementById("error-summary");
  if (summary) summary.focus();
  // A domain page: its questions shown as their conditions apply, its answers saved as they change.
  const form = document.querySelector("form[data-changes]");
  if (form) {
    liveConditions(form);
    watchChanges(form);
  }
});

// What the server reads from a page's fields, as survey/forms reads them (page_answers).
const SPACE = "\\t-\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
const BLANK = new RegExp(`^[${SPACE}]*$`);
const GAPS = new RegExp(`[${SPACE}\\u066c]`, "g");
const UNWANTED = /[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e\u2066-\u2069]/g;
const SPECIAL = ["na", "dont_know"];
const MAX_NUMBER = 1e15;

function parseNumber(text) {
  const typed = text.normalize("NFKC")
    .replace(/[\u0660-\u0669]/g, (d) => d.charCodeAt(0) - 0x660)
    .replace(/[\u06f0-\u06f9]/g, (d) => d.charCodeAt(0) - 0x6f0)
    .replace(/\u066b/g, ",").replace(GAPS, "");
  if (!/^[+-]?(\d+([.,]\d*)?|[.,]\d+)$/.test(typed) || /^[+-]?\d{1,3}[.,]\d{3}$/.test(typed)) return null;
  const value = Number(typed.replace(",", "."));
  return Math.abs(value) > MAX_NUMBER ? null : value;
}

function answerOf(question, seen) {
  const fields = [...question.querySelectorAll("input, textarea")];
  const first = fields[0];
  if (!first) return null;
  if (first.type === "radio") return fields.find((f) => f.checked)?.value ?? null;
  if (first.type === "checkbox") {
    const chosen = fields.filter((f) => f.checked).map((f) => f.value);
    if (chosen.length === 1 && SPECIAL.includes(chosen[0])) return chosen[0];
    if (chosen.length) return chosen.filter((v) => !SPECIAL.includes(v));
    return Array.isArray(seen) && seen.length === 0 ? [] : null;
  }
  if (first.tagName === "TEXTAREA") {
    const text = first.value.normalize("NFC").replace(UNWANTED, "");
    return BLANK.test(text) ? null : text;
  }
  return parseNumber(first.value);
}

// A condition, evaluated as survey/questionnaire/answers.py evaluates it.
function holds(condition, answers, shown) {
  if ("question" in condition) return leafHolds(condition, answers, shown);
  if ("all" in condition) return condition.all.every((c) => holds(c, answers, shown));
  if ("any" in condition) return condition.any.some((c) => holds(c, answers, shown));
  return !holds(condition.not, answers, shown);
}

function leafHolds(condition, answers, shown) {
  const value = shown[condition.question] ? answers[condition.question] ?? null : null;
  const real = value !== null && !SPECIAL.includes(value);
  if ("answered" in condition) return real === condition.answered;
  if (!real) return false;
  const selected = Array.isArray(value) ? value : [value];
  if ("in" in condition) return selected.some((v) => condition.in.includes(v));
  if ("not_in" in condition) return !selected.some((v) => condition.not_in.includes(v));
  if (typeof value !== "number") return false;
  return value >= (condition.at_least ?? -Infinity) && value <= (condition.at_most ?? Infinity);
}

// Show or hide the questions whose condition reads an answer on the page, in the page's order (a
// condition reads earlier questions only). A question hidden when the page was made has fields
// without a name, named once shown; `live` tells the server which of them the script shows.
function liveConditions(form) {
  const questions = [...form.querySelectorAll("fieldset.question")];
  if (!questions.some((q) => q.dataset.condition)) return;
  const elsewhere = JSON.parse(form.dataset.elsewhere || "{}");
  const conditions = new Map(questions.filter((q) => q.dataset.condition)
    .map((q) => [q, JSON.parse(q.dataset.condition)]));
  const live = Object.assign(document.createElement("input"), { type: "hidden", name: "live" });
  form.append(live);
  const update = () => {
    let seen = {};
    try { seen = JSON.parse(form.elements.seen.value || "{}"); } catch { /* as the server: none */ }
    const answers = { ...elsewhere };
    const shown = Object.fromEntries(Object.keys(elsewhere).map((id) => [id, true]));
    const showing = [];
    for (const question of questions) {
      const id = question.id.slice(2); // "q-<question id>"
      shown[id] = conditions.has(question) ? holds(conditions.get(question), answers, shown) : true;
      if (conditions.has(question)) {
        question.hidden = !shown[id];
        if (shown[id]) showing.push(id);
      }
      if (shown[id]) {
        for (const field of question.querySelectorAll("[data-field]")) field.name = field.dataset.field;
      }
      answers[id] = answerOf(question, seen[id]);
    }
    live.value = showing.join(" ");
  };
  update();
  form.addEventListener("input", update);
  form.addEventListener("change", update);
}

// Warn before leaving a page with changes not saved, and save them in the background.
function watchChanges(form) {
  const state = () => new URLSearchParams([...new FormData(form)]
    .filter(([name]) => name.startsWith("q_"))).toString();
  let saved = form.dataset.changes === "unsaved" ? null : state();
  let leaving = false;
  window.addEventListener("beforeunload", (event) => {
    if (leaving || state() === saved) return;
    event.preventDefault();
    event.returnValue = ""; // older browsers need it
  });
  const status = document.getElementById(form.dataset.autosave);
  if (!status) {
    form.addEventListener("submit", () => { leaving = true; });
    return;
  }
  status.hidden = false;
  const say = (text) => { status.textContent = text; };
  let timer = 0, pending = null, again = false, stopped = false, waiting = false;
  const schedule = () => {
    clearTimeout(timer);
    if (!stopped && !leaving) timer = setTimeout(save, 2500);
  };

  async function send(body, sent, keepalive) {
    let response, answer = {};
    try {
      response = await fetch(form.action, {
        method: "POST", body, keepalive, credentials: "same-origin",
        headers: { Accept: "application/json" },
        signal: AbortSignal.timeout?.(20000),
      });
      answer = await response.json().catch(() => ({}));
    } catch {
      if (keepalive) return send(body, sent, false); // a body too large to outlive the page
      say(status.dataset.failed);
      return;
    }
    // `seen` becomes what was saved, so that the next save does not take it for another's change
    if (typeof answer.seen === "string") form.elements.seen.value = answer.seen;
    if (response.ok) {
      saved = sent;
      const time = answer.saved_at ? new Date(answer.saved_at) : new Date();
      const clock = [time.getHours(), time.getMinutes()].map((n) => String(n).padStart(2, "0"));
      say(status.dataset.saved.replace("{time}", clock.join(":")));
      return;
    }
    const code = answer.error?.code;
    if (code === "expired" || code === "submitted") stopped = true; // a normal save shows why
    say(status.dataset[code] || status.dataset.failed);
  }

  function save(keepalive = false) {
    clearTimeout(timer);
    if (pending) {
      again = true;
      return;
    }
    const sent = state();
    if (stopped || leaving || sent === saved) return;
    const body = new URLSearchParams(new FormData(form));
    body.set("go", "stay");
    say(status.dataset.saving);
    pending = send(body, sent, keepalive).finally(() => {
      pending = null;
      if (again) {
        again = false;
        schedule();
      }
    });
  }

  form.addEventListener("input", schedule);
  form.addEventListener("change", schedule);
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") save(true);
  });
  form.addEventListener("submit", (event) => {
    clearTimeout(timer);
    if (pending && !leaving) { // let the save under way finish first (a few seconds at most)
      event.preventDefault();
      if (waiting) return;
      waiting = true;
      const submitter = event.submitter;
      Promise.race([pending, new Promise((done) => setTimeout(done, 5000))]).then(() => {
        leaving = true;
        form.requestSubmit(submitter);
      });
      return;
    }
    leaving = true;
  });
}
