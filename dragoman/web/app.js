/* Dragoman event explorer: plain DOM and inline SVG, no libraries, no build step.
 *
 * Every string from the API is put on the page with textContent or as an SVG
 * attribute value, never parsed as HTML; links are only made from http(s) URLs.
 * The view state (dyad, period, filters) lives in the URL hash, so a view can
 * be bookmarked or sent to a colleague.
 */
"use strict";

(() => {
  const SVGNS = "http://www.w3.org/2000/svg";
  const QUAD = { 1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict" };
  const PAGE = 15;
  const $ = (id) => document.getElementById(id);

  const state = {
    a: "", b: "", freq: "month", since: "", until: "", weighting: "none", directed: false,
    period: "", tp: -1, series: [], turning: [], tlOffset: 0, tlTotal: 0, stats: null,
  };

  // ---------------------------------------------------------------- helpers
  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(props || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k === "text") node.textContent = v;
      else if (k === "class") node.className = v;
      else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v === true ? "" : String(v));
    }
    for (const c of children.flat()) {
      if (c === null || c === undefined || c === false) continue;
      node.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return node;
  }

  function svg(tag, attrs, ...children) {
    const node = document.createElementNS(SVGNS, tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null) continue;
      if (k === "text") node.textContent = v;
      else node.setAttribute(k, String(v));
    }
    for (const c of children.flat()) if (c) node.append(c);
    return node;
  }

  function tip(text) {
    return svg("title", { text });
  }

  function apiUrl(path, params) {
    const url = new URL("api/" + path, document.baseURI);
    for (const [k, v] of Object.entries(params || {})) {
      if (v === undefined || v === null || v === "" || v === false) continue;
      url.searchParams.set(k, String(v));
    }
    return url;
  }

  async function api(path, params) {
    const res = await fetch(apiUrl(path, params), { headers: { Accept: "application/json" } });
    if (!res.ok) {
      let detail = res.statusText;
      try {
        const body = await res.json();
        if (typeof body.detail === "string") detail = body.detail;
        else if (Array.isArray(body.detail)) detail = body.detail.map((d) => d.msg).join("; ");
      } catch (_) { /* not JSON */ }
      const err = new Error(detail);
      err.status = res.status;
      throw err;
    }
    return res.json();
  }

  function safeHref(url) {
    if (!url) return null;
    try {
      const u = new URL(url, document.baseURI);
      return u.protocol === "http:" || u.protocol === "https:" ? u.href : null;
    } catch (_) {
      return null;
    }
  }

  function fmtNum(v, digits = 2) {
    if (v === null || v === undefined || Number.isNaN(v)) return "–";
    const s = Number(v).toFixed(digits);
    return v > 0 ? "+" + s : s.replace("-", "−");
  }

  function dyadParam() {
    return state.a && state.b ? `${state.a}:${state.b}` : "";
  }

  function debounce(fn, ms) {
    let t;
    return (...args) => { clearTimeout(t); t = setTimeout(() => fn(...args), ms); };
  }

  // ---------------------------------------------------------------- URL state
  function readHash() {
    const p = new URLSearchParams(location.hash.slice(1));
    const code = (v) => (v && /^[A-Za-z0-9]{2,24}$/.test(v) ? v.toUpperCase() : "");
    const day = (v) => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : "");
    state.a = code(p.get("a"));
    state.b = code(p.get("b"));
    state.freq = ["week", "month", "year"].includes(p.get("freq")) ? p.get("freq") : "month";
    state.weighting = ["none", "mentions", "reliability", "both"].includes(p.get("w")) ? p.get("w") : "none";
    state.since = day(p.get("since"));
    state.until = day(p.get("until"));
    state.directed = p.get("directed") === "1";
    state.period = /^[0-9W-]{4,10}$/.test(p.get("period") || "") ? p.get("period") : "";
  }

  function writeHash() {
    const p = new URLSearchParams();
    if (state.a) p.set("a", state.a);
    if (state.b) p.set("b", state.b);
    if (state.freq !== "month") p.set("freq", state.freq);
    if (state.weighting !== "none") p.set("w", state.weighting);
    if (state.since) p.set("since", state.since);
    if (state.until) p.set("until", state.until);
    if (state.directed) p.set("directed", "1");
    if (state.period) p.set("period", state.period);
    const h = p.toString();
    history.replaceState(null, "", h ? "#" + h : location.pathname + location.search);
  }

  function syncForm() {
    $("actor-a").value = state.a;
    $("actor-b").value = state.b;
    $("freq").value = state.freq;
    $("weighting").value = state.weighting;
    $("since").value = state.since;
    $("until").value = state.until;
    $("directed").checked = state.directed;
  }

  // ---------------------------------------------------------------- actor suggestions
  function actorField(input, list, onPick) {
    let items = [];
    let active = -1;
    let seq = 0;

    function close() {
      list.hidden = true;
      list.replaceChildren();
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(i) {
      active = i;
      [...list.children].forEach((li, j) => li.setAttribute("aria-selected", String(j === i)));
      if (i >= 0) input.setAttribute("aria-activedescendant", list.children[i].id);
    }

    function pick(i) {
      const item = items[i];
      close();
      if (item) onPick(item);
    }

    function render() {
      list.replaceChildren(...items.map((it, i) => {
        const li = el("li", { id: `${list.id}-${i}`, role: "option", "aria-selected": "false", "data-code": it.code },
          el("strong", { class: "code", text: it.code }),
          el("span", { class: "name", text: it.name || "" }),
          el("span", { class: "meta", text: it.mentions ? `${it.mentions} mentions` : it.kind }));
        li.addEventListener("mousedown", (e) => { e.preventDefault(); pick(i); });
        return li;
      }));
      list.hidden = items.length === 0;
      input.setAttribute("aria-expanded", String(!list.hidden));
      active = -1;
    }

    const load = debounce(async () => {
      const q = input.value.trim().slice(0, 60);
      if (!q) return close();
      const mine = ++seq;
      try {
        items = await api("actors", { q, limit: 10 });
      } catch (_) {
        items = [];
      }
      if (mine === seq && document.activeElement === input) render();
    }, 150);

    input.addEventListener("input", load);
    input.addEventListener("focus", () => { if (input.value.trim()) load(); });
    input.addEventListener("blur", () => setTimeout(close, 120));
    input.addEventListener("keydown", (e) => {
      if (list.hidden) return;
      if (e.key === "ArrowDown") { e.preventDefault(); highlight(Math.min(items.length - 1, active + 1)); }
      else if (e.key === "ArrowUp") { e.preventDefault(); highlight(Math.max(0, active - 1)); }
      else if (e.key === "Enter" && active >= 0) { e.preventDefault(); pick(active); }
      else if (e.key === "Escape") close();
    });
  }

  function setActor(which, item) {
    const code = item.code.toUpperCase();
    $(`actor-${which}`).value = code;
    $(`actor-${which}-name`).textContent = item.name && item.name !== code ? item.name : "";
  }

  async function showActorCard(item) {
    $("actor-card").hidden = false;
    $("actor-card-title").textContent = `${item.code} · ${item.name || ""}`;
    const list = $("actor-card-lookup");
    list.replaceChildren(el("li", { class: "hint", text: "Looking up…" }));
    $("actor-card-a").onclick = () => { setActor("a", item); $("actor-b").focus(); };
    $("actor-card-b").onclick = () => { setActor("b", item); $("dyad-form").requestSubmit(); };
    const lines = [];
    if (item.mentions) lines.push(`${item.mentions} event mentions in this store`);
    try {
      const res = await api("actors/lookup", { name: item.name || item.code, on: state.until || undefined });
      lines.push(...res.results);
    } catch (_) { /* lookup is a nicety */ }
    if (!lines.length) lines.push(`${item.kind}${item.country ? ", " + item.country : ""}`);
    list.replaceChildren(...lines.map((t) => el("li", { text: t })));
  }

  // ---------------------------------------------------------------- header
  async function loadStats() {
    try {
      const s = await api("stats");
      state.stats = s;
      const span = s.first_date ? ` · ${s.first_date} – ${s.last_date}` : "";
      $("stats").textContent = `${s.documents} documents · ${s.events} events · ${s.mentions} mentions${span}` +
        (s.read_only ? " · read-only" : "");
      if (!$("net-date").value && s.last_date) $("net-date").value = s.last_date;
    } catch (err) {
      $("stats").textContent = `Store unavailable: ${err.message}`;
    }
  }

  async function loadTopDyads() {
    const box = $("top-dyads");
    try {
      const pairs = await api("dyads/top", { limit: 6 });
      if (!pairs.length) return;
      box.replaceChildren(el("span", { class: "quick-label", text: "Busiest pairs:" }), ...pairs.map((p) =>
        el("button", {
          type: "button", class: "chip", "data-dyad": `${p.a}:${p.b}`,
          title: `${p.a_name || p.a} and ${p.b_name || p.b}: ${p.mentions} mentions`,
          onclick: () => {
            setActor("a", { code: p.a, name: p.a_name });
            setActor("b", { code: p.b, name: p.b_name });
            $("dyad-form").requestSubmit();
          },
        }, `${p.a_name || p.a} – ${p.b_name || p.b}`, el("span", { class: "count", text: String(p.mentions) }))));
    } catch (_) { /* optional */ }
  }

  // ---------------------------------------------------------------- dyad view
  async function loadDyad() {
    const note = $("chart-note");
    if (!state.a || !state.b) return;
    note.textContent = "Loading…";
    const params = { a: state.a, b: state.b, freq: state.freq, directed: state.directed, since: state.since,
                     until: state.until, weighting: state.weighting };
    $("dyad-title").textContent = `Dyad: ${state.a} ${state.directed ? "→" : "–"} ${state.b}`;
    let series;
    try {
      series = await api("dyads/series", params);
    } catch (err) {
      note.textContent = `Could not load the series: ${err.message}`;
      return;
    }
    state.series = series.points;
    state.tp = -1;
    let tpNote = "";
    try {
      const tp = await api("dyads/turning-points", params);
      state.turning = tp.points;
    } catch (err) {
      state.turning = [];
      tpNote = err.status === 501 ? " Turning points are not available on this server." : ` Turning points: ${err.message}.`;
    }
    drawChart();
    renderTurningList();
    const n = state.series.reduce((s, p) => s + p.events, 0);
    note.textContent = n
      ? `${n} events in ${state.series.filter((p) => p.events).length} ${state.freq}s with activity. ` +
        `Click a period or a point to read its events.${tpNote}`
      : `No asserted or reported events between ${state.a} and ${state.b} in this range.${tpNote}`;
    if (state.period && state.series.some((p) => p.period === state.period)) showPeriod(state.period);
    else clearEvidence();
  }

  function netValue(p) {
    return state.weighting === "none" ? p.net_cooperation : p.w_net_cooperation;
  }

  function drawChart() {
    const box = $("chart");
    const pts = state.series;
    box.replaceChildren();
    if (!pts.length) return;
    const W = Math.max(560, box.clientWidth || 900);
    const H = 340;
    const m = { top: 30, right: 52, bottom: 46, left: 48 };
    const pw = W - m.left - m.right;
    const ph = H - m.top - m.bottom;
    const mid = m.top + ph / 2;
    const band = pw / pts.length;
    const weighted = state.weighting !== "none";
    const coopOf = (p) => (weighted ? p.w_cooperation : p.cooperation);
    const conflOf = (p) => (weighted ? p.w_conflict : p.conflict);
    const maxC = Math.max(1, ...pts.map(coopOf), ...pts.map(conflOf));
    const half = (ph / 2) * 0.9; // headroom so ±1 points and labels do not touch the frame
    const yCount = (v) => mid - (v / maxC) * half;
    const yNet = (v) => mid - v * half;
    const xMid = (i) => m.left + band * (i + 0.5);
    const barW = Math.max(1.5, Math.min(28, band * 0.62));

    const root = svg("svg", { viewBox: `0 0 ${W} ${H}`, width: W, height: H, class: "dyad-chart",
                              role: "img", "aria-label": `Cooperation and conflict between ${state.a} and ${state.b}` });
    const grid = svg("g", { class: "grid" });
    for (const f of [-1, -0.5, 0, 0.5, 1]) {
      const y = mid - f * half;
      grid.append(svg("line", { x1: m.left, x2: m.left + pw, y1: y, y2: y, class: f === 0 ? "zero" : "" }));
      const count = Math.abs(f) * maxC;
      grid.append(svg("text", { x: m.left - 8, y: y + 4, "text-anchor": "end", class: "axis-label",
                                text: weighted ? count.toFixed(1) : Number.isInteger(count) ? String(count) : "" }));
      grid.append(svg("text", { x: m.left + pw + 8, y: y + 4, class: "axis-label net-label", text: fmtNum(f, 1) }));
    }
    grid.append(svg("text", { x: 4, y: m.top - 12, class: "axis-title coop-title", text: "▲ cooperative" }));
    grid.append(svg("text", { x: 4, y: m.top + ph + 34, class: "axis-title confl-title", text: "▼ conflictual" }));
    grid.append(svg("text", { x: m.left + pw + 8, y: m.top - 12, class: "axis-title", text: "net" }));
    root.append(grid);

    // selected period background
    const sel = pts.findIndex((p) => p.period === state.period);
    if (sel >= 0) {
      root.append(svg("rect", { x: m.left + band * sel, y: m.top, width: band, height: ph, class: "selected-band" }));
    }

    const bars = svg("g", { class: "bars" });
    pts.forEach((p, i) => {
      const c = coopOf(p);
      const k = conflOf(p);
      if (c > 0) bars.append(svg("rect", { x: xMid(i) - barW / 2, y: yCount(c), width: barW, height: mid - yCount(c),
                                           class: "bar coop" }));
      if (k > 0) bars.append(svg("rect", { x: xMid(i) - barW / 2, y: mid, width: barW, height: yCount(-k) - mid,
                                           class: "bar confl" }));
    });
    root.append(bars);

    // x axis labels, thinned to fit
    const every = Math.max(1, Math.ceil(pts.length / Math.max(1, Math.floor(pw / 64))));
    const xaxis = svg("g", { class: "x-axis" });
    pts.forEach((p, i) => {
      if (i % every) return;
      xaxis.append(svg("line", { x1: xMid(i), x2: xMid(i), y1: m.top + ph, y2: m.top + ph + 4 }));
      xaxis.append(svg("text", { x: xMid(i), y: m.top + ph + 18, "text-anchor": "middle", class: "axis-label",
                                 text: p.period }));
    });
    root.append(xaxis);

    // invisible columns: click or Enter on a period to read its events
    const hits = svg("g", { class: "hits" });
    pts.forEach((p, i) => {
      const net = netValue(p);
      const label = `${p.period}: ${p.events} events, ${p.cooperation} cooperative, ${p.conflict} conflictual` +
        (net === null || net === undefined ? "" : `, net cooperation ${fmtNum(net)}`);
      const r = svg("rect", { x: m.left + band * i, y: m.top, width: band, height: ph, class: "period-hit",
                              "data-period": p.period, tabindex: p.events ? 0 : -1, role: "button",
                              "aria-label": label }, tip(label));
      hits.append(r);
    });
    root.append(hits);

    // net cooperation line with points: solid between neighbouring periods, dashed across empty ones
    const line = svg("g", { class: "net" });
    let solid = "";
    let gaps = "";
    let prev = null;
    pts.forEach((p, i) => {
      const v = netValue(p);
      if (v === null || v === undefined || !p.events) return;
      const xy = `${xMid(i).toFixed(1)},${yNet(v).toFixed(1)}`;
      if (prev && prev.i === i - 1) solid += `M${prev.xy}L${xy}`;
      else if (prev) gaps += `M${prev.xy}L${xy}`;
      prev = { i, xy };
    });
    if (gaps) line.append(svg("path", { d: gaps, class: "net-gap" }));
    if (solid) line.append(svg("path", { d: solid, class: "net-line" }));
    pts.forEach((p, i) => {
      const v = netValue(p);
      if (v === null || v === undefined || !p.events) return;
      const label = `${p.period}: net cooperation ${fmtNum(v)} (${p.events} events)`;
      line.append(svg("circle", { cx: xMid(i), cy: yNet(v), r: p.period === state.period ? 6.5 : 4.5,
                                  class: "point" + (p.period === state.period ? " selected" : ""),
                                  "data-period": p.period, tabindex: 0, role: "button", "aria-label": label },
                      tip(label)));
    });
    root.append(line);

    // turning points: a marked vertical line where the new regime starts
    const tps = svg("g", { class: "turning" });
    state.turning.forEach((tp, j) => {
      const i = pts.findIndex((p) => p.period === tp.period);
      if (i < 0) return;
      const x = m.left + band * i;
      const up = (tp.delta || 0) >= 0;
      const label = `Turning point ${tp.period}: ${tp.direction || ""}` +
        (tp.before_mean !== undefined ? ` (${fmtNum(tp.before_mean)} → ${fmtNum(tp.after_mean)})` : "");
      const g = svg("g", { class: "tp " + (up ? "up" : "down") + (j === state.tp ? " selected" : ""), "data-period": tp.period, "data-index": j,
                           tabindex: 0, role: "button", "aria-label": label }, tip(label));
      g.append(svg("line", { x1: x, x2: x, y1: m.top - 6, y2: m.top + ph, class: "tp-line" }));
      g.append(svg("rect", { x: x - 8, y: m.top - 6, width: 16, height: ph + 6, class: "tp-hit" }));
      g.append(svg("text", { x, y: m.top - 10, "text-anchor": "middle", class: "tp-label",
                             text: `${up ? "▲" : "▼"} ${tp.period}` }));
      tps.append(g);
    });
    root.append(tps);

    root.addEventListener("click", onChartActivate);
    root.addEventListener("keydown", (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); onChartActivate(e); } });
    box.append(root);
  }

  function onChartActivate(e) {
    const tp = e.target.closest(".tp");
    if (tp) return showTurningPoint(Number(tp.dataset.index));
    const hit = e.target.closest("[data-period]");
    if (hit) showPeriod(hit.dataset.period);
  }

  function renderTurningList() {
    const list = $("turning-list");
    if (!state.turning.length) {
      list.replaceChildren(el("li", { class: "hint", text: state.series.length
        ? "No significant change in this range." : "—" }));
      return;
    }
    list.replaceChildren(...state.turning.map((tp, j) => el("li", {},
      el("button", { type: "button", class: "tp-item " + ((tp.delta || 0) >= 0 ? "up" : "down"),
                     onclick: () => showTurningPoint(j) },
        el("strong", { text: tp.period }), " ",
        el("span", { text: tp.direction || "" }),
        el("span", { class: "meta", text: tp.before_mean !== undefined && tp.before_mean !== null
          ? `mean ${fmtNum(tp.before_mean)} → ${fmtNum(tp.after_mean)}` + (tp.p_value !== null && tp.p_value !== undefined ? ` · p ${tp.p_value}` : "")
          : "" })))));
  }

  function clearEvidence() {
    $("evidence-title").textContent = "Evidence";
    $("evidence-hint").hidden = false;
    $("evidence-list").replaceChildren();
  }

  async function showPeriod(period) {
    state.period = period;
    state.tp = -1;
    writeHash();
    drawChart();
    const p = state.series.find((x) => x.period === period);
    $("evidence-title").textContent = `Events in ${period}` +
      (p ? ` · ${p.cooperation} cooperative, ${p.conflict} conflictual` : "");
    $("evidence-hint").hidden = true;
    const list = $("evidence-list");
    list.replaceChildren(el("li", { class: "hint", text: "Loading…" }));
    try {
      const res = await api("events", { dyad: dyadParam(), directed: state.directed, period, limit: 200 });
      list.replaceChildren(...(res.items.length ? res.items.map(renderMention)
        : [el("li", { class: "hint", text: "No events in this period." })]));
      if (res.total > res.items.length) list.append(el("li", { class: "hint", text: `… and ${res.total - res.items.length} more: use the timeline below.` }));
    } catch (err) {
      list.replaceChildren(el("li", { class: "error", text: `Could not load events: ${err.message}` }));
    }
  }

  async function showTurningPoint(j) {
    const tp = state.turning[j];
    if (!tp) return;
    state.period = "";
    state.tp = j;
    writeHash();
    drawChart();
    $("evidence-title").textContent = `Turning point ${tp.period}: ${tp.direction || "change"}`;
    $("evidence-hint").hidden = true;
    const list = $("evidence-list");
    const head = el("li", { class: "tp-summary" },
      `Mean ${fmtNum(tp.before_mean)} over ${(tp.before || []).join(" … ")}, then ${fmtNum(tp.after_mean)} over ${(tp.after || []).join(" … ")}.`,
      (tp.drivers || []).length ? " The events that moved it most:" : " No single events stand out.");
    list.replaceChildren(head);
    for (const drv of tp.drivers || []) {
      try {
        const ev = await api(`events/${encodeURIComponent(drv.event_id)}`);
        ev.mentions.forEach((mn) => list.append(renderMention(mn)));
      } catch (_) {
        list.append(el("li", { class: "evidence" }, el("blockquote", { class: "sentence", text: drv.sentence || drv.event_id })));
      }
    }
  }

  function sentenceWithTrigger(m) {
    const s = m.sentence || "";
    const trig = m.trigger || "";
    let at = -1;
    if (trig && m.trigger_start !== null && m.sent_start !== null) {
      const off = m.trigger_start - m.sent_start;
      if (s.substr(off, trig.length) === trig) at = off;
    }
    if (at < 0 && trig) at = s.indexOf(trig);
    const q = el("blockquote", { class: "sentence" });
    if (at < 0) q.textContent = s;
    else q.append(s.slice(0, at), el("mark", { class: "trigger", text: s.slice(at, at + trig.length) }), s.slice(at + trig.length));
    return q;
  }

  function actorLabel(code, name) {
    return el("span", { class: "actor", title: code || "" }, name || code || "?");
  }

  function renderMention(m) {
    const href = safeHref(m.doc_url);
    const quad = QUAD[m.quad_class] || "";
    return el("li", { class: `evidence q${m.quad_class || 0}`, "data-event": m.event_id || "" },
      el("div", { class: "ev-head" },
        el("time", { datetime: m.date || "", text: m.date || "undated" }),
        el("span", { class: "who" }, actorLabel(m.source_actor, m.source_actor_name), " → ",
           actorLabel(m.target_actor, m.target_actor_name)),
        el("span", { class: `code q${m.quad_class || 0}`, title: quad,
                     text: `${m.cameo_code || ""} ${m.plover_type || ""}`.trim() }),
        m.modality && m.modality !== "asserted" ? el("span", { class: "modality", text: m.modality }) : null),
      sentenceWithTrigger(m),
      el("div", { class: "ev-source" },
        el("span", { class: "outlet", text: m.source_name || "unknown source" }),
        m.published ? el("span", { class: "published", text: `published ${m.published}` }) : null,
        m.attributed_to ? el("span", { class: "attrib", text: `according to ${m.attributed_to}` }) : null,
        href ? el("a", { class: "doc-link", href, target: "_blank", rel: "noopener noreferrer",
                         text: m.doc_title ? `“${m.doc_title}” ↗` : "Read the article ↗" })
             : el("a", { class: "doc-link", href: apiUrl(`documents/${encodeURIComponent(m.doc_id)}`).href,
                         target: "_blank", rel: "noopener", text: "stored text" })));
  }

  // ---------------------------------------------------------------- timeline
  function timelineParams() {
    const p = {
      since: state.since, until: state.until,
      text: $("tl-text").value.trim().slice(0, 200),
      code: /^[0-9]{2,4}$/.test($("tl-code").value.trim()) ? $("tl-code").value.trim() : "",
      modality: $("tl-modality").value,
    };
    if (state.a && state.b) { p.dyad = dyadParam(); p.directed = state.directed; }
    else if (state.a) p.actor = state.a;
    return p;
  }

  async function loadTimeline(reset) {
    if (reset) state.tlOffset = 0;
    const params = timelineParams();
    const scope = params.dyad ? `between ${state.a} and ${state.b}` : params.actor ? `involving ${state.a}` : "in the store";
    $("timeline-scope").textContent = `Event mentions ${scope}, oldest first.`;
    for (const fmt of ["csv", "jsonl"]) $(`dl-${fmt}`).href = apiUrl("export", { ...params, format: fmt }).href;
    const body = $("timeline-table").tBodies[0];
    try {
      const res = await api("events", { ...params, limit: PAGE, offset: state.tlOffset });
      state.tlTotal = res.total;
      body.replaceChildren(...res.items.map((m) => {
        const href = safeHref(m.doc_url);
        return el("tr", { class: `q${m.quad_class || 0}` },
          el("td", { class: "date", text: m.date || "undated" }),
          el("td", { class: "who" }, actorLabel(m.source_actor, m.source_actor_name), " → ",
             actorLabel(m.target_actor, m.target_actor_name)),
          el("td", {}, el("span", { class: `code q${m.quad_class || 0}`, title: QUAD[m.quad_class] || "",
                                    text: `${m.cameo_code || ""} ${m.plover_type || ""}`.trim() }),
             m.modality && m.modality !== "asserted" ? el("span", { class: "modality", text: m.modality }) : null),
          el("td", { class: "sentence-cell" }, sentenceWithTrigger(m)),
          el("td", { class: "src" }, href
            ? el("a", { href, target: "_blank", rel: "noopener noreferrer", text: m.source_name || "article" })
            : el("span", { text: m.source_name || "" })));
      }));
      if (!res.items.length) body.append(el("tr", {}, el("td", { colspan: 5, class: "hint", text: "No events match." })));
      const last = Math.min(state.tlOffset + PAGE, res.total);
      $("tl-page").textContent = res.total ? `${state.tlOffset + 1}–${last} of ${res.total}` : "0 of 0";
      $("tl-prev").disabled = state.tlOffset === 0;
      $("tl-next").disabled = last >= res.total;
    } catch (err) {
      body.replaceChildren(el("tr", {}, el("td", { colspan: 5, class: "error", text: `Could not load events: ${err.message}` })));
    }
  }

  // ---------------------------------------------------------------- network
  // the page's first load and a user's submit can overlap: only the latest request may draw
  let networkRequest = 0;
  async function loadNetwork() {
    const box = $("network-chart");
    const note = $("network-note");
    const date = $("net-date").value;
    if (!date) return;
    const mine = ++networkRequest;
    note.textContent = "Loading…";
    let net;
    try {
      net = await api("network", { date, window_days: $("net-window").value });
    } catch (err) {
      if (mine !== networkRequest) return;
      box.replaceChildren();
      note.textContent = err.status === 501 ? "Network analysis is not available on this server."
        : `Could not load the network: ${err.message}`;
      return;
    }
    if (mine !== networkRequest) return;  // a newer request has been sent since
    drawNetwork(net);
  }

  function drawNetwork(net) {
    const box = $("network-chart");
    const note = $("network-note");
    box.replaceChildren();
    const nodes = net.nodes || [];
    const edges = (net.edges || []).filter((e) => e.source !== e.target);
    if (!nodes.length) {
      note.textContent = `No events between ${net.since} and ${net.until}.`;
      return;
    }
    const W = Math.max(520, box.clientWidth || 800);
    const H = Math.min(620, Math.max(380, 150 + nodes.length * 28));
    const cx = W / 2;
    const cy = H / 2;
    const R = Math.min(W, H) / 2 - 80;
    const order = [...nodes].sort((x, y) => (y.events || 0) - (x.events || 0) || x.id.localeCompare(y.id));
    const pos = new Map();
    order.forEach((n, i) => {
      const ang = -Math.PI / 2 + (2 * Math.PI * i) / order.length;
      pos.set(n.id, { x: cx + R * Math.cos(ang), y: cy + R * Math.sin(ang), ang, n });
    });
    // centre the ring vertically (with few nodes the polygon sits high in the circle)
    const ys = [...pos.values()].map((q) => q.y);
    const shift = H / 2 - (Math.min(...ys) + Math.max(...ys)) / 2;
    for (const q of pos.values()) q.y += shift;
    const evCount = (e) => e.events || 1;
    const maxE = Math.max(1, ...edges.map(evCount));
    const maxN = Math.max(1, ...nodes.map((n) => n.events || 1));
    const root = svg("svg", { viewBox: `0 0 ${W} ${H}`, width: W, height: H, class: "net-svg", role: "img",
                              "aria-label": `Network of actors up to ${net.date}` });
    const eg = svg("g", { class: "edges" });
    for (const e of edges) {
      const s = pos.get(e.source);
      const t = pos.get(e.target);
      if (!s || !t) continue;
      const kind = e.sign > 0 ? "coop" : e.sign < 0 ? "confl" : "neutral";
      // bend each direction to its own side so A→B and B→A stay apart
      const mx = (s.x + t.x) / 2;
      const my = (s.y + t.y) / 2;
      const dx = t.x - s.x;
      const dy = t.y - s.y;
      const len = Math.hypot(dx, dy) || 1;
      const bend = net.directed ? 14 : 0;
      const qx = mx - (dy / len) * bend;
      const qy = my + (dx / len) * bend;
      const arrow = net.directed ? "→" : "–";
      const label = `${e.source} ${arrow} ${e.target}: ${e.events} events, net cooperation ${fmtNum(e.net_cooperation)}` +
        `, Goldstein sum ${fmtNum(e.goldstein, 1)}`;
      eg.append(svg("path", {
        d: `M${s.x.toFixed(1)},${s.y.toFixed(1)} Q${qx.toFixed(1)},${qy.toFixed(1)} ${t.x.toFixed(1)},${t.y.toFixed(1)}`,
        class: `edge ${kind}`, "stroke-width": (1 + 7 * evCount(e) / maxE).toFixed(1),
        "data-source": e.source, "data-target": e.target, tabindex: 0, role: "button", "aria-label": label,
      }, tip(label)));
    }
    root.append(eg);
    const ng = svg("g", { class: "nodes" });
    for (const { x, y, ang, n } of pos.values()) {
      const r = 5 + 11 * Math.sqrt((n.events || 1) / maxN);
      const g = svg("g", { class: "node", "data-id": n.id, tabindex: 0, role: "button",
                           "aria-label": `${n.label || n.id}: ${n.events ?? "?"} events` },
        tip(`${n.label || n.id} (${n.id}): ${n.events ?? "?"} events`));
      g.append(svg("circle", { cx: x, cy: y, r }));
      const lx = x + Math.cos(ang) * (r + 8);
      const ly = y + Math.sin(ang) * (r + 8) + 4;
      const anchor = Math.abs(Math.cos(ang)) < 0.3 ? "middle" : Math.cos(ang) > 0 ? "start" : "end";
      g.append(svg("text", { x: lx, y: ly, "text-anchor": anchor, text: n.label && n.label !== n.id ? `${n.label} (${n.id})` : n.id }));
      ng.append(g);
    }
    root.append(ng);
    const activate = (e) => {
      const edge = e.target.closest(".edge");
      if (edge) {
        setActor("a", { code: edge.dataset.source });
        setActor("b", { code: edge.dataset.target });
        $("dyad-form").requestSubmit();
        $("dyad-view").scrollIntoView({ behavior: "smooth" });
        return;
      }
      const node = e.target.closest(".node");
      if (node) {
        const item = pos.get(node.dataset.id).n;
        showActorCard({ code: item.id, name: item.label, kind: "actor", mentions: item.events });
      }
    };
    root.addEventListener("click", activate);
    root.addEventListener("keydown", (e) => { if (e.key === "Enter") activate(e); });
    box.append(root);
    const bal = net.balance && net.balance.triads
      ? ` ${net.balance.balanced} of ${net.balance.triads} triangles are balanced.` : "";
    note.textContent = `${nodes.length} actors, ${edges.length} links from ${net.since} to ${net.until}.${bal}`;
  }

  // ---------------------------------------------------------------- wiring
  function submitDyad(e) {
    e.preventDefault();
    const a = $("actor-a").value.trim().toUpperCase();
    const b = $("actor-b").value.trim().toUpperCase();
    const ok = /^[A-Z0-9]{2,24}$/;
    if (!ok.test(a) || !ok.test(b)) {
      $("chart-note").textContent = "Pick two actors: codes like TUR or TURGOV (use the suggestions).";
      return;
    }
    if (a !== state.a || b !== state.b) state.period = "";
    Object.assign(state, {
      a, b, freq: $("freq").value, weighting: $("weighting").value, since: $("since").value,
      until: $("until").value, directed: $("directed").checked,
    });
    if (state.period && !state.series.some((p) => p.period === state.period)) state.period = "";
    writeHash();
    loadDyad();
    loadTimeline(true);
  }

  function init() {
    readHash();
    syncForm();
    actorField($("actor-a"), $("actor-a-list"), (it) => { setActor("a", it); $("actor-b").focus(); });
    actorField($("actor-b"), $("actor-b-list"), (it) => setActor("b", it));
    actorField($("actor-search"), $("actor-search-list"), (it) => { $("actor-search").value = it.code; showActorCard(it); });
    $("actor-card-close").addEventListener("click", () => { $("actor-card").hidden = true; });
    $("swap").addEventListener("click", () => {
      const a = $("actor-a").value;
      const an = $("actor-a-name").textContent;
      $("actor-a").value = $("actor-b").value;
      $("actor-a-name").textContent = $("actor-b-name").textContent;
      $("actor-b").value = a;
      $("actor-b-name").textContent = an;
    });
    $("freq").addEventListener("change", () => { if (state.a && state.b) { state.period = ""; $("dyad-form").requestSubmit(); } });
    $("dyad-form").addEventListener("submit", submitDyad);
    $("timeline-form").addEventListener("submit", (e) => { e.preventDefault(); loadTimeline(true); });
    $("tl-prev").addEventListener("click", () => { state.tlOffset = Math.max(0, state.tlOffset - PAGE); loadTimeline(false); });
    $("tl-next").addEventListener("click", () => { state.tlOffset += PAGE; loadTimeline(false); });
    $("network-form").addEventListener("submit", (e) => { e.preventDefault(); loadNetwork(); });
    window.addEventListener("resize", debounce(() => { drawChart(); }, 200));

    loadStats().then(() => { if ($("net-date").value) loadNetwork(); });
    loadTopDyads();
    loadTimeline(true);
    if (state.a && state.b) loadDyad();
  }

  document.addEventListener("DOMContentLoaded", init);
})();
