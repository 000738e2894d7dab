/* kg viz --color community / --size betweenness (only in pages that ask for them; after page.js). The sizes
   are in the data already; this script colours the nodes by community and makes the legend say how the page
   colours and sizes its nodes. Data text goes in the DOM only with textContent. */
(function () {
  "use strict";
  var data = window.kgData, nodes = window.kgNodes, legend = document.getElementById("kg-legend");
  if (!data || !nodes || !legend) return;
  var note = legend.parentNode.querySelector(".kg-note");
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }
  function dot(color) {
    var svg = document.createElementNS("http://www.w3.org/2000/svg", "svg"), c = document.createElementNS("http://www.w3.org/2000/svg", "circle");
    svg.setAttribute("width", "14"); svg.setAttribute("height", "14"); svg.setAttribute("class", "kg-swatch");
    c.setAttribute("cx", "7"); c.setAttribute("cy", "7"); c.setAttribute("r", "6");
    c.setAttribute("fill", color); c.setAttribute("stroke", "#333");
    svg.appendChild(c);
    return svg;
  }
  if (data.sizeBy && note) {
    note.textContent = note.textContent.replace("Size: number of neighbours.", data.sizeBy.note);
  }
  var by = data.colorBy;
  if (!by) return;
  nodes.update(data.nodes.map(function (n, i) {
    var c = n.color || "#DDDDDD";
    return { id: i, color: { background: c, border: "#333", highlight: { background: c, border: "#000" }, hover: { background: c, border: "#000" } } };
  }));
  // the kinds keep their shapes (white in the legend); the colours are the communities'
  Array.prototype.forEach.call(legend.querySelectorAll(".kg-swatch > *"), function (s) { s.setAttribute("fill", "#ffffff"); });
  var box = el("div", null, "kg-colours");
  box.id = "kg-colours";
  box.appendChild(el("div", by.note, "kg-note"));
  by.communities.forEach(function (c, i) {
    var row = el("div", null, "kg-community");
    row.appendChild(dot(c.color));
    row.appendChild(document.createTextNode("Community " + (i + 1) + " "));
    row.appendChild(el("span", "(" + c.count + ")", "kg-count-small"));
    row.appendChild(el("span", ": " + c.members.join(", ") + (c.count > c.members.length ? ", …" : ""), "kg-meta"));
    box.appendChild(row);
  });
  if (by.rest) {
    var rest = el("div", null, "kg-community");
    rest.appendChild(dot(by.rest.color));
    rest.appendChild(document.createTextNode(by.rest.communities + " smaller communities "));
    rest.appendChild(el("span", "(" + by.rest.count + ")", "kg-count-small"));
    box.appendChild(rest);
  }
  legend.insertBefore(box, legend.firstChild);
})();
