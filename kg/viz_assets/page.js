/* diplomatic-kg network page. Data text is only ever put in the DOM with textContent (never innerHTML),
   links only with http(s) addresses. Layout (layout.js): computed once, seeded, then physics stays off. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var N = data.nodes.length, M = data.edges.length;
  var $ = function (id) { return document.getElementById(id); };
  var timings = { start: performance.now() };

  // ---- helpers -------------------------------------------------------------------------------
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }
  function fold(s) {
    return String(s).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  function daysIn(year, month) { return new Date(Date.UTC(year, month, 0)).getUTCDate(); }
  function parseDate(t) {  // YYYY, YYYY-MM or YYYY-MM-DD → [year, month|null, day|null], or null
    var m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(t.trim());
    if (!m || (m[2] && (+m[2] < 1 || +m[2] > 12)) || (m[3] && (+m[3] < 1 || +m[3] > daysIn(+m[1], +m[2])))) return null;
    return [m[1], m[2] || null, m[3] || null];
  }
  function firstDay(t) {
    var d = parseDate(t);
    return d && d[0] + "-" + (d[1] || "01") + "-" + (d[2] || "01");
  }
  function lastDay(t) {
    var d = parseDate(t);
    if (!d) return null;
    var month = d[1] || "12";
    return d[0] + "-" + month + "-" + (d[2] || String(daysIn(+d[0], +month)).padStart(2, "0"));
  }
  function webLink(url, text) {
    if (!/^https?:\/\//i.test(url || "")) return el("span", text);
    var a = el("a", text);
    a.href = url; a.target = "_blank"; a.rel = "noopener noreferrer";
    return a;
  }

  // ---- model ----------------------------------------------------------------------------------
  var adjacency = [], incident = [], searchText = [], groupOf = {};
  var from = new Int32Array(M), to = new Int32Array(M);
  data.nodes.forEach(function (n, i) {
    adjacency.push([]); incident.push([]);
    searchText.push(fold([n.label, n.id || ""].concat(n.labels || []).join("\n")));
  });
  data.edges.forEach(function (e, j) {
    from[j] = e.from; to[j] = e.to;
    adjacency[e.from].push(e.to); adjacency[e.to].push(e.from);
    incident[e.from].push(j); incident[e.to].push(j);
  });
  (data.groups || []).forEach(function (g) { groupOf[g.name] = g; });
  var pos = window.kgLayout(N, from, to, data.seed || 1);
  timings.layout = performance.now() - timings.start;

  var big = N > 1500 || M > 6000;
  var nodes = new vis.DataSet(data.nodes.map(function (n, i) {
    return { id: i, label: n.label, group: n.group, size: n.size, x: pos.x[i], y: pos.y[i] };
  }));
  var edges = new vis.DataSet(data.edges.map(function (e, j) {
    var multi = e.style === "multilateral";  // curved, so it does not hide the bilateral link of the same pair
    return { id: j, from: e.from, to: e.to, width: e.width || 1, dashes: multi,
             smooth: multi ? { enabled: true, type: "curvedCW", roundness: 0.2 } : false };
  }));
  var groups = {};
  (data.groups || []).forEach(function (g) {
    groups[g.name] = { shape: g.shape, color: { background: g.color, border: "#333", highlight: { background: g.color, border: "#000" }, hover: { background: g.color, border: "#000" } } };
  });
  var network = new vis.Network($("kg-network"), { nodes: nodes, edges: edges }, {
    autoResize: true,
    physics: false,
    layout: { improvedLayout: false, randomSeed: data.seed || 1 },
    groups: groups,
    nodes: { borderWidth: 1, font: { size: 14, face: "system-ui, sans-serif", color: "#222" },
             scaling: { label: { drawThreshold: N <= 150 ? 4 : 9 } } },  // big graphs: labels once zoomed in
    edges: { smooth: false, color: { color: "#9a9a9a", highlight: "#222", hover: "#444", opacity: 0.7 },
             arrows: { to: { enabled: !!data.directed, scaleFactor: 0.5 } }, selectionWidth: 1.5, hoverWidth: 0.5 },
    interaction: { hover: true, tooltipDelay: 3600000, hideEdgesOnDrag: big, hideEdgesOnZoom: big, multiselect: false }
  });
  network.setSize("100%", "100%");
  network.redraw();
  network.fit({ animation: false, maxZoomLevel: 1.5 });
  network.once("afterDrawing", function () {
    timings.drawn = performance.now() - timings.start;
    window.kgReady = true;
  });

  // ---- descriptions (tooltip and details panel) -------------------------------------------------
  function sourceList(indices) {
    var ul = el("ul", null, "kg-list");
    (indices || []).forEach(function (s) {
      var src = data.sources[s], li = el("li");
      li.appendChild(webLink(src.url, src.title || src.url || "source"));
      if (src.publisher) li.appendChild(el("span", " — " + src.publisher, "kg-meta"));
      if (src.summary) li.appendChild(el("div", src.summary, "kg-summary"));
      ul.appendChild(li);
    });
    return ul;
  }
  function describeNode(i, full) {
    var n = data.nodes[i], box = el("div");
    box.appendChild(el("h2", n.label));
    var kind = (n.kinds || [groupOf[n.group] ? groupOf[n.group].label : n.group]).join(" / ");
    box.appendChild(el("div", kind + (n.id ? " · " + n.id : ""), "kg-meta"));
    if (n.dates) box.appendChild(el("div", "Date: " + n.dates));
    if (n.labels && n.labels.length) box.appendChild(el("div", "Also: " + n.labels.slice(0, full ? 50 : 6).join("; "), "kg-meta"));
    if (n.posts && n.posts.length) {
      box.appendChild(el("div", "Posts:"));
      var ul = el("ul", null, "kg-list");
      n.posts.forEach(function (p) { ul.appendChild(el("li", p)); });
      box.appendChild(ul);
    }
    (n.facts || []).slice(0, full ? 200 : 8).forEach(function (f) { box.appendChild(el("div", f, "kg-meta")); });
    if (n.sources && n.sources.length) { box.appendChild(el("div", "Sources:")); box.appendChild(sourceList(n.sources)); }
    box.appendChild(el("div", adjacency[i].length + " links", "kg-meta"));
    return box;
  }
  function describeEdge(j, full) {
    var e = data.edges[j], a = data.nodes[e.from], b = data.nodes[e.to], box = el("div");
    box.appendChild(el("h2", a.label + (data.directed ? " → " : " — ") + b.label));
    if (e.style) box.appendChild(el("div", e.style + (e.count ? ": " + e.count + " events" : "") + (e.weight ? ", weight " + e.weight : ""), "kg-meta"));
    else if (e.weight) box.appendChild(el("div", e.weight + " shared events", "kg-meta"));
    if (e.rel && e.rel.length) box.appendChild(el("div", e.rel.join(", ")));
    var ul = el("ul", null, "kg-list");
    (e.ev || []).slice(0, full ? 500 : 8).forEach(function (item) {
      var ev = data.events[item[0]], li = el("li", ev.label + (ev.dates ? " (" + ev.dates + ")" : ""));
      if (item.length > 2) li.appendChild(el("div", a.label + ": " + item[1] + "; " + b.label + ": " + item[2], "kg-meta"));
      if (full && ev.sources) li.appendChild(sourceList(ev.sources));
      ul.appendChild(li);
    });
    if (e.ev && e.ev.length > (full ? 500 : 8)) ul.appendChild(el("li", "…"));
    if (e.ev && e.ev.length) box.appendChild(ul);
    return box;
  }

  var tooltip = $("kg-tooltip"), hideTimer = null;
  function showTooltip(content, pointer) {
    clearTimeout(hideTimer);
    tooltip.replaceChildren(content);
    tooltip.hidden = false;
    var rect = $("kg-network").getBoundingClientRect();
    var left = rect.left + pointer.x + 14, top = rect.top + pointer.y + 14;
    tooltip.style.left = Math.max(0, Math.min(left, window.innerWidth - tooltip.offsetWidth - 4)) + "px";
    tooltip.style.top = Math.max(0, Math.min(top, window.innerHeight - tooltip.offsetHeight - 4)) + "px";
  }
  function hideTooltipSoon() { clearTimeout(hideTimer); hideTimer = setTimeout(function () { tooltip.hidden = true; }, 400); }
  tooltip.addEventListener("mouseenter", function () { clearTimeout(hideTimer); });
  tooltip.addEventListener("mouseleave", hideTooltipSoon);
  network.on("hoverNode", function (p) { showTooltip(describeNode(p.node, false), p.pointer.DOM); });
  network.on("hoverEdge", function (p) { showTooltip(describeEdge(p.edge, false), p.pointer.DOM); });
  network.on("blurNode", hideTooltipSoon);
  network.on("blurEdge", hideTooltipSoon);
  network.on("dragStart", function () { tooltip.hidden = true; });

  // ---- filters: kinds and time ------------------------------------------------------------------
  var hidden = new Uint8Array(N), edgeHidden = new Uint8Array(M), kindOn = {}, windowFrom = null, windowTo = null;
  function kindKeys(n) { return (n.kinds && n.kinds.length ? n.kinds : [""]).map(function (k) { return n.group + "|" + k; }); }
  function dated(n) { return n.group === "event" || !!n.lo; }
  function inWindow(lo, hi) {
    if (!windowFrom && !windowTo) return true;
    if (!lo || !hi) return false;
    return !(windowFrom && hi < windowFrom) && !(windowTo && lo > windowTo);
  }
  function applyFilters() {
    var own = new Uint8Array(N), alive = new Uint8Array(M), i, j;
    for (i = 0; i < N; i++) {
      var n = data.nodes[i];
      own[i] = kindKeys(n).some(function (k) { return kindOn[k]; }) && (!dated(n) || inWindow(n.lo, n.hi)) ? 1 : 0;
    }
    for (j = 0; j < M; j++) {
      var e = data.edges[j], ok = own[e.from] && own[e.to];
      if (ok && e.ev && e.ev.length && (windowFrom || windowTo)) {
        ok = e.ev.some(function (item) { var ev = data.events[item[0]]; return inWindow(ev.lo, ev.hi); });
      }
      alive[j] = ok ? 1 : 0;
    }
    var nodeUpdates = [], edgeUpdates = [], shown = 0;
    for (i = 0; i < N; i++) {
      var visible = own[i] && (dated(data.nodes[i]) || incident[i].length === 0 || incident[i].some(function (jj) { return alive[jj]; }));
      var h = visible ? 0 : 1;
      if (h !== hidden[i]) { hidden[i] = h; nodeUpdates.push({ id: i, hidden: !!h }); }
      shown += 1 - h;
    }
    for (j = 0; j < M; j++) {
      var eh = alive[j] && !hidden[data.edges[j].from] && !hidden[data.edges[j].to] ? 0 : 1;
      if (eh !== edgeHidden[j]) { edgeHidden[j] = eh; edgeUpdates.push({ id: j, hidden: !!eh }); }
    }
    if (nodeUpdates.length) nodes.update(nodeUpdates);
    if (edgeUpdates.length) edges.update(edgeUpdates);
    $("kg-count").textContent = "Showing " + shown + " of " + N + " nodes and " +
      (M - edgeHidden.reduce(function (s, v) { return s + v; }, 0)) + " of " + M + " links.";
  }

  function swatch(g) {
    var svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    svg.setAttribute("width", "14"); svg.setAttribute("height", "14"); svg.setAttribute("class", "kg-swatch");
    var shapes = { dot: "circle", square: "rect", diamond: "polygon", triangle: "polygon", triangleDown: "polygon", star: "polygon", hexagon: "polygon" };
    var points = { diamond: "7,0 14,7 7,14 0,7", triangle: "7,1 13,13 1,13", triangleDown: "1,1 13,1 7,13",
                   star: "7,0 9,5 14,5 10,8 12,14 7,10 2,14 4,8 0,5 5,5", hexagon: "3.5,1 10.5,1 14,7 10.5,13 3.5,13 0,7" };
    var shape = document.createElementNS("http://www.w3.org/2000/svg", shapes[g.shape] || "circle");
    if (g.shape === "square") { shape.setAttribute("x", "1"); shape.setAttribute("y", "1"); shape.setAttribute("width", "12"); shape.setAttribute("height", "12"); }
    else if (points[g.shape]) shape.setAttribute("points", points[g.shape]);
    else { shape.setAttribute("cx", "7"); shape.setAttribute("cy", "7"); shape.setAttribute("r", "6"); }
    shape.setAttribute("fill", g.color); shape.setAttribute("stroke", "#333");
    svg.appendChild(shape);
    return svg;
  }
  function checkbox(key, text, count, onChange) {
    var label = el("label"), box = document.createElement("input");
    box.type = "checkbox"; box.checked = true; box.dataset.kind = key;
    box.addEventListener("change", onChange);
    label.appendChild(box); label.appendChild(document.createTextNode(" " + text + " "));
    label.appendChild(el("span", "(" + count + ")", "kg-count-small"));
    return { label: label, box: box };
  }
  function buildLegend() {
    var legend = $("kg-legend"), perGroup = {};
    data.nodes.forEach(function (n) {
      kindKeys(n).forEach(function (key) {
        kindOn[key] = true;
        var g = perGroup[n.group] || (perGroup[n.group] = {});
        g[key] = (g[key] || 0) + 1;
      });
    });
    (data.groups || []).forEach(function (g) {
      var div = el("div", null, "kg-group"), keys = Object.keys(perGroup[g.name] || {}).sort(), kids = [];
      var total = data.nodes.filter(function (n) { return n.group === g.name; }).length;
      var head = checkbox("group:" + g.name, g.label, total, function () {
        kids.forEach(function (c) { kindOn[c.key] = head.box.checked; if (c.box) c.box.checked = head.box.checked; });
        applyFilters();
      });
      head.label.insertBefore(swatch(g), head.label.childNodes[1]);
      div.appendChild(head.label);
      var list = el("div", null, "kg-kinds");
      if (keys.length > 1 || (keys.length === 1 && keys[0].split("|")[1] !== g.label && keys[0].split("|")[1] !== "")) {
        keys.forEach(function (key) {
          var c = checkbox(key, key.split("|")[1] || g.label, perGroup[g.name][key], function () {
            kindOn[key] = c.box.checked;
            head.box.checked = kids.some(function (k) { return k.box.checked; });
            applyFilters();
          });
          kids.push({ key: key, box: c.box }); list.appendChild(c.label);
        });
        div.appendChild(list);
      } else {
        keys.forEach(function (key) { kids.push({ key: key, box: null }); });
      }
      legend.appendChild(div);
    });
    (data.edgeStyles || []).forEach(function (s) {
      var row = el("div"), line = el("span", null, "kg-line" + (s.dashes ? " kg-dashed" : ""));
      row.appendChild(line); row.appendChild(document.createTextNode(s.name + (s.dashes ? " (1/(n−1) per pair per event)" : " (one per event)")));
      legend.appendChild(row);
    });
  }
  function readDate(input, edge) {
    var t = input.value.trim(), day = t ? (edge === "from" ? firstDay(t) : lastDay(t)) : null;
    input.classList.toggle("kg-bad", !!t && !day);
    return day;
  }
  var timeTimer = null;
  function onTime() {
    clearTimeout(timeTimer);
    timeTimer = setTimeout(function () {
      windowFrom = readDate($("kg-from"), "from"); windowTo = readDate($("kg-to"), "to");
      applyFilters();
    }, 150);
  }
  $("kg-from").addEventListener("input", onTime);
  $("kg-to").addEventListener("input", onTime);
  if (data.range) $("kg-time-note").textContent = "Dates in the data: " + data.range.lo + " to " + data.range.hi + ". Uncertain dates count when their bounds overlap.";
  else $("kg-time").hidden = true;

  // ---- highlight, details, search ---------------------------------------------------------------
  var highlighted = null;
  function highlight(i) {
    var keep = null;
    if (i !== null) { keep = new Set(adjacency[i]); keep.add(i); }
    highlighted = i;
    nodes.update(data.nodes.map(function (_, k) {
      var faded = keep && !keep.has(k);
      return { id: k, opacity: faded ? 0.15 : 1, font: { color: faded ? "rgba(34,34,34,0.2)" : "#222" } };
    }));
    edges.update(data.edges.map(function (e, j) {
      return { id: j, color: { opacity: keep && e.from !== i && e.to !== i ? 0.08 : 0.7 } };
    }));
  }
  function showDetails(content) {
    var d = $("kg-details");
    d.replaceChildren(content);
    d.hidden = !content;
  }
  function selectNode(i) {
    network.selectNodes([i]);
    highlight(i);
    showDetails(describeNode(i, true));
  }
  network.on("click", function (p) {
    if (p.nodes.length) selectNode(p.nodes[0]);
    else if (p.edges.length) { highlight(null); showDetails(describeEdge(p.edges[0], true)); }
    else { highlight(null); showDetails(null); $("kg-details").hidden = true; }
  });

  function search(text) {
    var q = fold(text.trim()), found = [];
    if (!q) return found;
    for (var i = 0; i < N; i++) if (searchText[i].indexOf(q) >= 0) found.push(i);
    found.sort(function (a, b) {
      var sa = fold(data.nodes[a].label).indexOf(q) === 0 ? 0 : 1, sb = fold(data.nodes[b].label).indexOf(q) === 0 ? 0 : 1;
      return sa - sb || data.nodes[a].label.localeCompare(data.nodes[b].label);
    });
    return found;
  }
  function goTo(i) {
    selectNode(i);
    network.focus(i, { scale: Math.max(network.getScale(), 1), animation: false });
  }
  function showResults() {
    var list = $("kg-results"), found = search($("kg-search").value);
    list.replaceChildren();
    found.slice(0, 30).forEach(function (i) {
      var li = el("li"), b = el("button", data.nodes[i].label);
      b.type = "button";
      if (hidden[i]) b.appendChild(el("span", " (hidden by the filters)", "kg-hidden-note"));
      b.addEventListener("click", function () { goTo(i); });
      li.appendChild(b); list.appendChild(li);
    });
    if ($("kg-search").value.trim() && !found.length) list.appendChild(el("li", "No node has that name.", "kg-note"));
    if (found.length > 30) list.appendChild(el("li", (found.length - 30) + " more: type more of the name.", "kg-note"));
    return found;
  }
  $("kg-search").addEventListener("input", showResults);
  $("kg-search").addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") { var found = showResults(); if (found.length) goTo(found[0]); }
  });

  buildLegend();
  applyFilters();

  // ---- for tests and the curious ----------------------------------------------------------------
  window.kgData = data;
  window.kgNetwork = network;
  window.kgNodes = nodes;
  window.kgEdges = edges;
  window.kgTimings = timings;
  window.kg = {
    visibleNodes: function () { return data.nodes.filter(function (_, i) { return !hidden[i]; }).map(function (n) { return n.key; }); },
    visibleEdges: function () { return data.edges.filter(function (_, j) { return !edgeHidden[j]; }).map(function (e) { return [data.nodes[e.from].key, data.nodes[e.to].key]; }); },
    search: function (text) { return search(text).map(function (i) { return data.nodes[i].key; }); },
    highlighted: function () { return highlighted === null ? null : data.nodes[highlighted].key; },
    positions: function () { return network.getPositions(); }
  };
})();
