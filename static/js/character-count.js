/* Live character count for the answers that have a minimum length (progressive enhancement).
   Each <textarea data-min-length="N" data-count="ID"> gets its count written into the element #ID,
   counted as the server counts (app/core/text.py `visible`: NFC, format and control characters
   dropped, whitespace collapsed, trimmed). The message templates come from the element's data
   attributes, already translated by the server. Without JavaScript nothing changes: the server's
   message after saving says which answers are too short. */
(function () {
  "use strict";
  function visibleLength(text) {
    var kept = text.normalize("NFC").replace(/[\u0000-\u0008\u000e-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/g, "");
    return Array.from(kept.replace(/\s+/g, " ").trim()).length;
  }
  function update(field, output) {
    var minimum = parseInt(field.getAttribute("data-min-length"), 10);
    var count = visibleLength(field.value);
    var template = count === 0 ? output.getAttribute("data-empty")
      : count < minimum ? output.getAttribute("data-short") : output.getAttribute("data-enough");
    output.textContent = template.replace("{count}", String(count)).replace("{minimum}", String(minimum))
      .replace("{missing}", String(Math.max(minimum - count, 0)));
    output.classList.toggle("count-short", count < minimum);
    output.classList.toggle("count-enough", count >= minimum);
  }
  function start() {
    var fields = document.querySelectorAll("textarea[data-min-length][data-count]");
    Array.prototype.forEach.call(fields, function (field) {
      var output = document.getElementById(field.getAttribute("data-count"));
      if (!output) { return; }
      output.hidden = false;
      update(field, output);
      field.addEventListener("input", function () { update(field, output); });
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
}());
