/* parkgraph article page: what the graph took from each highlighted span, and the facts as tables.
 *
 * Offsets: the graph counts code points (Unicode scalar values) of the article's text; a JavaScript
 * string counts UTF-16 units, in which a character outside the BMP (𫖯) is two. Every offset this script
 * computes from the page (the character clicked, the selection) is converted to code points
 * (offsetAt), and every offset it reads (data-start, data-end, the JSON) already is one.
 *
 * Safety: text from the article is only ever put into the page with textContent (text nodes); links
 * are built only from the page's own relative paths.
 * window.parkgraph exposes the data and the helpers to tests and curious users.
 */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("pg-data").textContent);
  var box = document.getElementById("pg-text");
  var base = document.getElementById("pg-text-0");
  var details = document.getElementById("pg-details");
  var tip = document.getElementById("pg-tip");
  var selectionLine = document.getElementById("pg-selection");
  var BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
  // lib/parkgraph-graph.js, written by the build: whether entity and concept pages exist beside this one
  var graphViews = window.parkgraphGraphViews === true;

  // --- offsets ------------------------------------------------------------------------------------
  function codePoints(text) {
    var count = 0;
    for (var i = 0; i < text.length; i++) {
      var unit = text.charCodeAt(i);
      if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
        var next = text.charCodeAt(i + 1);
        if (next >= 0xdc00 && next <= 0xdfff) i++;
      }
      count++;
    }
    return count;
  }

  function layerOf(node) {
    var element = node.nodeType === 1 ? node : node.parentNode;
    return element && element.closest ? element.closest(".pg-layer") : null;
  }

  // the code point offset in the article's text of a DOM position (node, UTF-16 offset) in a layer
  function offsetAt(node, offset) {
    var layer = layerOf(node);
    if (!layer) return null;
    var range = document.createRange();
    range.setStart(layer, 0);
    range.setEnd(node, offset);
    return codePoints(range.toString());
  }

  function spansAt(point) {
    var found = [];
    data.spans.forEach(function (span, i) {
      if (span[0] <= point && point < span[1]) found.push(i);
    });
    found.sort(function (a, b) {
      return data.spans[a][1] - data.spans[a][0] - (data.spans[b][1] - data.spans[b][0]) || a - b;
    });
    return found;
  }

  function markOf(i) {
    return box.querySelector('mark[data-i="' + Number(i) + '"]');
  }

  // --- cards --------------------------------------------------------------------------------------
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null && text !== "") appendText(node, String(text));
    return node;
  }

  // text as text nodes; a bidirectional control shown as its code point, its effect confined to itself
  function appendText(parent, text) {
    if (!BIDI.test(text)) {
      parent.appendChild(document.createTextNode(text));
      return;
    }
    Array.from(text).forEach(function (char) {
      if (BIDI.test(char)) {
        var ctl = document.createElement("span");
        ctl.className = "pg-ctl";
        ctl.setAttribute("data-cp", "U+" + char.codePointAt(0).toString(16).toUpperCase().padStart(4, "0"));
        ctl.appendChild(document.createTextNode(char));
        parent.appendChild(ctl);
      } else {
        parent.appendChild(document.createTextNode(char));
      }
    });
  }

  // a record's IRI: relative to the base when it is under it (the JSON is kept small)
  function iriOf(record) {
    return /^[a-z][a-z0-9+.-]*:/i.test(record.iri) ? record.iri : data.base + record.iri;
  }

  function recordCard(number, full) {
    var record = data.records[number];
    var card = el("div", "pg-card pg-record pg-kind-" + record.kind);
    card.setAttribute("data-record", number);
    var title = el("div", "pg-title");
    var swatch = el("span", "pg-swatch");
    swatch.style.background = data.colors[record.category] || "#ced4da";
    title.appendChild(swatch);
    appendText(title, record.label);
    card.appendChild(title);
    if (record.en) card.appendChild(el("div", "pg-en", record.en));
    var type = el("div", "pg-type", record.type + (record.typeEn ? " · " + record.typeEn : ""));
    if (record.curie) type.title = record.curie;
    card.appendChild(type);
    if (typeof record.confidence === "number") {
      var low = record.confidence < data.lowConfidence;
      var confidence = el(
        "div",
        "pg-confidence" + (low ? " pg-low" : ""),
        "置信度 confidence " + record.confidence.toFixed(2) + (low ? " · 请核对 check" : "")
      );
      card.appendChild(confidence);
    }
    if (record.values.length) {
      var list = el("dl", "pg-values");
      record.values.forEach(function (kv) {
        var term = el("dt", null, kv[0]);
        if (kv[1]) term.title = kv[1];
        list.appendChild(term);
        list.appendChild(el("dd", null, kv[2]));
      });
      card.appendChild(list);
    }
    if (record.parts.length) {
      var parts = el("dl", "pg-values pg-parts");
      record.parts.forEach(function (part) {
        // [role, role (en), record number] for a participant that is a record of this page, else
        // [role, role (en), label, its graph view or null]
        var other = part.length === 3 ? data.records[part[2]] : null;
        var label = other ? other.label : part[2];
        var href = other ? other.href : part[3];
        var term = el("dt", null, part[0]);
        if (part[1]) term.title = part[1];
        parts.appendChild(term);
        var value = el("dd");
        if (other && full) {
          var jump = el("button", "pg-jump", label);
          jump.type = "button";
          jump.title = "跳到原文 · go to its span";
          jump.addEventListener("click", function () {
            jumpTo(part[2]);
          });
          value.appendChild(jump);
        } else {
          appendText(value, label);
        }
        if (href && full && graphViews) {
          var link = el("a", "pg-ego", "图谱 graph");
          link.href = "../" + href;
          value.appendChild(document.createTextNode(" "));
          value.appendChild(link);
        }
        parts.appendChild(value);
      });
      card.appendChild(parts);
    }
    if (full) {
      if (record.href && graphViews) {
        var ego = el("a", "pg-ego", "打开图谱视图 · open its graph view");
        ego.href = "../" + record.href;
        card.appendChild(el("p", "pg-links")).appendChild(ego);
      }
      card.appendChild(el("p", "pg-iri", iriOf(record)));
    }
    return card;
  }

  function spanHeader(i) {
    var span = data.spans[i];
    var mark = markOf(i);
    var head = el("div", "pg-span-head");
    var quote = el("mark", "pg-hl pg-c-" + (mark ? mark.className.replace(/.*pg-c-([a-z]+).*/, "$1") : "other"));
    appendText(quote, mark ? mark.textContent : "");
    head.appendChild(quote);
    head.appendChild(el("cite", null, data.article.id + ":" + span[0] + "-" + span[1]));
    return head;
  }

  function spanCards(numbers, full) {
    var wrap = el("div", "pg-span-cards");
    numbers.forEach(function (i) {
      var section = el("section", "pg-span");
      section.setAttribute("data-i", i);
      section.appendChild(spanHeader(i));
      data.spans[i][2].forEach(function (r) {
        section.appendChild(recordCard(r, full));
      });
      wrap.appendChild(section);
    });
    return wrap;
  }

  function show(content) {
    details.replaceChildren(content);
  }

  function markRows(records) {
    document.querySelectorAll("tr.pg-current").forEach(function (row) {
      row.classList.remove("pg-current");
    });
    records.forEach(function (r) {
      document.querySelectorAll('tr[data-record="' + Number(r) + '"]').forEach(function (row) {
        row.classList.add("pg-current");
      });
    });
  }

  function select(numbers) {
    box.querySelectorAll("mark.pg-selected").forEach(function (m) {
      m.classList.remove("pg-selected");
    });
    numbers.forEach(function (i) {
      var mark = markOf(i);
      if (mark) mark.classList.add("pg-selected");
    });
  }

  // --- jumping to a record's span -----------------------------------------------------------------
  function jumpTo(record) {
    var spans = data.records[record].spans;
    var card = el("div", "pg-span-cards");
    card.appendChild(recordCard(record, true));
    spans.forEach(function (i) {
      card.appendChild(spanHeader(i));
    });
    show(card);
    markRows([record]);
    if (!spans.length) return;
    select(spans);
    var mark = markOf(spans[0]);
    if (mark) {
      mark.scrollIntoView({ block: "center" });
      mark.classList.remove("pg-flash");
      void mark.offsetWidth; // restart the animation
      mark.classList.add("pg-flash");
    }
  }

  // --- hover and click on the text ----------------------------------------------------------------
  box.addEventListener("mouseover", function (event) {
    var mark = event.target.closest ? event.target.closest("mark.pg-hl") : null;
    if (!mark) return;
    var i = Number(mark.getAttribute("data-i"));
    tip.replaceChildren(spanCards([i], false));
    tip.hidden = false;
    place(event);
  });
  box.addEventListener("mousemove", function (event) {
    if (!tip.hidden) place(event);
  });
  box.addEventListener("mouseout", function (event) {
    var to = event.relatedTarget;
    if (!to || !to.closest || !to.closest("mark.pg-hl")) tip.hidden = true;
  });

  function place(event) {
    var x = event.clientX + 14;
    var y = event.clientY + 14;
    var width = tip.offsetWidth;
    var height = tip.offsetHeight;
    if (x + width > window.innerWidth - 8) x = Math.max(8, event.clientX - width - 14);
    if (y + height > window.innerHeight - 8) y = Math.max(8, event.clientY - height - 14);
    tip.style.left = x + "px";
    tip.style.top = y + "px";
  }

  // a click shows every span covering the character clicked, the clicked one first, innermost next
  box.addEventListener("click", function (event) {
    var mark = event.target.closest ? event.target.closest("mark.pg-hl") : null;
    if (!mark) return;
    var i = Number(mark.getAttribute("data-i"));
    var start = Number(mark.getAttribute("data-start"));
    var end = Number(mark.getAttribute("data-end"));
    var point = start;
    var caret = document.caretRangeFromPoint ? document.caretRangeFromPoint(event.clientX, event.clientY) : null;
    if (caret && mark.contains(caret.startContainer)) {
      var at = offsetAt(caret.startContainer, caret.startOffset);
      if (at !== null) point = Math.min(Math.max(at, start), Math.max(start, end - 1));
    }
    var numbers = [i].concat(
      spansAt(point).filter(function (n) {
        return n !== i;
      })
    );
    tip.hidden = true;
    select([i]);
    show(spanCards(numbers, true));
    var records = [];
    numbers.forEach(function (n) {
      records = records.concat(data.spans[n][2]);
    });
    markRows(records);
    window.parkgraph.lastPoint = point;
  });

  // --- the selection's offsets, in code points ----------------------------------------------------
  document.addEventListener("selectionchange", function () {
    var selection = document.getSelection();
    if (!selection || selection.isCollapsed || !selection.rangeCount) return;
    var range = selection.getRangeAt(0);
    if (layerOf(range.startContainer) !== base || layerOf(range.endContainer) !== base) return;
    var start = offsetAt(range.startContainer, range.startOffset);
    var end = offsetAt(range.endContainer, range.endOffset);
    selectionLine.replaceChildren();
    appendText(
      selectionLine,
      "选中 selection " + data.article.id + ":" + start + "-" + end + "（" + (end - start) + " 码位 code points）"
    );
    selectionLine.setAttribute("data-start", start);
    selectionLine.setAttribute("data-end", end);
  });

  // --- legend: hide or show a class's highlights --------------------------------------------------
  document.querySelectorAll("#pg-hl-legend li").forEach(function (item) {
    function toggle() {
      var key = item.getAttribute("data-key").replace(/[^a-z]/g, "");
      box.classList.toggle("pg-off-" + key);
      item.classList.toggle("pg-off", box.classList.contains("pg-off-" + key));
    }
    item.addEventListener("click", toggle);
    item.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        toggle();
      }
    });
  });

  // --- tables: sort on a header, jump from a row ------------------------------------------------
  function sortKey(cell) {
    var key = cell.getAttribute("data-sort");
    return key !== null ? key : cell.textContent;
  }

  document.querySelectorAll("table.pg-table").forEach(function (table) {
    var body = table.tBodies[0];
    var lowTitle = table.getAttribute("data-low-title");
    Array.prototype.forEach.call(body.querySelectorAll("tr.pg-low"), function (row) {
      row.title = lowTitle;
    });
    table.querySelectorAll("th").forEach(function (th, column) {
      function sort() {
        var numeric = th.getAttribute("data-type") === "number";
        var descending = th.getAttribute("aria-sort") === "ascending";
        table.querySelectorAll("th").forEach(function (other) {
          other.removeAttribute("aria-sort");
        });
        th.setAttribute("aria-sort", descending ? "descending" : "ascending");
        var rows = Array.prototype.slice.call(body.rows);
        rows.forEach(function (row, i) {
          row.__order = i;
        });
        rows.sort(function (a, b) {
          var x = sortKey(a.cells[column]);
          var y = sortKey(b.cells[column]);
          var order = numeric ? Number(x) - Number(y) : x < y ? -1 : x > y ? 1 : 0;
          return (descending ? -order : order) || a.__order - b.__order;
        });
        rows.forEach(function (row) {
          body.appendChild(row);
        });
      }
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          sort();
        }
      });
    });
    Array.prototype.forEach.call(body.rows, function (row) {
      function go() {
        jumpTo(Number(row.getAttribute("data-record")));
      }
      row.addEventListener("click", go);
      row.addEventListener("keydown", function (event) {
        if (event.key === "Enter") go();
      });
    });
  });

  // --- #iri=… (a record) or #span=start-end, e.g. from an entity's graph view ---------------------
  function fromHash() {
    var hash = window.location.hash;
    var match = /^#iri=(.+)$/.exec(hash);
    if (match) {
      var iri;
      try {
        iri = decodeURIComponent(match[1]);
      } catch (error) {
        return;
      }
      for (var r = 0; r < data.records.length; r++) {
        if (iriOf(data.records[r]) === iri) {
          jumpTo(r);
          return;
        }
      }
      return;
    }
    match = /^#span=(\d+)-(\d+)$/.exec(hash);
    if (match) {
      var mark = box.querySelector('mark[data-start="' + Number(match[1]) + '"][data-end="' + Number(match[2]) + '"]');
      if (mark) {
        mark.scrollIntoView({ block: "center" });
        mark.click();
      }
    }
  }
  window.addEventListener("hashchange", fromHash);
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") tip.hidden = true;
  });

  window.parkgraph = {
    data: data,
    codePoints: codePoints,
    offsetAt: offsetAt,
    spansAt: spansAt,
    jumpTo: jumpTo,
  };
  fromHash();
  document.body.setAttribute("data-ready", "1");
})();
