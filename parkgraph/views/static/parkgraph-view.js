/* parkgraph graph view: draws the JSON in #pg-data with vis-network.
 *
 * Safety: text from the articles is only ever put into the page with textContent or as text nodes;
 * tooltips are DOM elements (vis-network would render a title *string* as HTML), never markup strings.
 * window.parkgraph exposes the network and its data to tests and curious users.
 */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("pg-data").textContent);
  var info = data.info;
  var view = data.view;
  var state = { ready: false, network: null, nodes: null, edges: null, data: data, hiddenGroups: {} };
  window.parkgraph = state;
  (view.hiddenGroups || []).forEach(function (key) {
    state.hiddenGroups[key] = true;
  });

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null && text !== "") node.textContent = String(text);
    return node;
  }

  // spans: numbers into info.spans, each [text before, quote, text after, "article:start-end"]
  function evidenceBlock(spans, limit) {
    var box = el("div", "pg-evidence");
    var shown = limit ? spans.slice(0, limit) : spans;
    shown.forEach(function (number) {
      var span = info.spans[number];
      var quote = el("blockquote", "pg-quote");
      quote.appendChild(document.createTextNode(span[0]));
      quote.appendChild(el("mark", null, span[1]));
      quote.appendChild(document.createTextNode(span[2]));
      quote.appendChild(el("cite", null, span[3]));
      box.appendChild(quote);
    });
    if (limit && spans.length > limit) {
      box.appendChild(el("p", "pg-more", "另有 " + (spans.length - limit) + " 条证据 · " + (spans.length - limit) + " more"));
    }
    return box;
  }

  function valuesBlock(values) {
    var list = el("dl", "pg-values");
    values.forEach(function (kv) {
      var term = el("dt", null, kv[0]);
      if (kv[1]) term.title = kv[1];
      list.appendChild(term);
      list.appendChild(el("dd", null, kv[2]));
    });
    return list;
  }

  function nodeCard(item, full) {
    var card = el("div", "pg-card");
    card.appendChild(el("div", "pg-title", item.label));
    if (item.en) card.appendChild(el("div", "pg-en", item.en));
    var type = el("div", "pg-type", item.type + (item.typeEn ? " · " + item.typeEn : ""));
    if (item.curie) type.title = item.curie;
    card.appendChild(type);
    if (item.values.length) card.appendChild(valuesBlock(item.values));
    if (item.evidence.length) card.appendChild(evidenceBlock(item.evidence, full ? 0 : 2));
    if (full) {
      var links = el("p", "pg-links");
      if (item.href && item.href !== view.path) {
        var link = el("a", "pg-ego", "打开邻域视图 · open its neighbourhood");
        link.href = view.root + item.href;
        links.appendChild(link);
      }
      if (item.kind === "cluster" && !view.standalone) {
        var search = el("a", "pg-ego", "在索引中查找 · find them in the index");
        search.href = view.root + "index.html#q=" + encodeURIComponent(item.search || item.type);
        links.appendChild(search);
      }
      if (links.childNodes.length) card.appendChild(links);
      if (item.iri) card.appendChild(el("p", "pg-iri", item.iri));
    }
    return card;
  }

  function edgeCard(item, full) {
    var card = el("div", "pg-card");
    item.predicates.forEach(function (p) {
      var title = el("div", "pg-title", p[1]);
      if (p[0]) title.title = p[0];
      card.appendChild(title);
      if (p[2]) card.appendChild(el("div", "pg-en", p[2] + (p[0] ? " · " + p[0] : "")));
    });
    card.appendChild(el("div", "pg-type", item.from + " → " + item.to));
    if (item.evidence.length) card.appendChild(evidenceBlock(item.evidence, full ? 0 : 2));
    return card;
  }

  function showDetails(card) {
    var panel = document.getElementById("pg-details");
    panel.replaceChildren(card);
  }

  // --- data ---------------------------------------------------------------------------------------
  var nodes = new vis.DataSet(
    data.nodes.map(function (n) {
      return Object.assign({}, n, { title: nodeCard(info.nodes[n.id], false) });
    })
  );
  var edges = new vis.DataSet(
    data.edges.map(function (e) {
      return Object.assign({}, e, { title: edgeCard(info.edges[e.id], false) });
    })
  );
  var nodeView = new vis.DataView(nodes, {
    filter: function (n) {
      return !state.hiddenGroups[n.group];
    },
  });
  state.nodes = nodes;
  state.edges = edges;
  state.nodeView = nodeView;

  var container = document.getElementById("pg-network");
  var network = new vis.Network(container, { nodes: nodeView, edges: edges }, data.options);
  state.network = network;

  var loading = document.getElementById("pg-loading");
  var progress = document.getElementById("pg-progress");
  var physicsBox = document.getElementById("pg-physics");

  function done() {
    if (state.ready) return;
    network.setOptions({ physics: { enabled: false } });
    physicsBox.checked = false;
    loading.hidden = true;
    if (view.focus !== null && view.focus !== undefined) {
      network.selectNodes([view.focus]);
      showDetails(nodeCard(info.nodes[view.focus], true));
    }
    state.ready = true;
    document.body.setAttribute("data-ready", "1");
  }

  network.on("stabilizationProgress", function (p) {
    progress.textContent = Math.round((100 * p.iterations) / p.total) + "%";
  });
  network.once("stabilizationIterationsDone", done);
  network.once("stabilized", done);
  if (data.nodes.length < 2) done();

  // after nodes are shown again, let the layout settle around them, then freeze it again
  function settle() {
    if (physicsBox.checked) return;
    network.setOptions({ physics: { enabled: true } });
    network.once("stabilizationIterationsDone", function () {
      if (!physicsBox.checked) network.setOptions({ physics: { enabled: false } });
    });
    network.stabilize(150);
  }

  physicsBox.addEventListener("change", function () {
    network.setOptions({ physics: { enabled: physicsBox.checked } });
  });
  document.getElementById("pg-fit").addEventListener("click", function () {
    network.fit({ animation: true });
  });

  // --- details on click, ego view on double click -------------------------------------------------
  network.on("click", function (params) {
    if (params.nodes.length) {
      showDetails(nodeCard(info.nodes[params.nodes[0]], true));
    } else if (params.edges.length) {
      showDetails(edgeCard(info.edges[params.edges[0]], true));
    }
  });
  network.on("doubleClick", function (params) {
    if (!params.nodes.length) return;
    var item = info.nodes[params.nodes[0]];
    if (item.href && item.href !== view.path) window.location.href = view.root + item.href;
  });

  // --- legend: one row per class, click to hide or show -------------------------------------------
  var legend = document.getElementById("pg-legend");
  data.legend.forEach(function (entry) {
    var row = el("li", "pg-legend-row");
    row.setAttribute("data-group", entry.key);
    row.tabIndex = 0;
    var glyph = el("span", "pg-glyph", entry.glyph);
    glyph.style.color = entry.color;
    row.appendChild(glyph);
    row.appendChild(el("span", "pg-legend-label", entry.label));
    row.appendChild(el("span", "pg-en", entry.en));
    row.appendChild(el("span", "pg-legend-count", entry.count));
    if (state.hiddenGroups[entry.key]) row.classList.add("pg-off");
    function toggle() {
      state.hiddenGroups[entry.key] = !state.hiddenGroups[entry.key];
      row.classList.toggle("pg-off", state.hiddenGroups[entry.key]);
      nodeView.refresh();
      settle();
    }
    row.addEventListener("click", toggle);
    row.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        toggle();
      }
    });
    legend.appendChild(row);
  });

  // --- search --------------------------------------------------------------------------------------
  var list = document.getElementById("pg-search-list");
  info.nodes.forEach(function (item) {
    if (item.kind === "cluster") return;
    var option = document.createElement("option");
    option.value = item.label;
    if (item.en) option.label = item.en;
    list.appendChild(option);
  });
  var search = document.getElementById("pg-search");
  function find(text) {
    var query = text.trim().toLowerCase();
    if (!query) return;
    var best = -1;
    info.nodes.forEach(function (item, i) {
      if (best !== -1 && info.nodes[best].label.toLowerCase() === query) return;
      var label = item.label.toLowerCase();
      var en = (item.en || "").toLowerCase();
      if (label === query || en === query || (best === -1 && (label.indexOf(query) !== -1 || en.indexOf(query) !== -1))) {
        best = i;
      }
    });
    if (best === -1) {
      search.classList.add("pg-notfound");
      return;
    }
    search.classList.remove("pg-notfound");
    var group = data.nodes[best].group;
    if (state.hiddenGroups[group]) {
      state.hiddenGroups[group] = false;
      var row = legend.querySelector('[data-group="' + group.replace(/[^a-z0-9-]/g, "") + '"]');
      if (row) row.classList.remove("pg-off");
      nodeView.refresh();
      settle();
    }
    network.selectNodes([best]);
    network.focus(best, { scale: 1.3, animation: { duration: 400 } });
    showDetails(nodeCard(info.nodes[best], true));
  }
  search.addEventListener("change", function () {
    find(search.value);
  });
  search.addEventListener("keydown", function (event) {
    if (event.key === "Enter") find(search.value);
  });
})();
