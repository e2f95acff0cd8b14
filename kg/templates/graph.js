/* kg graph page: draws the data block with vis-network and wires search, filters, highlight,
   tooltips and the legend. Every text is set with textContent: data is never markup. */
(function () {
  "use strict";

  const DATA = JSON.parse(document.getElementById("kg-data").textContent);
  const page = DATA.page;
  const $ = (id) => document.getElementById(id);
  const KIND_NAMES = { Author: "Author", Paper: "Paper", Organization: "Organisation", Topic: "Topic",
                       Keyword: "Keyword" };
  const DIM_NODE = "#e4e7ec";
  const DIM_EDGE = { color: "#eef0f3", opacity: 0.35 };
  const DEFAULT_EDGE = DATA.options.edges.color;
  const HOVER_PAPERS = 8;
  const DIM_EDGES_UP_TO = 5000;

  /* ---------------------------------------------------------------- small DOM helpers */
  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function add(parent, tag, className, text) {
    const node = el(tag, className, text);
    parent.appendChild(node);
    return node;
  }
  const plural = (n, one, many) => n.toLocaleString("en") + " " + (n === 1 ? one : many);

  /* ---------------------------------------------------------------- header */
  document.title = DATA.heading || "kg graph";
  $("kg-title").textContent = DATA.heading || "";
  $("kg-subtitle").textContent = page.subtitle || "";
  for (const note of page.notes || []) add($("kg-notes"), "li", "", note);

  /* ---------------------------------------------------------------- network */
  // vis deep-copies every item it is given: it gets the drawing fields only, and the
  // tooltip/filter facts ("kg") stay here, looked up by id.
  const drawn = (item) => { const copy = Object.assign({}, item); delete copy.kg; return copy; };
  const nodeById = new Map(DATA.nodes.map((n) => [n.id, n]));
  const edgeById = new Map(DATA.edges.map((e) => [e.id, e]));
  const nodes = new vis.DataSet(DATA.nodes.map(drawn));
  const edges = new vis.DataSet(DATA.edges.map(drawn));
  const container = $("kg-graph");
  const network = new vis.Network(container, { nodes: nodes, edges: edges }, DATA.options);
  let physicsOn = Boolean(DATA.options.physics && DATA.options.physics.enabled);

  const kgPage = (window.kgPage = {
    network: network, nodes: nodes, edges: edges, data: DATA,
    ready: false, firstDrawMs: null, stabilizedMs: null, selected: null,
    search: search, select: select, applyFilters: applyFilters,
  });
  network.once("afterDrawing", () => {
    kgPage.firstDrawMs = performance.now();
    kgPage.ready = true;
    document.body.setAttribute("data-ready", "true");
  });
  network.on("stabilizationIterationsDone", () => {
    // A brief physics run relaxed the precomputed layout and fitted the view: stop there (the
    // page stays still; "Run layout" resumes).
    kgPage.stabilizedMs = performance.now();
    physicsOn = false;
    network.setOptions({ physics: { enabled: false } });
    sizeLabels();
    showPhysics();
  });
  // The few labelled nodes keep their labels at one size on screen, whatever the zoom (vis
  // 9.1.2 ignores scaling.label.maxVisible): resized before any frame drawn at a new scale.
  const labelled = DATA.nodes.filter((n) => n.label).map((n) => n.id);
  let labelScale = null;
  function sizeLabels() {
    const scale = network.getScale();
    if (scale === labelScale) return;
    labelScale = scale;
    for (const id of labelled) network.body.nodes[id].setOptions({ font: { size: page.label_px / scale } });
  }
  network.on("beforeDrawing", sizeLabels);

  if (!DATA.nodes.length) {
    const empty = $("kg-empty");
    empty.textContent = "Nothing to draw: this graph has no " + page.noun[1] + ".";
    empty.hidden = false;
  }

  /* ---------------------------------------------------------------- cards (tooltip, details) */
  function paperList(parent, indices, limit) {
    if (!indices || !indices.length) return;
    add(parent, "h3", "", plural(indices.length, "paper", "papers"));
    const list = add(parent, "ol");
    for (const i of indices.slice(0, limit)) {
      const row = page.papers[i];
      const item = add(list, "li", "", row[0]);
      if (row[1] !== null && row[1] !== undefined) add(item, "span", "year", " (" + row[1] + ")");
    }
    if (indices.length > limit) {
      add(list, "li", "more", "… and " + (indices.length - limit) + " more (click for all)");
    }
  }
  function facts(parent, rows) {
    const shown = rows.filter((r) => r[1] !== null && r[1] !== undefined && r[1] !== "" &&
                                     !(Array.isArray(r[1]) && !r[1].length));
    if (!shown.length) return;
    const dl = add(parent, "dl");
    for (const [term, value] of shown) {
      add(dl, "dt", "", term);
      add(dl, "dd", "", Array.isArray(value) ? value.join("; ") : value);
    }
  }
  function topicText(pairs, limit) {
    return pairs.slice(0, limit).map(([t, count]) =>
      page.topics[t] + (count > 1 ? " ×" + count : ""));
  }
  function metricsTable(parent, metrics) {
    if (!metrics || !metrics.length) return;
    add(parent, "h3", "", "Centrality");
    const table = add(parent, "table", "metrics");
    for (const [name, value] of metrics) {
      const tr = add(table, "tr");
      add(tr, "td", "", name);
      add(tr, "td", "num", Number(value).toLocaleString("en", { maximumSignificantDigits: 4 }));
    }
  }
  function nodeCard(id, full) {
    const node = nodeById.get(id);
    const k = node.kg;
    const box = document.createDocumentFragment();
    add(box, "div", "card-kind", KIND_NAMES[k.kind] || k.kind);
    add(box, "div", "card-title", k.name);
    const limit = full ? Infinity : HOVER_PAPERS;
    if (k.kind === "Author") {
      if (k.v.length) add(box, "div", "card-sub", "Also written: " + k.v.join("; "));
      facts(box, [
        ["Papers", k.pc],
        [page.group_noun, page.groups[k.g] ? page.groups[k.g].label : null],
        ["Organisations", k.o],
        ["On papers with", k.ao],
        ["Top topics", topicText(k.t, full ? 6 : 3)],
        ["Keywords", k.kw.slice(0, full ? 8 : 4)],
      ]);
      metricsTable(box, k.m);
      paperList(box, k.p, limit);
    } else if (k.kind === "Paper") {
      let authors = k.authors.join(", ");
      if (k.truncated) authors += (authors ? " " : "") + "et al.";
      facts(box, [
        ["Date", k.date], ["Category", k.category], ["Venue", k.venue], ["Authors", authors],
        ["Organisations", k.o], ["Topics", topicText(k.t, 10)], ["Keywords", k.kw],
        ["Identifiers", k.ids], ["Code", k.code], ["Read from", k.src],
      ]);
    } else if (k.kind === "Organization") {
      if (k.v.length) add(box, "div", "card-sub", "Also written: " + k.v.join("; "));
      facts(box, [["Note", k.ambiguous ? "a short name that may stand for several organisations" : null]]);
      paperList(box, k.p, limit);
    } else {
      if (k.v.length) add(box, "div", "card-sub", k.v.join(" · "));
      facts(box, [["Scheme", k.scheme], ["Terms", k.terms]]);
      paperList(box, k.p, limit);
    }
    return box;
  }
  function edgeCard(id) {
    const edge = edgeById.get(id);
    const box = document.createDocumentFragment();
    const a = nodeById.get(edge.from).kg.name, b = nodeById.get(edge.to).kg.name;
    if (edge.kg && edge.kg.w !== undefined) {
      add(box, "div", "card-kind", "Co-authors");
      add(box, "div", "card-title", a + " — " + b);
      paperList(box, edge.kg.p, HOVER_PAPERS);
    } else {
      add(box, "div", "card-kind", (edge.kg && edge.kg.k) || "Link");
      add(box, "div", "card-title", a + " → " + b);
    }
    return box;
  }

  const tooltip = $("kg-tooltip");
  function showTooltip(content, pointer) {
    tooltip.replaceChildren(content);
    tooltip.hidden = false;
    const stage = container.getBoundingClientRect();
    const width = tooltip.offsetWidth, height = tooltip.offsetHeight;
    let x = pointer.x + 16, y = pointer.y + 16;
    if (x + width > stage.width - 8) x = Math.max(8, pointer.x - width - 16);
    if (y + height > stage.height - 8) y = Math.max(8, stage.height - height - 8);
    tooltip.style.left = x + "px";
    tooltip.style.top = y + "px";
  }
  const hideTooltip = () => { tooltip.hidden = true; };
  network.on("hoverNode", (p) => showTooltip(nodeCard(p.node, false), p.pointer.DOM));
  network.on("hoverEdge", (p) => showTooltip(edgeCard(p.edge), p.pointer.DOM));
  network.on("blurNode", hideTooltip);
  network.on("blurEdge", hideTooltip);
  network.on("dragStart", hideTooltip);
  network.on("zoom", hideTooltip);

  const details = $("kg-details");
  function showDetails(id) {
    $("kg-details-body").replaceChildren(nodeCard(id, true));
    details.hidden = false;
    details.scrollTop = 0;
  }
  $("kg-details-close").addEventListener("click", () => clearSelection());

  /* ---------------------------------------------------------------- drawing updates */
  // vis animates a fixed number of frames (it assumes 60 per second): where one frame takes
  // longer than a few ms, the view jumps instead.
  const animation = (ms) => DATA.nodes.length > 2000 ? false : { duration: ms, easingFunction: "easeInOutQuad" };
  // A DataSet update makes vis re-index the graph and redraw the whole canvas synchronously,
  // once per call: ~0.5 s each on a 10,000-node graph. So colours go straight to vis' node and
  // edge objects, and visibility changes are batched; either way the canvas is drawn once.
  function restyle(nodeChanges, edgeChanges) {
    for (const change of nodeChanges) network.body.nodes[change.id].setOptions(change);
    for (const change of edgeChanges) network.body.edges[change.id].setOptions(change);
    network.redraw();
  }
  function updateData(nodeChanges, edgeChanges) {
    network.body.emitter.emit("_blockRedraw");
    try {
      if (nodeChanges.length) nodes.update(nodeChanges);
      if (edgeChanges.length) edges.update(edgeChanges);
    } finally {
      network.body.emitter.emit("_allowRedraw");
    }
    network.redraw();
  }

  /* ---------------------------------------------------------------- neighbour highlight */
  const dimmedNodes = new Set(), dimmedEdges = new Set();
  function setHighlight(id) {
    const keep = new Set(id === null ? DATA.nodes.map((n) => n.id) : network.getConnectedNodes(id));
    if (id !== null) keep.add(id);
    const nodeUpdates = [], edgeUpdates = [];
    for (const n of DATA.nodes) {
      const dim = !keep.has(n.id);
      if (dim === dimmedNodes.has(n.id)) continue;
      if (dim) dimmedNodes.add(n.id); else dimmedNodes.delete(n.id);
      nodeUpdates.push({ id: n.id, color: dim ? DIM_NODE : n.color,
                         font: { color: dim ? "#c3c8d0" : DATA.options.nodes.font.color } });
    }
    // Restyling an edge costs ~20 µs: on big graphs only the nodes dim, and the selection
    // draws the chosen node's own edges dark.
    for (const e of DATA.edges.length <= DIM_EDGES_UP_TO ? DATA.edges : []) {
      const dim = id !== null && e.from !== id && e.to !== id;
      if (dim === dimmedEdges.has(e.id)) continue;
      if (dim) dimmedEdges.add(e.id); else dimmedEdges.delete(e.id);
      edgeUpdates.push({ id: e.id, color: dim ? DIM_EDGE : (e.color || DEFAULT_EDGE) });
    }
    restyle(nodeUpdates, edgeUpdates);
  }
  function select(id, focus) {
    if (!nodeById.has(id)) return false;
    if (hiddenNodes.has(id)) resetFilters();
    if (hiddenNodes.has(id)) { hiddenTypes.delete(nodeById.get(id).kg.kind); applyFilters(); }
    kgPage.selected = id;
    setHighlight(id);
    network.selectNodes([id]);
    showDetails(id);
    if (focus) {  // the node and its neighbours fill the view
      const around = [id].concat(network.getConnectedNodes(id)).filter((n) => !hiddenNodes.has(n));
      network.fit({ nodes: around, maxZoomLevel: 1.2, animation: animation(450) });
    }
    return true;
  }
  function clearSelection() {
    kgPage.selected = null;
    setHighlight(null);
    network.unselectAll();
    details.hidden = true;
  }
  network.on("click", (p) => {
    if (p.nodes.length) select(p.nodes[0], false);
    else if (!p.edges.length) clearSelection();
  });

  /* ---------------------------------------------------------------- search */
  const fold = (s) => String(s).normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ").trim();
  const index = [];
  for (const n of DATA.nodes) {
    for (const text of [n.kg.name].concat(n.kg.v || [])) {
      const folded = fold(text);
      if (folded) index.push({ id: n.id, text: text, folded: folded, words: folded.split(" "), size: n.size });
    }
  }
  function rank(entry, query, words) {
    if (entry.folded === query) return 0;
    if (entry.folded.startsWith(query)) return 1;
    if (words.every((w) => entry.words.some((x) => x.startsWith(w)))) return 2;
    if (entry.folded.includes(query)) return 3;
    return -1;
  }
  function search(text) {
    const query = fold(text);
    if (!query) return [];
    const words = query.split(" ");
    const best = new Map();
    for (const entry of index) {
      const r = rank(entry, query, words);
      if (r < 0) continue;
      const seen = best.get(entry.id);
      if (!seen || r < seen.rank) best.set(entry.id, { id: entry.id, rank: r, text: entry.text, size: entry.size });
    }
    return Array.from(best.values()).sort((a, b) => a.rank - b.rank || b.size - a.size ||
      nodeById.get(a.id).kg.name.localeCompare(nodeById.get(b.id).kg.name)).slice(0, 8);
  }
  const input = $("kg-search"), results = $("kg-results");
  let found = [], active = 0;
  function showResults() {
    results.replaceChildren();
    if (!input.value.trim()) { results.hidden = true; return; }
    if (!found.length) add(results, "li", "none", "No match");
    found.forEach((hit, i) => {
      const node = nodeById.get(hit.id);
      const button = add(add(results, "li"), "button", i === active ? "active" : "");
      button.type = "button";
      button.setAttribute("role", "option");
      if (page.kind === "kg") add(button, "span", "tag", KIND_NAMES[node.kg.kind]);
      button.appendChild(document.createTextNode(node.kg.name));
      if (hit.text !== node.kg.name) add(button, "span", "as", "as " + hit.text);
      button.addEventListener("mousedown", (event) => { event.preventDefault(); choose(i); });
    });
    results.hidden = false;
  }
  function choose(i) {
    const hit = found[i];
    if (!hit) return;
    input.value = nodeById.get(hit.id).kg.name;
    results.hidden = true;
    select(hit.id, true);
  }
  input.addEventListener("input", () => { found = search(input.value); active = 0; showResults(); });
  input.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (found.length) active = (active + (event.key === "ArrowDown" ? 1 : found.length - 1)) % found.length;
      showResults();
    } else if (event.key === "Enter") {
      event.preventDefault();
      if (!found.length) found = search(input.value);
      choose(active);
    } else if (event.key === "Escape") {
      results.hidden = true;
    }
  });
  input.addEventListener("blur", () => { results.hidden = true; });

  /* ---------------------------------------------------------------- filters */
  const groupSelect = $("kg-group"), topicSelect = $("kg-topic");
  const fromInput = $("kg-year-from"), toInput = $("kg-year-to");
  // Some items start hidden (keywords on the whole-graph page): the sets begin with them.
  const hiddenNodes = new Set(DATA.nodes.filter((n) => n.hidden).map((n) => n.id));
  const hiddenEdges = new Set(DATA.edges.filter((e) => e.hidden).map((e) => e.id));
  const hiddenTypes = new Set(page.legend.filter((item) => item.hidden).map((item) => item.type));
  $("kg-group-title").textContent = page.group_noun;
  function option(select, value, text) {
    const o = add(select, "option", "", text);
    o.value = value;
  }
  option(groupSelect, "", "All " + page.groups_title.toLowerCase());
  page.groups.forEach((g, i) => option(groupSelect, String(i), g.label + " (" + g.count + ")"));
  option(topicSelect, "", "All topics");
  for (const [t, label, count] of page.topic_options) option(topicSelect, String(t), label + " (" + count + ")");
  topicSelect.disabled = !page.topic_options.length;
  groupSelect.disabled = !page.groups.length;
  if (page.years) {
    for (const box of [fromInput, toInput]) { box.min = page.years[0]; box.max = page.years[1]; }
    fromInput.value = page.years[0];
    toInput.value = page.years[1];
  } else {
    fromInput.disabled = toInput.disabled = true;
    fromInput.placeholder = toInput.placeholder = "—";
  }
  function filterState() {
    const from = Number(fromInput.value), to = Number(toInput.value);
    const narrowed = page.years !== null && (from > page.years[0] || to < page.years[1]);
    return {
      group: groupSelect.value === "" ? null : Number(groupSelect.value),
      topic: topicSelect.value === "" ? null : Number(topicSelect.value),
      years: narrowed ? [Math.min(from, to), Math.max(from, to)] : null,
    };
  }
  function passes(node, state) {
    const f = node.kg.f;
    if (hiddenTypes.has(node.kg.kind)) return false;
    if (state.group !== null && !f.g.includes(state.group)) return false;
    if (state.topic !== null && !f.t.includes(state.topic)) return false;
    if (state.years && !f.y.some((y) => y >= state.years[0] && y <= state.years[1])) return false;
    return true;
  }
  function applyFilters() {
    const state = filterState();
    const nodeUpdates = [], edgeUpdates = [];
    for (const n of DATA.nodes) {
      const hide = !passes(n, state);
      if (hide === hiddenNodes.has(n.id)) continue;
      if (hide) hiddenNodes.add(n.id); else hiddenNodes.delete(n.id);
      nodeUpdates.push({ id: n.id, hidden: hide });
    }
    for (const e of DATA.edges) {
      const hide = hiddenNodes.has(e.from) || hiddenNodes.has(e.to);
      if (hide === hiddenEdges.has(e.id)) continue;
      if (hide) hiddenEdges.add(e.id); else hiddenEdges.delete(e.id);
      edgeUpdates.push({ id: e.id, hidden: hide });
    }
    if (nodeUpdates.length || edgeUpdates.length) {
      updateData(nodeUpdates, edgeUpdates);
      // vis re-reads a whole edge from the DataSet on update: draw the highlight again.
      for (const e of edgeUpdates) dimmedEdges.delete(e.id);
      if (kgPage.selected !== null && hiddenNodes.has(kgPage.selected)) clearSelection();
      else if (kgPage.selected !== null) setHighlight(kgPage.selected);
    }
    const visible = DATA.nodes.length - hiddenNodes.size;
    $("kg-status").textContent = hiddenNodes.size
      ? "Showing " + visible.toLocaleString("en") + " of " + plural(DATA.nodes.length, page.noun[0], page.noun[1])
      : "Showing all " + plural(DATA.nodes.length, page.noun[0], page.noun[1]);
    legendButtons.forEach((button, i) => {
      if (page.legend_filters === "group") button.setAttribute("aria-pressed", String(state.group === i));
      else button.classList.toggle("off", hiddenTypes.has(page.legend[i].type));
    });
  }
  function resetFilters() {
    groupSelect.value = "";
    topicSelect.value = "";
    if (page.years) { fromInput.value = page.years[0]; toInput.value = page.years[1]; }
    hiddenTypes.clear();
    for (const item of page.legend) if (item.hidden) hiddenTypes.add(item.type);
    applyFilters();
  }
  for (const control of [groupSelect, topicSelect, fromInput, toInput]) {
    control.addEventListener("change", applyFilters);
  }
  $("kg-reset").addEventListener("click", resetFilters);

  /* ---------------------------------------------------------------- legend */
  $("kg-legend-title").textContent = page.legend_title;
  $("kg-encoding").textContent = page.encoding;
  const legendButtons = page.legend.map((item, i) => {
    const button = add(add($("kg-legend"), "li"), "button");
    button.type = "button";
    const swatch = add(button, "span", "swatch " + item.shape);
    swatch.style.background = item.color;
    add(button, "span", "name", item.label);
    add(button, "span", "count", item.count.toLocaleString("en"));
    button.title = page.legend_filters === "group" ? "Show only this group" : "Show or hide this type";
    button.addEventListener("click", () => {
      if (page.legend_filters === "group") {
        groupSelect.value = groupSelect.value === String(i) ? "" : String(i);
      } else if (hiddenTypes.has(item.type)) {
        hiddenTypes.delete(item.type);
      } else {
        hiddenTypes.add(item.type);
      }
      applyFilters();
    });
    return button;
  });

  /* ---------------------------------------------------------------- layout controls */
  const physicsButton = $("kg-physics");
  function showPhysics() {
    physicsButton.textContent = physicsOn ? "Pause layout" : "Run layout";
    physicsButton.setAttribute("aria-pressed", String(physicsOn));
  }
  physicsButton.addEventListener("click", () => {
    physicsOn = !physicsOn;
    network.setOptions({ physics: { enabled: physicsOn } });
    showPhysics();
  });
  $("kg-fit").addEventListener("click", () => network.fit({ animation: animation(400) }));
  showPhysics();
  applyFilters();
})();
