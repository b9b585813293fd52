// The page talks only to this app's API. It keeps the API key and recently opened cases in
// localStorage; every decision shown comes from the server.
(() => {
  "use strict";
  const $ = (id) => document.getElementById(id);
  const state = { key: localStorage.getItem("secondchance.apiKey") || "", caseId: null, level: null, stats: null };
  // The chart's <svg> is in the page, so its namespace comes from the parser, not from a string here.
  const svgNs = document.getElementById("stats-chart").namespaceURI;

  const actionNames = {
    None: "Nothing left to do",
    ThankAndAskWhereShort: "Thank them and ask where you fell short",
    ReaffirmInterest: "Say you are still interested",
    SendThankYouNote: "Send a thank-you note",
    FollowUp: "Follow up with the same person",
    AwaitApproach: "Wait for them to come back",
    RespondToApproach: "Answer their approach",
    NegotiateOffer: "Negotiate the offer",
  };

  function localToday() {
    const d = new Date();
    const pad = (n) => String(n).padStart(2, "0");
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  }

  function newKey() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    return Date.now().toString(36) + Math.random().toString(36).slice(2);
  }

  function showMessage(kind, title, errors) {
    const box = $("message");
    box.className = "message " + kind;
    box.replaceChildren();
    const head = document.createElement("div");
    head.textContent = title;
    box.append(head);
    if (errors && Object.keys(errors).length) {
      const list = document.createElement("ul");
      for (const [field, messages] of Object.entries(errors)) {
        for (const m of messages) {
          const li = document.createElement("li");
          const code = document.createElement("code");
          code.textContent = field;
          li.append(code, ": " + m);
          list.append(li);
        }
      }
      box.append(list);
    }
    box.hidden = false;
  }

  function clearMessage() { $("message").hidden = true; }

  // Opened from a candidate link, the page acts for that one case with the link's token; otherwise
  // (the operator view, Development only) with the tenant's key.
  const linkParams = new URLSearchParams(location.search);
  state.link = linkParams.get("link");
  function authHeaders() { return state.link ? { "X-Candidate-Link": state.link } : { "X-Api-Key": state.key }; }

  async function api(method, path, body, headers) {
    const init = { method, headers: Object.assign(authHeaders(), headers || {}) };
    if (body !== undefined) {
      init.headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    let response;
    try {
      response = await fetch(path, init);
    } catch (e) {
      throw { title: "The server could not be reached. Is the app running?" };
    }
    const text = await response.text();
    let data = null;
    try { data = text ? JSON.parse(text) : null; } catch { data = null; }
    if (!response.ok) throw problem(response.status, data);
    return data;
  }

  function problem(status, data) {
    const title = status === 401
      ? "That API key is not known here. Check the key and try again."
      : (data && (data.detail ? `${data.title}. ${data.detail}` : data.title)) || `Request failed (${status})`;
    return { title, errors: data && data.errors, status };
  }

  function levelName(level) {
    return ({ IndividualContributor: "Individual contributor", MiddleManagement: "Middle management", SeniorExecutive: "Senior executive" })[level]
      || String(level).replace(/([a-z])([A-Z])/g, "$1 $2");
  }

  const percent = (x) => `${Math.round(x * 100)}%`;

  function fail(e) { showMessage("error", e.title || String(e), e.errors); }

  function rememberCase(id, label) {
    const recent = JSON.parse(localStorage.getItem("secondchance.recent") || "[]").filter((r) => r.id !== id);
    recent.unshift({ id, label });
    localStorage.setItem("secondchance.recent", JSON.stringify(recent.slice(0, 8)));
    renderRecent();
  }

  function renderRecent() {
    const recent = JSON.parse(localStorage.getItem("secondchance.recent") || "[]");
    const list = $("recent");
    list.replaceChildren(...recent.map((r) => {
      const li = document.createElement("li");
      li.textContent = r.label;
      li.title = r.id;
      li.addEventListener("click", () => openCase(r.id));
      return li;
    }));
  }

  function describeDue(next) {
    if (!next.dueOn) return "No due date.";
    let text = `Due ${next.dueOn}`;
    if (next.windowStart && next.windowEnd) text += ` (on time from ${next.windowStart} to ${next.windowEnd})`;
    return text + ".";
  }

  function renderCase(resource, plan) {
    const c = resource.case;
    const next = resource.next;
    const otherCase = state.caseId !== resource.id;
    state.caseId = resource.id;
    state.level = c.level;
    renderNotePanel(c, otherCase);
    renderChance();
    $("no-case").hidden = true;
    $("case-view").hidden = false;
    $("case-title").textContent = `${c.candidate} at ${c.company}`;
    $("case-sub").textContent = `${c.role} · ${c.level} · ${c.timeZone}` + (c.contact ? ` · contact: ${c.contact.name}` : "");
    $("case-id").textContent = resource.id;
    $("next-action").textContent = actionNames[next.action] || next.action;
    $("next-step").textContent = next.step ? `step ${next.step}` + (next.covers.length > 1 ? ` (covers ${next.covers.join(", ")})` : "") : "done";
    $("next-overdue").hidden = !next.overdue;
    $("next-due").textContent = describeDue(next);
    $("next-guidance").textContent = next.guidance;

    $("timeline").replaceChildren(...plan.steps.map((s) => {
      const li = document.createElement("li");
      li.className = s.status;
      li.dataset.step = s.step;
      const num = document.createElement("span");
      num.className = "num";
      num.textContent = s.step;
      const body = document.createElement("div");
      const title = document.createElement("div");
      title.textContent = s.title;
      const status = document.createElement("div");
      status.className = "status";
      status.textContent = s.status === "NotApplicable" ? "not applicable" : s.status;
      body.append(title, status);
      const when = document.createElement("div");
      when.className = "when";
      when.textContent = s.on || (s.windowStart ? `${s.windowStart} – ${s.windowEnd}` : "");
      li.append(num, body, when);
      return li;
    }));

    $("history").replaceChildren(...c.events.map((e) => {
      const li = document.createElement("li");
      const extra = e.gaps && e.gaps.length ? `: ${e.gaps.join("; ")}`
        : e.channel ? ` by ${e.channel}` : e.outcome ? `: ${e.outcome}` : e.reason ? `: ${e.reason}`
        : e.respondBy ? `, respond by ${e.respondBy}` : "";
      li.textContent = `${e.on} · ${e.type}${extra}`;
      return li;
    }));
  }

  // The chance for the open case's level, from /api/stats, shown next to the next action.
  function renderChance() {
    const box = $("next-chance");
    const level = state.stats && state.level
      ? state.stats.levels.find((l) => String(l.level).toLowerCase() === String(state.level).toLowerCase()) : null;
    if (!level) { box.hidden = true; return; }
    const o = level.odds;
    const strong = document.createElement("strong");
    strong.textContent = percent(o.posteriorMean);
    const source = o.closed > 0
      ? `; ${o.successes} hired of ${o.closed} closed ${levelName(level.level).toLowerCase()} cases on this board`
      : `; the coach's estimate for ${levelName(level.level).toLowerCase()} roles, as no case of this level has closed yet`;
    box.replaceChildren("Chance this comes back: ", strong, ` (95% credible interval ${percent(o.lower)} to ${percent(o.upper)}${source}).`);
    box.hidden = false;
  }

  function recordedGaps(c) {
    const seen = new Set();
    const gaps = [];
    for (const e of c.events) {
      for (const g of e.gaps || []) {
        const key = g.trim().toLowerCase();
        if (key && !seen.has(key)) { seen.add(key); gaps.push(g.trim()); }
      }
    }
    return gaps;
  }

  function renderNotePanel(c, otherCase) {
    const box = $("note-evidence");
    const typed = {};
    if (!otherCase) box.querySelectorAll("textarea").forEach((t) => { typed[t.dataset.gap] = t.value; });
    const gaps = recordedGaps(c);
    box.replaceChildren(...gaps.map((gap, i) => {
      const label = document.createElement("label");
      label.htmlFor = `note-gap-${i}`;
      label.textContent = `Your example for "${gap}"`;
      const input = document.createElement("textarea");
      input.id = `note-gap-${i}`;
      input.rows = 2;
      input.dataset.gap = gap;
      input.placeholder = "One concrete case, with a number, a size or a result.";
      input.value = typed[gap] || "";
      const wrap = document.createElement("div");
      wrap.className = "stack";
      wrap.append(label, input);
      return wrap;
    }));
    $("note-no-gaps").hidden = gaps.length > 0;
    if (otherCase) {
      $("note-text").value = "";
      $("note-missing").textContent = "";
      $("note-findings").replaceChildren();
      $("note-verdict").hidden = true;
    }
  }

  async function draftNote() {
    if (!state.caseId) return;
    clearMessage();
    const body = {};
    if ($("note-channel").value) body.channel = $("note-channel").value;
    const evidence = {};
    $("note-evidence").querySelectorAll("textarea").forEach((t) => { if (t.value.trim()) evidence[t.dataset.gap] = t.value.trim(); });
    if (Object.keys(evidence).length) body.evidence = evidence;
    try {
      const draft = await api("POST", `/api/cases/${encodeURIComponent(state.caseId)}/note/draft`, body);
      $("note-text").value = draft.text;
      $("note-text").dataset.channel = draft.channel;
      $("note-missing").textContent = draft.missingEvidence.length
        ? `Drafted as ${draft.channel.toLowerCase()}. Still needs an example for: ${draft.missingEvidence.map((g) => `"${g}"`).join(", ")}.`
        : `Drafted as ${draft.channel.toLowerCase()}, with an example for every gap.`;
      $("note-findings").replaceChildren();
      $("note-verdict").hidden = true;
    } catch (e) { fail(e); }
  }

  async function checkNote() {
    if (!state.caseId) return;
    clearMessage();
    const body = { text: $("note-text").value };
    const channel = $("note-channel").value || $("note-text").dataset.channel;
    if (channel) body.channel = channel;
    try {
      const result = await api("POST", `/api/cases/${encodeURIComponent(state.caseId)}/note/check`, body);
      const verdict = $("note-verdict");
      const errors = result.findings.filter((f) => f.severity === "Error").length;
      const warnings = result.findings.length - errors;
      verdict.className = "pill " + (result.canSend ? "ok" : "danger");
      verdict.textContent = result.canSend
        ? (warnings ? `ready to send, ${warnings} suggestion${warnings > 1 ? "s" : ""}` : "ready to send")
        : `not ready: ${errors} problem${errors > 1 ? "s" : ""} to fix`;
      verdict.hidden = false;
      $("note-findings").replaceChildren(...result.findings.map((f) => {
        const li = document.createElement("li");
        li.className = f.severity;
        const sev = document.createElement("span");
        sev.className = "sev";
        sev.textContent = f.severity.toLowerCase();
        const code = document.createElement("strong");
        code.textContent = f.code;
        li.append(sev, code);
        if (f.line != null) {
          const where = document.createElement("span");
          where.className = "where";
          where.textContent = ` · line ${f.line}`;
          li.append(where);
        }
        if (f.excerpt) {
          const excerpt = document.createElement("span");
          excerpt.className = "excerpt";
          excerpt.textContent = ` "${f.excerpt.length > 80 ? f.excerpt.slice(0, 80) + "..." : f.excerpt}"`;
          li.append(excerpt);
        }
        const reason = document.createElement("div");
        reason.textContent = f.reason;
        li.append(reason);
        if (f.offset != null && f.excerpt) {
          // Clicking a finding selects the text it points at.
          li.dataset.offset = f.offset;
          li.title = "Select this in the note";
          li.addEventListener("click", () => {
            const area = $("note-text");
            area.focus();
            area.setSelectionRange(f.offset, f.offset + f.excerpt.length);
          });
        }
        return li;
      }));
    } catch (e) { fail(e); }
  }

  // A plain link cannot send the API key, so fetch the file with the header and save it from a blob.
  async function downloadCalendar() {
    if (!state.caseId) return;
    clearMessage();
    const time = $("calendar-time").value;
    const path = `/api/cases/${encodeURIComponent(state.caseId)}/calendar.ics` + (time ? `?time=${encodeURIComponent(time)}` : "");
    try {
      let response;
      try {
        response = await fetch(path, { headers: authHeaders() });
      } catch {
        throw { title: "The server could not be reached. Is the app running?" };
      }
      if (!response.ok) {
        let data = null;
        try { data = await response.json(); } catch { data = null; }
        throw problem(response.status, data);
      }
      const blob = await response.blob();
      const match = /filename="?([^";]+)"?/i.exec(response.headers.get("Content-Disposition") || "");
      const href = URL.createObjectURL(blob);
      const link = document.createElement("a");
      link.href = href;
      link.download = match ? match[1] : "plan.ics";
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(href), 10000);
    } catch (e) { fail(e); }
  }

  function svg(name, attrs, text) {
    const el = document.createElementNS(svgNs, name);
    for (const [k, v] of Object.entries(attrs || {})) el.setAttribute(k, v);
    if (text !== undefined) el.textContent = text;
    return el;
  }

  const stageNames = { NoteSent: "Note sent", FollowUpMade: "Followed up", Approached: "They came back", Offered: "Offer", Hired: "Hired" };
  const stageColors = ["#b9cbef", "#8eaae6", "#6489d9", "#3f68c8", "#2249a3"];
  const oddsColor = "#e0a030";

  // A grouped bar chart drawn by hand: per level, the share of cases that reached each stage, then
  // the calibrated chance of a hire with its credible interval as an error bar.
  function drawStats(report) {
    const W = 720, H = 280, left = 44, right = 12, top = 40, bottom = 52;
    const plotH = H - top - bottom, plotW = W - left - right;
    const levels = report.levels;
    const chart = $("stats-chart");
    chart.replaceChildren();
    chart.setAttribute("viewBox", `0 0 ${W} ${H}`);
    const y = (v) => top + plotH * (1 - v);
    for (const t of [0, 0.25, 0.5, 0.75, 1]) {
      chart.append(svg("line", { class: "axis", x1: left, x2: W - right, y1: y(t), y2: y(t) }));
      chart.append(svg("text", { x: left - 6, y: y(t) + 4, "text-anchor": "end", "font-size": 11 }, percent(t)));
    }

    // Legend across the top.
    const legend = [...Object.values(stageNames).map((n, i) => [n, stageColors[i]]), ["Chance of a hire", oddsColor]];
    let lx = left;
    for (const [name, color] of legend) {
      chart.append(svg("rect", { x: lx, y: 10, width: 10, height: 10, rx: 2, fill: color }));
      chart.append(svg("text", { x: lx + 14, y: 19, "font-size": 11 }, name));
      lx += 22 + name.length * 6.2;
    }

    const groupW = plotW / Math.max(levels.length, 1);
    const slots = 6, barW = Math.min(22, (groupW - 24) / slots - 3);
    levels.forEach((level, g) => {
      const x0 = left + g * groupW + (groupW - slots * (barW + 3)) / 2;
      level.stages.forEach((s, i) => {
        const v = s.overallRate == null ? 0 : s.overallRate;
        const x = x0 + i * (barW + 3);
        const bar = svg("rect", { class: "bar stage", x, y: y(v), width: barW, height: Math.max(plotH * v, 0), fill: stageColors[i], "data-level": level.level, "data-stage": s.stage });
        bar.append(svg("title", {}, `${levelName(level.level)}, ${stageNames[s.stage] || s.stage}: ${s.reached} of ${level.cases} cases` + (s.overallRate == null ? "" : ` (${percent(s.overallRate)})`)));
        chart.append(bar);
        if (level.cases > 0) chart.append(svg("text", { x: x + barW / 2, y: y(v) - 3, "text-anchor": "middle", "font-size": 10 }, String(s.reached)));
      });

      const o = level.odds;
      const x = x0 + 5 * (barW + 3) + 4;
      const bar = svg("rect", { class: "bar odds", x, y: y(o.posteriorMean), width: barW, height: plotH * o.posteriorMean, fill: oddsColor, "data-level": level.level });
      bar.append(svg("title", {}, `${levelName(level.level)}, chance of a hire: ${percent(o.posteriorMean)} (95% credible interval ${percent(o.lower)} to ${percent(o.upper)}; ${o.successes} hired of ${o.closed} closed)`));
      chart.append(bar);
      const cx = x + barW / 2, cap = barW / 3;
      chart.append(svg("line", { class: "err", x1: cx, x2: cx, y1: y(o.upper), y2: y(o.lower) }));
      chart.append(svg("line", { class: "err", x1: cx - cap, x2: cx + cap, y1: y(o.upper), y2: y(o.upper) }));
      chart.append(svg("line", { class: "err", x1: cx - cap, x2: cx + cap, y1: y(o.lower), y2: y(o.lower) }));
      chart.append(svg("text", { x: cx, y: y(o.upper) - 4, "text-anchor": "middle", "font-size": 10 }, percent(o.posteriorMean)));

      const mid = left + g * groupW + groupW / 2;
      chart.append(svg("text", { x: mid, y: H - bottom + 18, "text-anchor": "middle", "font-size": 12, "font-weight": 600 }, levelName(level.level)));
      chart.append(svg("text", { x: mid, y: H - bottom + 34, "text-anchor": "middle", "font-size": 11 },
        `${level.cases} case${level.cases === 1 ? "" : "s"}, ${o.closed} closed`));
    });
    $("stats-chart-box").hidden = false;
    $("stats-summary").textContent = `${report.cases} case${report.cases === 1 ? "" : "s"} counted` +
      (report.skipped ? `, ${report.skipped} left out (a level this board does not know).` : ".");
  }

  async function loadStats() {
    try {
      state.stats = await api("GET", "/api/stats");
      drawStats(state.stats);
      renderChance();
    } catch (e) {
      state.stats = null;
      $("stats-chart").replaceChildren();
      $("stats-chart-box").hidden = true;
      $("stats-summary").textContent = e.status === 401 ? "Set a valid API key to see the stats." : "The stats could not be loaded.";
      renderChance();
    }
  }

  async function openCase(id) {
    clearMessage();
    try {
      const [resource, plan] = await Promise.all([
        api("GET", `/api/cases/${encodeURIComponent(id)}`),
        api("GET", `/api/cases/${encodeURIComponent(id)}/plan`),
      ]);
      renderCase(resource, plan);
      if (!state.link) rememberCase(resource.id, `${resource.case.candidate} · ${resource.case.company}`);
    } catch (e) { fail(e); }
  }

  async function loadAgenda() {
    try {
      const items = await api("GET", `/api/agenda?on=${encodeURIComponent($("agenda-on").value)}`);
      $("agenda").replaceChildren(...items.map((item) => {
        const li = document.createElement("li");
        if (item.next.overdue) li.className = "overdue";
        const due = document.createElement("span");
        due.className = "due";
        due.textContent = item.next.dueOn;
        li.append(due, `${item.candidate} · ${item.company}`);
        const what = document.createElement("div");
        what.className = "muted";
        what.textContent = actionNames[item.next.action] || item.next.action;
        li.append(what);
        li.addEventListener("click", () => openCase(item.id));
        return li;
      }));
      $("agenda-empty").hidden = items.length > 0;
    } catch (e) { fail(e); }
  }

  function buildEvent(type) {
    const event = { type, on: $("event-on").value };
    if (type === "FeedbackRecorded") event.gaps = $("event-gaps").value.split("\n").map((g) => g.trim()).filter(Boolean);
    if (type === "NoteSent") event.channel = $("event-channel").value;
    if (type === "FollowUpMade") event.outcome = $("event-outcome").value;
    if (type === "OfferReceived" && $("event-respond-by").value) event.respondBy = $("event-respond-by").value;
    if (type === "Closed") event.reason = $("event-reason").value;
    return event;
  }

  async function recordEvent(button) {
    if (!state.caseId) return;
    clearMessage();
    const buttons = document.querySelectorAll(".event-buttons button");
    buttons.forEach((b) => { b.disabled = true; });
    try {
      const id = state.caseId;
      // One key per click, so a retried request cannot record the same event twice.
      const resource = await api("POST", `/api/cases/${encodeURIComponent(id)}/events`, buildEvent(button.dataset.event), { "Idempotency-Key": newKey() });
      const plan = await api("GET", `/api/cases/${encodeURIComponent(id)}/plan`);
      renderCase(resource, plan);
      showMessage("ok", `Recorded: ${button.textContent}.`);
      loadAgenda();
      loadStats();
    } catch (e) {
      fail(e);
    } finally {
      buttons.forEach((b) => { b.disabled = false; });
    }
  }

  async function createCase(form) {
    clearMessage();
    const f = new FormData(form);
    const doc = {
      candidate: f.get("candidate"), company: f.get("company"), role: f.get("role"), level: f.get("level"),
      events: [{ type: "Notified", on: f.get("notifiedOn") }],
    };
    if (f.get("timeZone")) doc.timeZone = f.get("timeZone");
    if (f.get("contactName")) doc.contact = { name: f.get("contactName"), email: f.get("contactEmail") || null };
    try {
      const resource = await api("POST", "/api/cases", doc);
      const plan = await api("GET", `/api/cases/${resource.id}/plan`);
      renderCase(resource, plan);
      if (!state.link) rememberCase(resource.id, `${resource.case.candidate} · ${resource.case.company}`);
      showMessage("ok", "Case created.");
      loadAgenda();
      loadStats();
    } catch (e) { fail(e); }
  }

  function useKey(key) {
    state.key = key;
    localStorage.setItem("secondchance.apiKey", key);
    $("key-status").textContent = key ? "key set" : "";
  }

  async function init() {
    const today = localToday();
    $("agenda-on").value = today;
    $("event-on").value = today;
    document.querySelector("[name=notifiedOn]").value = today;
    try {
      document.querySelector("[name=timeZone]").value = Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
    } catch { /* keep the UTC default */ }
    if (state.link) {
      $("key-form").hidden = true;
      document.querySelector("aside.side").hidden = true;
      $("stats-card").hidden = true;
      document.querySelectorAll(".event-buttons button").forEach((b) => b.addEventListener("click", () => recordEvent(b)));
      $("note-draft").addEventListener("click", draftNote);
      $("note-check").addEventListener("click", checkNote);
      $("calendar-download").addEventListener("click", downloadCalendar);
      openCase(linkParams.get("case") || "");
      return;
    }
    let settings = {};
    try { settings = await (await fetch("/ui/settings")).json(); } catch { /* no settings */ }
    if (!settings.operatorView) {
      document.querySelector("main.layout").hidden = true;
      $("key-form").hidden = true;
      showMessage("info", "Open this page from the link you were given: it opens your own case.");
      return;
    }
    if (!state.key && settings.demoApiKey) state.key = settings.demoApiKey;
    $("api-key").value = state.key;
    useKey(state.key);
    renderRecent();

    $("key-form").addEventListener("submit", (e) => { e.preventDefault(); useKey($("api-key").value.trim()); clearMessage(); loadAgenda(); loadStats(); });
    $("agenda-form").addEventListener("submit", (e) => { e.preventDefault(); loadAgenda(); });
    $("open-form").addEventListener("submit", (e) => { e.preventDefault(); openCase($("open-id").value.trim()); });
    $("create-form").addEventListener("submit", (e) => { e.preventDefault(); createCase(e.target); });
    document.querySelectorAll(".event-buttons button").forEach((b) => b.addEventListener("click", () => recordEvent(b)));
    $("note-draft").addEventListener("click", draftNote);
    $("note-check").addEventListener("click", checkNote);
    $("calendar-download").addEventListener("click", downloadCalendar);
    $("stats-refresh").addEventListener("click", loadStats);
    if (state.key) { loadAgenda(); loadStats(); }
  }

  init();
})();
