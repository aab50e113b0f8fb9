// The newsevents page: plain DOM and SVG, no framework and nothing loaded from the network
// beyond this server's own /api and /static. Data goes into the page through textContent
// and setAttribute only, never innerHTML, so article text cannot inject markup.
"use strict";

const SVG = "http://www.w3.org/2000/svg";
const form = document.getElementById("filters");
let nextCursor = null;
let selectedEvent = null;

function el(tag, attrs = {}, text = null, ns = null) {
  const node = ns ? document.createElementNS(ns, tag) : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== null && text !== undefined) node.textContent = text;
  return node;
}

function filterParams() {
  const params = new URLSearchParams();
  for (const [k, v] of new FormData(form)) if (String(v).trim()) params.set(k, String(v).trim());
  return params;
}

async function api(path, params = new URLSearchParams()) {
  const response = await fetch(`${path}?${params}`);
  const body = await response.json();
  if (!response.ok) throw new Error(body.error || response.statusText);
  return body;
}

function showError(err) {
  document.getElementById("event-count").textContent = `error: ${err.message}`;
}

function setFilter(name, value) {
  form.elements[name].value = value;
  refresh();
}

function statusBadge(status) {
  return el("span", { class: `status status-${status}` }, status);
}

function actorLabel(actor) {
  if (!actor) return "";
  return actor.code || `(${actor.text})`;
}

// -- events table ------------------------------------------------------------------------

async function loadEvents(append) {
  const params = filterParams();
  params.set("limit", "50");
  if (append && nextCursor) params.set("cursor", nextCursor);
  const page = await api("/api/events", params);
  const tbody = document.querySelector("#events tbody");
  if (!append) tbody.replaceChildren();
  for (const e of page.items) {
    const row = el("tr", { "data-id": e.id });
    row.append(
      el("td", {}, e.day || ""),
      el("td", { title: e.source ? e.source.text || "" : "" }, actorLabel(e.source)),
      el("td", { title: e.cameo.name }, `${e.cameo.code} ${e.cameo.name}`),
      el("td", { title: e.target ? e.target.text || "" : "" }, actorLabel(e.target)),
    );
    const status = el("td");
    status.append(statusBadge(e.status));
    if (e.reported_by) status.append(el("small", {}, ` per ${e.reported_by.text || e.reported_by.code}`));
    row.append(status, el("td", {}, e.location ? e.location.name || e.location.country || "" : ""),
               el("td", { class: "sentence" }, e.sentence || ""));
    row.addEventListener("click", () => openEvent(e.id, row));
    tbody.append(row);
  }
  nextCursor = page.next_cursor;
  document.getElementById("more").hidden = !nextCursor;
  document.getElementById("event-count").textContent = `(${tbody.children.length}${nextCursor ? "+" : ""})`;
}

// -- one event and its evidence ---------------------------------------------------------

async function openEvent(id, row) {
  document.querySelectorAll("#events tr.selected").forEach((r) => r.classList.remove("selected"));
  if (row) row.classList.add("selected");
  const event = await api(`/api/events/${encodeURIComponent(id)}`);
  selectedEvent = event;
  const panel = document.getElementById("detail-panel");
  panel.hidden = false;
  document.getElementById("detail-title").textContent =
    `${actorLabel(event.source) || "?"} → ${event.cameo.code} ${event.cameo.name} → ${actorLabel(event.target) || "?"}` +
    ` · ${event.num_mentions} mention(s) in ${event.num_articles} article(s)`;
  const list = document.getElementById("mentions");
  list.replaceChildren();
  for (const m of event.mentions) {
    const item = el("li");
    const open = el("button", { class: "open-article", "data-article": m.article_id, "data-mention": m.id }, "read article");
    open.addEventListener("click", () => openArticle(m.article_id, m.id));
    item.append(statusBadge(m.status), " ",
      el("b", {}, m.outlet || ""), ` ${m.published || ""} `, el("q", {}, m.sentence.text), " ");
    if (m.reported_by) item.append(el("small", {}, `says ${m.reported_by.text || m.reported_by.code} `));
    item.append(open);
    list.append(item);
  }
  if (event.mentions.length) await openArticle(event.mentions[0].article_id, event.mentions[0].id);
}

function marksFor(article, mentionId) {
  const marks = [];
  const add = (span, cls) => { if (span && span.end > span.start) marks.push([span.start, span.end, cls]); };
  for (const a of article.actors) add(a, a.is_place ? "place" : "actor");
  for (const p of article.places) add(p.span, "place");
  for (const q of article.quotes) add(q.content, "quote");
  for (const e of article.event_spans) {
    if (e.id === mentionId) {
      add(e.sentence, "selected-sentence");
      add(e.trigger, "trigger");
      add(e.source, "source");
      add(e.target, "target");
      add(e.date_span, "date");
      add(e.reported_by, "says");
    } else {
      add(e.trigger, "other-trigger");
    }
  }
  return marks;
}

// Overlapping spans (a trigger inside a quote inside a sentence) are cut at every boundary,
// and each piece carries the classes of all spans that cover it.
function highlighted(text, marks) {
  const cuts = new Set([0, text.length]);
  for (const [s, e] of marks) { cuts.add(s); cuts.add(e); }
  const points = [...cuts].filter((p) => p >= 0 && p <= text.length).sort((a, b) => a - b);
  const fragment = document.createDocumentFragment();
  for (let i = 0; i + 1 < points.length; i++) {
    const [s, e] = [points[i], points[i + 1]];
    const classes = marks.filter(([ms, me]) => ms <= s && me >= e).map((m) => m[2]);
    if (classes.length) fragment.append(el("span", { class: [...new Set(classes)].join(" "), "data-start": s, "data-end": e }, text.slice(s, e)));
    else fragment.append(document.createTextNode(text.slice(s, e)));
  }
  return fragment;
}

async function openArticle(articleId, mentionId) {
  const panel = document.getElementById("reader-panel");
  // Unset while the article loads: the panel names a mention only once it shows that mention,
  // so reopening the mention already shown is not mistaken for finished.
  delete panel.dataset.mention;
  const article = await api(`/api/articles/${encodeURIComponent(articleId)}`);
  panel.hidden = false;
  panel.dataset.article = article.id;
  panel.dataset.mention = mentionId || "";
  document.getElementById("reader-title").textContent = article.title || article.id;
  const event = article.event_spans.find((e) => e.id === mentionId);
  const meta = document.getElementById("reader-meta");
  meta.replaceChildren(`${article.outlet || ""} · ${article.published || ""} · `);
  if (article.url) meta.append(el("a", { href: article.url, rel: "noreferrer" }, article.url), " · ");
  if (event) meta.append(statusBadge(event.status), ` ${event.cameo.code} ${event.cameo.name}`);
  const body = document.getElementById("reader-text");
  body.replaceChildren(highlighted(article.text, marksFor(article, mentionId)));
  panel.scrollIntoView({ behavior: "instant", block: "start" });
}

// -- timeline -------------------------------------------------------------------------------

async function loadTimeline() {
  const params = filterParams();
  params.set("interval", document.getElementById("interval").value);
  params.set("by", "quad");
  const data = await api("/api/timeline", params);
  const svg = document.getElementById("timeline");
  svg.replaceChildren();
  const periods = [...new Set(data.buckets.map((b) => b.period))].sort();
  const totals = Object.fromEntries(periods.map((p) => [p, 0]));
  for (const b of data.buckets) totals[b.period] += b.count;
  const max = Math.max(1, ...Object.values(totals));
  const width = 600 / Math.max(1, periods.length);
  const base = Object.fromEntries(periods.map((p) => [p, 0]));
  for (const b of [...data.buckets].sort((x, y) => x.key.localeCompare(y.key))) {
    const i = periods.indexOf(b.period);
    const h = (b.count / max) * 140;
    base[b.period] += h;
    const rect = el("rect", { x: i * width + 0.5, y: 145 - base[b.period], width: Math.max(0.5, width - 1), height: h,
                              class: `q${b.key}`, "data-period": b.period }, null, SVG);
    rect.append(el("title", {}, `${b.period} quad ${b.key}: ${b.count}`, SVG));
    rect.addEventListener("click", () => zoomTo(b.period, data.interval));
    svg.append(rect);
  }
  if (periods.length) {
    svg.append(el("text", { x: 2, y: 158, "font-size": 10 }, periods[0], SVG));
    svg.append(el("text", { x: 598, y: 158, "font-size": 10, "text-anchor": "end" }, periods[periods.length - 1], SVG));
  }
}

function zoomTo(period, interval) {
  const start = new Date(`${period}T00:00:00Z`);
  const end = new Date(start);
  if (interval === "month") end.setUTCMonth(end.getUTCMonth() + 1);
  else end.setUTCDate(end.getUTCDate() + (interval === "week" ? 7 : 1));
  end.setUTCDate(end.getUTCDate() - 1);
  form.elements.since.value = period;
  form.elements.until.value = end.toISOString().slice(0, 10);
  refresh();
}

// -- map ----------------------------------------------------------------------------------------

let worldDrawn = false;

async function drawWorld() {
  if (worldDrawn) return;
  const world = await (await fetch("/static/world-110m.json")).json();
  const svg = document.getElementById("map");
  const land = el("g", { class: "land" }, null, SVG);
  for (const c of world.countries) {
    const path = el("path", { d: c.d }, null, SVG);
    path.append(el("title", {}, c.name, SVG));
    land.append(path);
  }
  svg.append(land, el("g", { class: "dots" }, null, SVG));
  worldDrawn = true;
}

async function loadMap() {
  await drawWorld();
  const places = await api("/api/places", filterParams());
  const dots = document.querySelector("#map g.dots");
  dots.replaceChildren();
  for (const p of places) {
    if (p.lat === null || p.lon === null) continue;
    const dot = el("circle", { cx: p.lon + 180, cy: 90 - p.lat, r: Math.min(8, 0.8 + Math.sqrt(p.count) * 0.6) }, null, SVG);
    dot.append(el("title", {}, `${p.name || p.country}: ${p.count}`, SVG));
    dot.addEventListener("click", () => (p.name ? setFilter("place", p.name) : setFilter("country", p.country)));
    dots.append(dot);
  }
}

// -- actor network ------------------------------------------------------------------------------

async function loadNetwork() {
  const params = filterParams();
  params.set("limit", "40");
  const dyads = await api("/api/dyads", params);
  const svg = document.getElementById("network");
  svg.replaceChildren();
  const codes = [...new Set(dyads.flatMap((d) => [d.source, d.target]))].sort();
  const at = {};
  codes.forEach((code, i) => {
    const angle = (2 * Math.PI * i) / Math.max(1, codes.length);
    at[code] = [200 + 150 * Math.cos(angle), 200 + 150 * Math.sin(angle)];
  });
  const max = Math.max(1, ...dyads.map((d) => d.count));
  for (const d of dyads) {
    const [x1, y1] = at[d.source];
    const [x2, y2] = at[d.target];
    // Cooperation green, conflict red, by the mean Goldstein score of the dyad.
    const colour = d.goldstein_mean >= 0 ? "#1a9641" : "#d7191c";
    const line = el("line", { x1, y1, x2, y2, stroke: colour, "stroke-width": 0.5 + (4 * d.count) / max }, null, SVG);
    line.append(el("title", {}, `${d.source} → ${d.target}: ${d.count} events, mean Goldstein ${d.goldstein_mean}`, SVG));
    svg.append(line);
  }
  for (const code of codes) {
    const [x, y] = at[code];
    const node = el("g", { class: "node", "data-code": code }, null, SVG);
    node.append(el("circle", { cx: x, cy: y, r: 4 }, null, SVG),
                el("text", { x: x + 6, y: y + 3 }, code, SVG));
    node.addEventListener("click", () => setFilter("actor", code));
    svg.append(node);
  }
}

// -- wiring -------------------------------------------------------------------------------------

// The export takes the filters of `newsevents export`; the others narrow only the page.
const EXPORT_FILTERS = ["source", "target", "code", "status", "since", "until", "outlet"];

function updateExportLink() {
  const params = new URLSearchParams({ format: document.getElementById("export-format").value });
  for (const [k, v] of filterParams()) if (EXPORT_FILTERS.includes(k)) params.set(k, v);
  document.getElementById("export").setAttribute("href", `/api/export?${params}`);
}

async function refresh() {
  document.body.dataset.loaded = "false";  // tests wait for "true": every panel redrawn
  document.getElementById("detail-panel").hidden = true;
  document.getElementById("reader-panel").hidden = true;
  updateExportLink();
  try {
    await Promise.all([loadEvents(false), loadTimeline(), loadMap(), loadNetwork()]);
    document.body.dataset.loaded = "true";
  } catch (err) {
    showError(err);
  }
}

async function init() {
  const schema = await (await fetch("/openapi.json")).json();
  const status = schema.paths["/api/events"].get.parameters.find((p) => p.name === "status");
  const choices = (status.schema.anyOf || [status.schema]).flatMap((s) => s.enum || []);
  for (const s of choices) form.elements.status.append(el("option", { value: s }, s));
  form.addEventListener("submit", (ev) => { ev.preventDefault(); refresh(); });
  form.addEventListener("reset", () => setTimeout(refresh, 0));
  document.getElementById("more").addEventListener("click", () => loadEvents(true).catch(showError));
  document.getElementById("interval").addEventListener("change", () => loadTimeline().catch(showError));
  document.getElementById("export-format").addEventListener("change", updateExportLink);
  await refresh();
}

init();
