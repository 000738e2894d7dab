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
  var LABEL_PX = 12, LABEL_FACE = "system-ui, -apple-system, \"Segoe UI\", Roboto, sans-serif";
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
    nodes: { borderWidth: 1, font: { size: 0, face: LABEL_FACE, color: "#222" } },  // the page draws the labels
    edges: { smooth: false, color: { color: "#9a9a9a", highlight: "#222", hover: "#444", opacity: 0.7 },
             arrows: { to: { enabled: !!data.directed, scaleFactor: 0.5 } }, selectionWidth: 1.5, hoverWidth: 0.5 },
    interaction: { hover: true, tooltipDelay: 3600000, hideEdgesOnDrag: big, hideEdgesOnZoom: big, multiselect: false }
  });
  network.setSize("100%", "100%");
  network.redraw();
  network.fit({ animation: false, maxZoomLevel: 1.5 });
  (function () {  // leave a margin for the labels of the nodes at the edges
    var c = $("kg-network"), w = c.clientWidth, h = c.clientHeight, margin = 2 * (LABEL_PX + 10);
    if (w > 4 * margin && h > 4 * margin) {
      network.moveTo({ position: network.getViewPosition(), animation: false,
                       scale: network.getScale() * Math.min((w - margin) / w, (h - margin) / h) });
    }
  })();

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
    if (n.place) box.appendChild(el("div", "Place: " + n.place));
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
  function dated(n) { return n.group === "event" || !!(n.lo || n.hi); }
  // The one rule of the time filters: a missing lo or hi leaves the span open on that side; an event with
  // neither is undated: shown while no window is set, left out once one is.
  function inWindow(lo, hi) {
    if (!windowFrom && !windowTo) return true;
    if (!lo && !hi) return false;
    return !(windowFrom && hi && hi < windowFrom) && !(windowTo && lo && lo > windowTo);
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
    labelsDirty = true;
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
  if (data.range) $("kg-time-note").textContent = "Dates in the data: " + data.range.lo + " to " + data.range.hi + ". Uncertain dates count when their bounds overlap; a missing bound leaves them open on that side; undated events are hidden while a window is set.";
  else $("kg-time").hidden = true;

  // ---- highlight, details, search ---------------------------------------------------------------
  var highlighted = null;
  function highlight(i) {
    var keep = null;
    if (i !== null) { keep = new Set(adjacency[i]); keep.add(i); }
    highlighted = i;
    near.fill(0);
    if (keep) keep.forEach(function (k) { near[k] = 1; });
    labelsDirty = true;
    nodes.update(data.nodes.map(function (_, k) { return { id: k, opacity: keep && !keep.has(k) ? 0.15 : 1 }; }));
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

  // ---- labels ------------------------------------------------------------------------------------
  // vis-network draws no label (font size 0): the page draws them after each drawing, at one size on the
  // screen whatever the zoom. The best-connected nodes come first (degree, then key), each label at the first
  // of eight places around its node where its box is inside the view and overlaps no label already placed and
  // no node (two grids of screen cells, so a placement is linear in the nodes); the others show once zoomed in
  // far enough, and the hovered node's label always shows, on top. With a node selected, its label and its
  // neighbours' come first, may go over the faded nodes, and the others' are left out. Placement is redone when
  // the view (zoom, pan, size) or what is shown changes: at once when the last placement was quick, else after
  // a pause (at the end of a drag or zoom).
  var container = $("kg-network");
  var LABEL_FONT = LABEL_PX + "px " + LABEL_FACE, LABEL_H = LABEL_PX + 4, LABEL_PAD = 3, LABEL_GAP = 2, LABEL_MAX = 36;
  var SHAPE_REACH = 1.16;  // how far a shape reaches from its centre, in node sizes (triangles and stars: past 1)
  var measureCtx = document.createElement("canvas").getContext("2d");
  measureCtx.font = LABEL_FONT;
  function shortLabel(text) {  // a long name keeps its first and last words (what tells "Ministry of … of X" apart)
    var chars = Array.from(String(text));
    if (chars.length <= LABEL_MAX) return chars.join("");
    var words = String(text).split(/\s+/), head = "", tail = "", a = 0, b = words.length - 1;
    function join(x, y) { return x && y ? x + " " + y : x || y; }
    while (a < b && Array.from(join(head, words[a])).length <= LABEL_MAX * 0.6) head = join(head, words[a++]);
    while (b >= a && Array.from(join(words[b], tail)).length <= LABEL_MAX * 0.4) tail = join(words[b--], tail);
    if (!head || !tail) {  // no words to keep (an address, say): its first and last characters
      return chars.slice(0, Math.round(LABEL_MAX * 0.6)).join("") + "…" +
        chars.slice(chars.length - Math.round(LABEL_MAX * 0.4) + 1).join("");
    }
    return head + " … " + tail;
  }
  var labelText = data.nodes.map(function (n) { return shortLabel(n.label); });
  var labelWidth = new Float64Array(N).fill(-1);
  function widthOf(i) {
    if (labelWidth[i] < 0) labelWidth[i] = Math.ceil(measureCtx.measureText(labelText[i]).width) + 2 * LABEL_PAD;
    return labelWidth[i];
  }
  var rank = data.nodes.map(function (_, i) { return i; }).sort(function (a, b) {
    var ka = data.nodes[a].key, kb = data.nodes[b].key;
    return (data.nodes[b].degree || 0) - (data.nodes[a].degree || 0) || (ka < kb ? -1 : ka > kb ? 1 : 0);
  });
  // The best-connected nodes may also put their label one label-height farther out, so that a hub among
  // many neighbours is still named at the first view.
  var PRIORITY = 10, rankPos = new Int32Array(N);
  rank.forEach(function (i, k) { rankPos[i] = k; });
  var nx0 = new Float64Array(N), ny0 = new Float64Array(N), nx1 = new Float64Array(N), ny1 = new Float64Array(N);
  var lx0 = new Float64Array(N), ly0 = new Float64Array(N), lx1 = new Float64Array(N), ly1 = new Float64Array(N);
  var placedNode = new Int32Array(N), placedDx = new Float64Array(N), placedDy = new Float64Array(N), placedCount = 0;
  var placedView = null, placedScale = null, labelsDirty = true, placeCost = 0, placeTimer = null, hoverNode = null;
  var drawnLabels = [], drawnBoxes = [], near = new Uint8Array(N);

  function Grid(w, h, cell) {
    this.cell = cell; this.cols = Math.max(1, Math.ceil(w / cell)); this.rows = Math.max(1, Math.ceil(h / cell));
    this.cells = new Array(this.cols * this.rows);
  }
  Grid.prototype.span = function (x0, y0, x1, y1) {
    var s = this.cell;
    return [Math.max(0, Math.floor(x0 / s)), Math.max(0, Math.floor(y0 / s)),
            Math.min(this.cols - 1, Math.floor(x1 / s)), Math.min(this.rows - 1, Math.floor(y1 / s))];
  };
  Grid.prototype.add = function (k, x0, y0, x1, y1) {
    var b = this.span(x0, y0, x1, y1);
    for (var r = b[1]; r <= b[3]; r++) for (var c = b[0]; c <= b[2]; c++) {
      var at = r * this.cols + c;
      (this.cells[at] || (this.cells[at] = [])).push(k);
    }
  };
  Grid.prototype.hits = function (x0, y0, x1, y1, skip, bx0, by0, bx1, by1) {  // a box k ≠ skip overlapping
    var b = this.span(x0, y0, x1, y1);
    for (var r = b[1]; r <= b[3]; r++) for (var c = b[0]; c <= b[2]; c++) {
      var list = this.cells[r * this.cols + c];
      if (!list) continue;
      for (var q = 0; q < list.length; q++) {
        var k = list[q];
        if (k !== skip && bx0[k] < x1 && bx1[k] > x0 && by0[k] < y1 && by1[k] > y0) return true;
      }
    }
    return false;
  };
  function viewKey() {
    var v = network.getViewPosition();
    return network.getScale() + "|" + v.x + "|" + v.y + "|" + container.clientWidth + "|" + container.clientHeight;
  }
  function candidates(w, h, r) {  // offsets of a label box's top left corner from its node's centre, best first
    var g = LABEL_GAP;
    return [[-w / 2, r + g], [-w / 2, -r - g - h], [r + g, -h / 2], [-r - g - w, -h / 2],
            [-r, r + g], [r - w, r + g], [-r, -r - g - h], [r - w, -r - g - h]];
  }
  function placeLabels() {
    var t0 = performance.now(), W = container.clientWidth, H = container.clientHeight, scale = network.getScale();
    var pos = network.getPositions(), nodesGrid = new Grid(W, H, 40), labelsGrid = new Grid(W, H, 40), i, k, n = 0;
    for (i = 0; i < N; i++) {
      if (hidden[i]) continue;
      var p = network.canvasToDOM(pos[i]), r = (data.nodes[i].size || 10) * SHAPE_REACH * scale + 1;
      nx0[i] = p.x - r; ny0[i] = p.y - r; nx1[i] = p.x + r; ny1[i] = p.y + r;
      if (highlighted !== null && !near[i]) continue;  // a faded node: labels may go over it
      if (nx1[i] >= 0 && nx0[i] <= W && ny1[i] >= 0 && ny0[i] <= H) nodesGrid.add(i, nx0[i], ny0[i], nx1[i], ny1[i]);
    }
    var order = highlighted === null ? rank
      : [highlighted].concat(rank.filter(function (j) { return near[j] && j !== highlighted; }));
    for (var o = 0; o < order.length; o++) {
      i = order[o];
      if (hidden[i] || !labelText[i]) continue;
      var x = (nx0[i] + nx1[i]) / 2, y = (ny0[i] + ny1[i]) / 2;
      if (x < 0 || y < 0 || x > W || y > H) continue;
      var w = widthOf(i), h = LABEL_H, reach = (nx1[i] - nx0[i]) / 2, spots = candidates(w, h, reach), chosen = null;
      if (rankPos[i] < PRIORITY) spots = spots.concat(candidates(w, h, reach + h + LABEL_GAP));
      for (k = 0; k < spots.length && chosen === null; k++) {
        var bx = x + spots[k][0], by = y + spots[k][1];
        if (bx < 0 || by < 0 || bx + w > W || by + h > H) continue;
        if (nodesGrid.hits(bx, by, bx + w, by + h, i, nx0, ny0, nx1, ny1)) continue;
        if (labelsGrid.hits(bx, by, bx + w, by + h, -1, lx0, ly0, lx1, ly1)) continue;
        chosen = spots[k];
      }
      if (chosen === null && i === highlighted) chosen = spots[0];  // the selected node's label shows in any case
      if (chosen === null) continue;
      placedNode[n] = i; placedDx[n] = chosen[0]; placedDy[n] = chosen[1];
      lx0[n] = x + chosen[0]; ly0[n] = y + chosen[1]; lx1[n] = lx0[n] + w; ly1[n] = ly0[n] + h;
      labelsGrid.add(n, lx0[n], ly0[n], lx1[n], ly1[n]);
      n++;
    }
    placedCount = n; placedView = viewKey(); placedScale = scale; labelsDirty = false;
    timings.labels = placeCost = performance.now() - t0;
  }
  function drawLabel(ctx, i, x0, y0, onTop) {
    var w = widthOf(i);
    if (onTop) {
      ctx.fillStyle = "rgba(255,255,255,0.95)"; ctx.fillRect(x0, y0, w, LABEL_H);
      ctx.strokeStyle = "#888"; ctx.lineWidth = 1; ctx.strokeRect(x0 + 0.5, y0 + 0.5, w - 1, LABEL_H - 1);
    } else {
      ctx.strokeStyle = "rgba(255,255,255,0.9)"; ctx.lineWidth = 3;
      ctx.strokeText(labelText[i], x0 + w / 2, y0 + LABEL_H / 2);
    }
    ctx.fillStyle = "#222";
    ctx.fillText(labelText[i], x0 + w / 2, y0 + LABEL_H / 2);
    drawnLabels.push(i); drawnBoxes.push([x0, y0, x0 + w, y0 + LABEL_H]);
  }
  function drawLabels(ctx) {
    var ids = [], k, hover = hoverNode !== null && !hidden[hoverNode] ? hoverNode : null, hoverAt = -1;
    for (k = 0; k < placedCount; k++) { ids.push(placedNode[k]); if (placedNode[k] === hover) hoverAt = k; }
    if (hover !== null && hoverAt < 0) ids.push(hover);
    var pos = network.getPositions(ids), ratio = ctx.canvas.clientWidth ? ctx.canvas.width / ctx.canvas.clientWidth : 1;
    drawnLabels = []; drawnBoxes = [];
    ctx.save();
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.font = LABEL_FONT; ctx.textAlign = "center"; ctx.textBaseline = "middle"; ctx.lineJoin = "round";
    for (k = 0; k < placedCount; k++) {
      if (k === hoverAt) continue;
      var p = network.canvasToDOM(pos[placedNode[k]]);
      drawLabel(ctx, placedNode[k], p.x + placedDx[k], p.y + placedDy[k], false);
    }
    if (hover !== null) {  // on top, inside the view
      var q = network.canvasToDOM(pos[hover]), w = widthOf(hover), W = container.clientWidth, H = container.clientHeight;
      var r = (data.nodes[hover].size || 10) * SHAPE_REACH * network.getScale() + 1;
      var dx = hoverAt >= 0 ? placedDx[hoverAt] : -w / 2, dy = hoverAt >= 0 ? placedDy[hoverAt] : r + LABEL_GAP;
      var x0 = Math.max(0, Math.min(q.x + dx, W - w)), y0 = Math.max(0, Math.min(q.y + dy, H - LABEL_H));
      drawLabel(ctx, hover, x0, y0, true);
    }
    ctx.restore();
    window.__kgLabels = drawnLabels.map(function (i) { return data.nodes[i].key; });
  }
  function replaceLabelsSoon() {
    clearTimeout(placeTimer);
    placeTimer = setTimeout(function () { placeTimer = null; placeLabels(); network.redraw(); }, 150);
  }
  network.on("afterDrawing", function (ctx) {
    if (labelsDirty || viewKey() !== placedView) {
      if (placedView === null || placeCost < 8) placeLabels();
      else replaceLabelsSoon();  // meanwhile the labels follow their nodes
    }
    drawLabels(ctx);
  });
  network.on("dragEnd", function () { labelsDirty = true; network.redraw(); });
  network.on("hoverNode", function (p) { hoverNode = p.node; network.redraw(); });
  network.on("blurNode", function (p) { if (hoverNode === p.node) hoverNode = null; network.redraw(); });
  container.addEventListener("mouseleave", function () {  // vis-network keeps the hover when the pointer leaves
    hideTooltipSoon();
    if (hoverNode !== null) { hoverNode = null; network.redraw(); }
  });
  network.once("afterDrawing", function () {  // after the labels' handler: they are placed and drawn
    timings.drawn = performance.now() - timings.start;
    window.kgReady = true;
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
    positions: function () { return network.getPositions(); },
    // the labels drawn last: keys (as placed, the hovered node's last) and their boxes on the screen, in CSS
    // pixels from the network's top left corner; placed: the keys in the order of placement
    labels: function () {
      return { keys: drawnLabels.map(function (i) { return data.nodes[i].key; }),
               placed: Array.from(placedNode.subarray(0, placedCount), function (i) { return data.nodes[i].key; }),
               boxes: drawnBoxes.map(function (b) { return { x0: b[0], y0: b[1], x1: b[2], y1: b[3] }; }),
               hover: hoverNode === null ? null : data.nodes[hoverNode].key, scale: placedScale, font: LABEL_FONT,
               fresh: !labelsDirty && placedView === viewKey(),  // placed for the view and selection as they are
               text: drawnLabels.map(function (i) { return labelText[i]; }) };
    }
  };
})();
