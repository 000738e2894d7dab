// The kg serve page: stored queries run through their forms, answers drawn as tables, and YASGUI.
// Text from the data goes into the page only as text (textContent, attributes), never as markup.
"use strict";

(() => {
  const config = JSON.parse(document.getElementById("kg-config").textContent);
  const endpoint = new URL(config.endpoint, document.baseURI).href;
  const langSelect = document.getElementById("kg-lang");
  const prefixes = Object.entries(config.prefixes).sort((a, b) => b[1].length - a[1].length);
  const TABLE_ACCEPT = "application/sparql-results+json";
  const GRAPH_ACCEPT = "text/turtle";

  // ---- small helpers ---------------------------------------------------------------------------------

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value !== undefined && value !== null) node.setAttribute(key, value);
    }
    for (const child of children) {
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function shorten(iri) {
    for (const [prefix, ns] of prefixes) {
      if (iri.startsWith(ns) && /^[\w.-]*$/.test(iri.slice(ns.length))) return prefix + ":" + iri.slice(ns.length);
    }
    return iri;
  }

  function safeHref(iri) {
    return /^https?:\/\//i.test(iri) ? iri : null; // never a javascript: or data: link from the data
  }

  function lang() {
    return langSelect.value;
  }

  // ---- stored queries ---------------------------------------------------------------------------------

  function queryParams(form, extra) {
    const params = new URLSearchParams();
    for (const input of form.querySelectorAll("input[name]")) {
      if (input.value.trim() !== "") params.append(input.name, input.value.trim());
    }
    for (const [key, value] of extra) params.append(key, value);
    return params;
  }

  function isGraph(section) {
    return section.dataset.form === "graph";
  }

  function updateDownloads(section) {
    const form = section.querySelector("form");
    for (const link of section.querySelectorAll(".kg-downloads a")) {
      const extra = isGraph(section) ? [] : [["labels", lang()]];
      extra.push(["lang", lang()], ["format", link.dataset.format]);
      link.setAttribute("href", form.getAttribute("action") + "?" + queryParams(form, extra));
    }
  }

  function cell(binding, label) {
    if (!binding) return el("td", { class: "kg-unbound" });
    if (binding.type === "uri") {
      const text = label ? label.value : shorten(binding.value);
      const href = safeHref(binding.value);
      const inner = href ? el("a", { href, title: binding.value, rel: "noreferrer" }, text) : el("span", { title: binding.value }, text);
      return el("td", { class: "kg-iri" }, inner);
    }
    if (binding.type === "bnode") return el("td", { class: "kg-bnode" }, "_:" + binding.value);
    const note = binding["xml:lang"] ? "@" + binding["xml:lang"] : binding.datatype ? shorten(binding.datatype) : null;
    return el("td", { class: "kg-literal", title: note }, binding.value);
  }

  function resultsTable(doc) {
    const vars = doc.head.vars || [];
    const names = new Set(vars);
    const shown = vars.filter((v) => !(v.endsWith("_label") && names.has(v.slice(0, -"_label".length))));
    const head = el("tr", {}, ...shown.map((v) => el("th", { scope: "col" }, v)));
    const rows = doc.results.bindings.map((row) =>
      el("tr", {}, ...shown.map((v) => cell(row[v], names.has(v + "_label") ? row[v + "_label"] : null))),
    );
    return el("table", { class: "kg-results" }, el("thead", {}, head), el("tbody", {}, ...rows));
  }

  function countLine(n, maxRows) {
    const text = n === 1 ? "1 row" : `${n} rows`;
    if (maxRows === null) return el("p", { class: "kg-count" }, text + ".");
    return el(
      "p",
      { class: "kg-count kg-cut" },
      `${text}: the answer was cut at ${maxRows} rows, the server's limit (X-SPARQL-MaxRows: ${maxRows}); ` +
        "the downloads are cut there too.",
    );
  }

  async function errorText(response) {
    const body = await response.text();
    let message = body.trim();
    try {
      const data = JSON.parse(body);
      if (data && typeof data.error === "string") message = data.error;
    } catch (_) {
      // not JSON: the protocol's plain-text messages
    }
    if (message.length > 2000) message = message.slice(0, 2000) + "…";
    return `${response.status} ${response.statusText}: ${message || "(no message)"}`;
  }

  const running = new WeakMap();

  async function run(section) {
    const form = section.querySelector("form");
    const answer = section.querySelector(".kg-answer");
    const button = form.querySelector("button[type=submit]");
    running.get(section)?.abort();
    const control = new AbortController();
    running.set(section, control);
    const graph = isGraph(section);
    const params = queryParams(form, graph ? [["lang", lang()]] : [["labels", lang()], ["lang", lang()]]);
    const url = form.getAttribute("action") + "?" + params;
    section.dataset.state = "running";
    button.disabled = true;
    answer.replaceChildren(el("p", { class: "kg-running" }, "Running…"));
    try {
      const response = await fetch(url, {
        headers: { Accept: graph ? GRAPH_ACCEPT : TABLE_ACCEPT },
        signal: control.signal,
      });
      if (!response.ok) {
        answer.replaceChildren(el("p", { class: "kg-error", role: "alert" }, await errorText(response)));
        section.dataset.state = "error";
        return;
      }
      const cut = response.headers.get("X-SPARQL-MaxRows");
      if (graph) {
        answer.replaceChildren(el("pre", { class: "kg-graph" }, await response.text()));
      } else {
        const doc = await response.json();
        if (typeof doc.boolean === "boolean") {
          answer.replaceChildren(el("p", { class: "kg-boolean" }, doc.boolean ? "Yes (true)." : "No (false)."));
        } else {
          const n = doc.results.bindings.length;
          answer.replaceChildren(countLine(n, cut), resultsTable(doc));
        }
      }
      section.dataset.state = "done";
    } catch (err) {
      if (err.name === "AbortError") return;
      answer.replaceChildren(el("p", { class: "kg-error", role: "alert" }, `The server did not answer: ${err.message}`));
      section.dataset.state = "error";
    } finally {
      if (running.get(section) === control) {
        running.delete(section);
        button.disabled = false;
      }
    }
  }

  const sections = [...document.querySelectorAll(".kg-query")];
  for (const section of sections) {
    const form = section.querySelector("form");
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      run(section);
    });
    form.addEventListener("input", () => updateDownloads(section));
    section.querySelector(".kg-open-editor").addEventListener("click", () => openInEditor(section.dataset.name));
    updateDownloads(section);
  }
  langSelect.addEventListener("change", () => sections.forEach(updateDownloads));

  // ---- the SPARQL editor ------------------------------------------------------------------------------

  let yasgui = null;

  function configureYasgui() {
    const Yasqe = Yasgui.Yasqe;
    // No request off the machine: the LOV class and property completers ask a remote API; the prefix
    // completer uses its bundled list (prefixCcApi stays null) with ours first.
    delete Yasqe.Autocompleters.class;
    delete Yasqe.Autocompleters.property;
    const bundled = Yasqe.Autocompleters.prefixes.get;
    const ours = Object.entries(config.prefixes).map(([p, iri]) => `${p}: <${iri}>`);
    Yasqe.forkAutocompleter(
      "prefixes",
      {
        name: "kgPrefixes",
        get: (yasqe, token) =>
          bundled(yasqe, token).then((list) => {
            const taken = new Set(ours.map((line) => line.split(":")[0]));
            return [...ours, ...list.filter((line) => !taken.has(line.split(":")[0]))];
          }),
      },
      false,
    );
    Yasqe.defaults.autocompleters = ["kgPrefixes", "variables"];
    Yasqe.defaults.prefixCcApi = null;
    Yasqe.defaults.value = config.tabs[0].query;
    Yasqe.defaults.collapsePrefixesOnLoad = true; // the PREFIX block folded to one line, the query in view
    Yasqe.defaults.createShortLink = undefined;
    Yasgui.defaults.requestConfig = { ...Yasgui.defaults.requestConfig, endpoint, method: "POST" };
    Yasgui.defaults.endpointCatalogueOptions = {
      ...Yasgui.defaults.endpointCatalogueOptions,
      getData: () => [{ endpoint }],
    };
  }

  function startYasgui() {
    configureYasgui();
    yasgui = new Yasgui(document.getElementById("kg-yasgui"), {
      persistenceId: "kg-serve-" + config.version,
      autofocus: false, // the page opens at its top, not scrolled down to the editor
      requestConfig: { endpoint, method: "POST" },
      copyEndpointOnNewTab: true,
      autoAddOnInit: false,
      populateFromUrl: false,
      corsProxy: undefined,
      tabName: "Query",
      // The results table shortens an IRI with the first namespace it starts with: ours come longest
      // first (person:person-a, not id:person/person-a), then those the query declares.
      yasr: { prefixes: () => Object.fromEntries(prefixes) },
    });
    if (yasgui.persistentConfig.getTabs().length === 0) {
      config.tabs.forEach((tab, i) => {
        yasgui.addTab(i === 0, { name: tab.name, yasqe: { value: tab.query }, requestConfig: { endpoint } });
      });
    }
    return yasgui;
  }

  function tabNamed(name) {
    return yasgui.persistentConfig
      .getTabs()
      .map((id) => yasgui.getTab(id))
      .find((tab) => tab && tab.getName() === name);
  }

  function openInEditor(name) {
    let tab = tabNamed(name);
    if (!tab) {
      const spec = config.tabs.find((t) => t.name === name);
      tab = yasgui.addTab(true, { name, yasqe: { value: spec.query }, requestConfig: { endpoint } });
    }
    yasgui.selectTabId(tab.getId());
    document.getElementById("kg-editor").scrollIntoView();
  }

  startYasgui();
  window.kg = { yasgui, run, openInEditor, endpoint };
  window.kgReady = true;
})();
