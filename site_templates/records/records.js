/* Live filters of the records page (records/index.html).
 * Without this script the page shows every record and the indexes link to them;
 * with it, the filter form appears and hides the records that do not match.
 * It only toggles `hidden` and sets textContent: no markup is built from data. */
(() => {
  "use strict";

  const doc = document;
  const form = doc.getElementById("records-filter");
  const status = doc.getElementById("records-filter-status");
  if (!form || !status) return;
  const records = Array.from(doc.querySelectorAll("[data-record]"));
  const selects = Array.from(form.querySelectorAll("select[data-filter]"));
  const template = form.getAttribute("data-status-template") || "{shown}/{total}";

  /** A record's values for one filter: its data attribute holds them separated by spaces. */
  const valuesOf = (record, name) => (record.getAttribute("data-" + name) || "").split(" ");

  /** Whether a record passes every filter; an empty filter passes all. */
  const matches = (record) =>
    selects.every((select) => select.value === "" || valuesOf(record, select.dataset.filter).includes(select.value));

  /** Hide the records that do not match and say how many are shown. */
  function apply() {
    let shown = 0;
    for (const record of records) {
      record.hidden = !matches(record);
      if (!record.hidden) shown += 1;
    }
    status.textContent = template.replace("{shown}", String(shown)).replace("{total}", String(records.length));
  }

  form.addEventListener("change", apply);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    apply();
  });
  // The form's values are reset after the event: filter once they are.
  form.addEventListener("reset", () => setTimeout(apply, 0));
  form.hidden = false;
})();
