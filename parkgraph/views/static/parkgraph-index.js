/* parkgraph index: filter the list of views and the table of articles as you type (also from
 * index.html#q=TEXT); the articles also by date range, outlet and kind (curated or extracted). */
(function () {
  "use strict";
  var input = document.getElementById("pg-filter");
  var count = document.getElementById("pg-count");
  var empty = document.getElementById("pg-empty");
  var from = document.getElementById("pg-from");
  var to = document.getElementById("pg-to");
  var outlet = document.getElementById("pg-outlet");
  var kind = document.getElementById("pg-kind");
  var rows = Array.prototype.slice.call(document.querySelectorAll("[data-search], tr.pg-article-row"));
  var sections = Array.prototype.slice.call(document.querySelectorAll("section.pg-section"));
  // an article row is searched by its text (date, title, outlet, kind): no copy of it in an attribute
  var texts = rows.map(function (row) {
    var text = row.getAttribute("data-search");
    return text !== null ? text : row.textContent.toLowerCase();
  });

  function articleMatch(row) {
    if (!row.classList.contains("pg-article-row")) return true;
    var date = row.getAttribute("data-date");
    if (from && from.value && date < from.value) return false;
    if (to && to.value && date > to.value) return false;
    if (outlet && outlet.value && row.getAttribute("data-outlet") !== outlet.value) return false;
    if (kind && kind.value && row.getAttribute("data-kind") !== kind.value) return false;
    return true;
  }

  function apply() {
    var terms = input.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
    var shown = 0;
    rows.forEach(function (row, i) {
      var text = texts[i];
      var match =
        articleMatch(row) &&
        terms.every(function (t) {
          return text.indexOf(t) !== -1;
        });
      row.hidden = !match;
      if (match) shown += 1;
    });
    sections.forEach(function (section) {
      if (section.id === "articles") return; // its filters stay, whatever they leave
      section.hidden = !section.querySelector("[data-search]:not([hidden])");
    });
    var filtered = terms.length || (from && from.value) || (to && to.value) || (outlet && outlet.value) || (kind && kind.value);
    count.textContent = filtered ? shown + " / " + rows.length : rows.length + " 项 · items";
    empty.hidden = shown !== 0;
  }

  function fromHash() {
    var match = /^#q=(.*)$/.exec(window.location.hash);
    if (match) {
      try {
        input.value = decodeURIComponent(match[1]);
      } catch (error) {
        input.value = "";
      }
    }
    apply();
  }

  input.addEventListener("input", apply);
  [from, to, outlet, kind].forEach(function (control) {
    if (control) control.addEventListener("change", apply);
  });
  window.addEventListener("hashchange", fromHash);
  fromHash();
})();
