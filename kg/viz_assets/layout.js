/* diplomatic-kg network page: the layout. window.kgLayout(n, from, to, seed) → {x, y} (Float64Arrays).
   Fruchterman–Reingold forces with Barnes–Hut repulsion (hubs repelling more), in typed arrays, from seeded
   random positions; each connected component is laid out on its own, then the components are packed in rows. */
(function () {
  "use strict";
  function mulberry32(seed) {
    var s = seed >>> 0;
    return function () {
      s = (s + 0x6D2B79F5) >>> 0;
      var t = s;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  function QuadTree(cap) {
    this.x0 = new Float64Array(cap); this.y0 = new Float64Array(cap); this.size = new Float64Array(cap);
    this.mass = new Float64Array(cap); this.weight = new Float64Array(cap);  // bodies, and their summed weights
    this.cx = new Float64Array(cap); this.cy = new Float64Array(cap);
    this.body = new Int32Array(cap); this.child = new Int32Array(cap); this.used = 0; this.cap = cap;
  }
  QuadTree.prototype.cell = function (x0, y0, size) {
    var c = this.used++;
    this.x0[c] = x0; this.y0[c] = y0; this.size[c] = size; this.mass[c] = 0; this.weight[c] = 0;
    this.cx[c] = 0; this.cy[c] = 0;
    this.body[c] = -1; this.child[c] = -1;
    return c;
  };
  QuadTree.prototype.quadrant = function (c, px, py) {
    var h = this.size[c] / 2;
    return this.child[c] + (px >= this.x0[c] + h ? 1 : 0) + (py >= this.y0[c] + h ? 2 : 0);
  };
  QuadTree.prototype.insert = function (px, py, i, wi) {  // body i at (px, py), repelling with weight wi
    var c = 0;
    for (;;) {
      var m = this.mass[c], w = this.weight[c];
      this.cx[c] = (this.cx[c] * w + px * wi) / (w + wi); this.cy[c] = (this.cy[c] * w + py * wi) / (w + wi);
      this.mass[c] = m + 1; this.weight[c] = w + wi;
      if (m === 0) { this.body[c] = i; return; }
      if (this.child[c] < 0) {
        if (this.size[c] < 1e-3 || this.used + 4 > this.cap) return;  // coincident bodies share a leaf
        var h = this.size[c] / 2, j = this.body[c];
        this.child[c] = this.used;
        this.cell(this.x0[c], this.y0[c], h); this.cell(this.x0[c] + h, this.y0[c], h);
        this.cell(this.x0[c], this.y0[c] + h, h); this.cell(this.x0[c] + h, this.y0[c] + h, h);
        this.body[c] = -1;
        var q = this.quadrant(c, this.cxOf(j), this.cyOf(j));
        this.mass[q] = 1; this.weight[q] = this.weightOf(j); this.cx[q] = this.cxOf(j); this.cy[q] = this.cyOf(j);
        this.body[q] = j;
      }
      c = this.quadrant(c, px, py);
    }
  };
  var HUB = 2;  // how much more a hub repels, per degree over the mean degree
  function layout(n, from, to, seed) {
    var x = new Float64Array(n), y = new Float64Array(n), rand = mulberry32(seed), i, j, e;
    var k = 100, side = k * Math.sqrt(n + 1);
    for (i = 0; i < n; i++) { x[i] = (rand() - 0.5) * side; y[i] = (rand() - 0.5) * side; }
    if (n < 2) return { x: x, y: y };
    var iters = n <= 1000 ? 300 : n <= 5000 ? 150 : 80, theta2 = 0.8 * 0.8, k2 = k * k, gravity = 0.05;
    var dx = new Float64Array(n), dy = new Float64Array(n), stack = new Int32Array(4 * 64 + 8);
    var tree = new QuadTree(8 * n + 64), temp = side / 10, cool = Math.pow(0.005, 1 / iters), m = from.length;
    tree.cxOf = function (b) { return x[b]; }; tree.cyOf = function (b) { return y[b]; };
    // Hubs repel more (a weight growing with the degree, as in ForceAtlas2), so the best-connected nodes get
    // room around them for their labels; a node moves by the forces on it over its weight.
    var deg = new Float64Array(n), wt = new Float64Array(n), meanDeg = 2 * m / n;
    for (e = 0; e < m; e++) { deg[from[e]]++; deg[to[e]]++; }
    for (i = 0; i < n; i++) wt[i] = 1 + HUB * deg[i] / (meanDeg + 1);
    tree.weightOf = function (b) { return wt[b]; };
    for (var it = 0; it < iters; it++) {
      var minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
      for (i = 0; i < n; i++) {
        if (x[i] < minX) minX = x[i]; if (x[i] > maxX) maxX = x[i];
        if (y[i] < minY) minY = y[i]; if (y[i] > maxY) maxY = y[i];
      }
      tree.used = 0;
      tree.cell(minX - 1, minY - 1, Math.max(maxX - minX, maxY - minY) + 2);
      for (i = 0; i < n; i++) tree.insert(x[i], y[i], i, wt[i]);
      for (i = 0; i < n; i++) {
        var xi = x[i], yi = y[i], fx = 0, fy = 0, top = 0;
        stack[top++] = 0;
        while (top > 0) {
          var c = stack[--top], ddx = xi - tree.cx[c], ddy = yi - tree.cy[c], d2 = ddx * ddx + ddy * ddy;
          if (tree.child[c] >= 0 && tree.size[c] * tree.size[c] >= theta2 * d2) {
            var first = tree.child[c];
            for (var q = 0; q < 4; q++) if (tree.mass[first + q] > 0) stack[top++] = first + q;
            continue;
          }
          if (tree.body[c] === i && tree.mass[c] === 1) continue;
          if (d2 < 1e-4) { ddx = (rand() - 0.5); ddy = (rand() - 0.5); d2 = ddx * ddx + ddy * ddy; }
          var f = k2 * tree.weight[c] / d2;
          fx += ddx * f; fy += ddy * f;
        }
        dx[i] = fx - gravity * xi; dy[i] = fy - gravity * yi;
      }
      for (e = 0; e < m; e++) {
        i = from[e]; j = to[e];
        var ex = x[i] - x[j], ey = y[i] - y[j], d = Math.sqrt(ex * ex + ey * ey) / k;
        dx[i] -= ex * d / wt[i]; dy[i] -= ey * d / wt[i]; dx[j] += ex * d / wt[j]; dy[j] += ey * d / wt[j];
      }
      for (i = 0; i < n; i++) {
        var len = Math.sqrt(dx[i] * dx[i] + dy[i] * dy[i]);
        if (len > temp) { x[i] += dx[i] * temp / len; y[i] += dy[i] * temp / len; } else { x[i] += dx[i]; y[i] += dy[i]; }
      }
      temp *= cool;
    }
    return { x: x, y: y };
  }

  function layoutPacked(n, from, to, seed) {
    // Each connected component on its own, then packed in rows, largest first, so none drifts away.
    var comp = new Int32Array(n).fill(-1), members = [], adj = [], i, e;
    for (i = 0; i < n; i++) adj.push([]);
    for (e = 0; e < from.length; e++) { adj[from[e]].push(to[e]); adj[to[e]].push(from[e]); }
    for (i = 0; i < n; i++) {
      if (comp[i] >= 0) continue;
      var list = [i], c = members.length;
      comp[i] = c;
      for (var h = 0; h < list.length; h++) {
        adj[list[h]].forEach(function (j) { if (comp[j] < 0) { comp[j] = c; list.push(j); } });
      }
      members.push(list);
    }
    var order = members.map(function (_, c) { return c; }).sort(function (a, b) { return members[b].length - members[a].length || a - b; });
    var local = new Int32Array(n), edgesOf = members.map(function () { return []; });
    members.forEach(function (list) { list.forEach(function (v, k) { local[v] = k; }); });
    for (e = 0; e < from.length; e++) edgesOf[comp[from[e]]].push(e);
    var x = new Float64Array(n), y = new Float64Array(n), boxes = [], area = 0, gap = 150;
    order.forEach(function (c) {
      var list = members[c], f = new Int32Array(edgesOf[c].length), t = new Int32Array(edgesOf[c].length);
      edgesOf[c].forEach(function (ed, k) { f[k] = local[from[ed]]; t[k] = local[to[ed]]; });
      var p = layout(list.length, f, t, seed + c), box = [Infinity, Infinity, -Infinity, -Infinity];
      list.forEach(function (v, k) {
        x[v] = p.x[k]; y[v] = p.y[k];
        box = [Math.min(box[0], x[v]), Math.min(box[1], y[v]), Math.max(box[2], x[v]), Math.max(box[3], y[v])];
      });
      boxes.push(box);
      area += (box[2] - box[0] + gap) * (box[3] - box[1] + gap);
    });
    var width = Math.max(boxes.length ? boxes[0][2] - boxes[0][0] + gap : 0, Math.sqrt(area) * 1.2);
    var cx = 0, cy = 0, rowHeight = 0;
    order.forEach(function (c, k) {
      var box = boxes[k], w = box[2] - box[0] + gap, hgt = box[3] - box[1] + gap;
      if (cx > 0 && cx + w > width) { cx = 0; cy += rowHeight; rowHeight = 0; }
      members[c].forEach(function (v) { x[v] += cx - box[0]; y[v] += cy - box[1]; });
      cx += w; rowHeight = Math.max(rowHeight, hgt);
    });
    return { x: x, y: y };
  }
  window.kgLayout = layoutPacked;
})();
