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
});
