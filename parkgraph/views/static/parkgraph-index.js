/* parkgraph index: filter the list of views as you type (also from index.html#q=TEXT). */
(function () {
  "use strict";
  var input = document.getElementById("pg-filter");
  var count = document.getElementById("pg-count");
  var empty = document.getElementById("pg-empty");
  var rows = Array.prototype.slice.call(document.querySelectorAll("li[data-search]"));
  var sections = Array.prototype.slice.call(document.querySelectorAll("section.pg-section"));

  function apply() {
    var terms = input.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
    var shown = 0;
    rows.forEach(function (row) {
      var text = row.getAttribute("data-search");
      var match = terms.every(function (t) {
        return text.indexOf(t) !== -1;
      });
      row.hidden = !match;
      if (match) shown += 1;
    });
    sections.forEach(function (section) {
      section.hidden = !section.querySelector("li[data-search]:not([hidden])");
    });
    count.textContent = terms.length ? shown + " / " + rows.length : rows.length + " 个视图 · views";
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
  window.addEventListener("hashchange", fromHash);
  fromHash();
})();
