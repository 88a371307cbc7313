/* Live filters of the records page (records/index.html).
 * Without this script the page shows every record and the indexes link to them;
 * with it, the filter form appears and hides the records that do not match.
 * It only toggles `hidden` and sets textContent: no markup is built from data. */
(function () {
  "use strict";

  var form = document.getElementById("records-filter");
  var status = document.getElementById("records-filter-status");
  if (!form || !status) {
    return;
  }
  var records = Array.prototype.slice.call(document.querySelectorAll("[data-record]"));
  var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-filter]"));
  var template = form.getAttribute("data-status-template") || "{shown}/{total}";

  function valuesOf(record, name) {
    return (record.getAttribute("data-" + name) || "").split(" ");
  }

  function matches(record) {
    return selects.every(function (select) {
      return select.value === "" || valuesOf(record, select.getAttribute("data-filter")).indexOf(select.value) !== -1;
    });
  }

  function apply() {
    var shown = 0;
    records.forEach(function (record) {
      var visible = matches(record);
      record.hidden = !visible;
      if (visible) {
        shown += 1;
      }
    });
    status.textContent = template.replace("{shown}", String(shown)).replace("{total}", String(records.length));
  }

  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    apply();
  });
  form.addEventListener("reset", function () {
    // The form's values are reset after the event: filter once they are.
    window.setTimeout(apply, 0);
  });
  form.hidden = false;
})();
