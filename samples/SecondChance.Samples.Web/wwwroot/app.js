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

  // The API speaks ISO dates (2026-03-06) and enum names; the page speaks the reader's language.
  const dateFormat = new Intl.DateTimeFormat(undefined, { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
  const day = (iso) => (iso ? dateFormat.format(new Date(`${iso}T00:00:00Z`)) : "");
  const words = (name) => String(name).replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
  const capital = (text) => text.charAt(0).toUpperCase() + text.slice(1);
  const eventNames = {
    Notified: "They called you", FeedbackRecorded: "Heard where you fell short", InterestReaffirmed: "Said you are still interested",
    NoteSent: "Sent the note", FollowUpMade: "Followed up", Approached: "They came back to you", OfferReceived: "Got an offer", Closed: "Closed the case",
  };
  const statusNames = { Done: "done", Next: "next", Projected: "expected", Conditional: "if it comes to it", NotApplicable: "skipped" };
  const outcomeNames = { NoChange: "nothing has changed", RoleReopened: "the role reopened", SimilarRoleOpen: "a similar role is open", NoResponse: "no answer" };
  const reasonNames = { Hired: "you were hired", TookOtherJob: "you took another job", Withdrew: "you withdrew", NoOpening: "no opening came up" };

  // Where each error field of the API belongs on the page, so the error shows beside its control.
  const eventControls = { on: "event-on", gaps: "event-gaps", channel: "event-channel", outcome: "event-outcome", respondBy: "event-respond-by", reason: "event-reason" };
  const caseControls = { candidate: "candidate", company: "company", role: "role", level: "level", timeZone: "timeZone", "contact.name": "contactName", "contact.email": "contactEmail", "events[0].on": "notifiedOn" };
  const eventControl = (field) => {
    const id = eventControls[field.replace(/^events\[\d+\]\./, "").replace(/\[\d+\]$/, "")];
    return id ? $(id) : null;
  };
  const caseControl = (field) => {
    const name = caseControls[field.replace(/^(events\[0\]\.on|[a-zA-Z.]+).*$/, "$1")];
    return name ? document.querySelector(`#create-form [name=${name}]`) : null;
  };

  function clearFieldErrors() {
    document.querySelectorAll(".field-error").forEach((e) => e.remove());
    document.querySelectorAll("[aria-invalid]").forEach((c) => { c.removeAttribute("aria-invalid"); c.removeAttribute("aria-describedby"); });
  }

  // Puts each error beside the control it is about and moves focus to the first such control.
  // Returns the errors no control owns, for the message banner.
  function showFieldErrors(errors, controlFor) {
    const rest = {};
    let first = null;
    for (const [field, messages] of Object.entries(errors || {})) {
      const control = controlFor ? controlFor(field) : null;
      if (!control) { rest[field] = messages; continue; }
      const id = `${control.id || control.name}-error`;
      let note = document.getElementById(id);
      if (!note) {
        note = document.createElement("p");
        note.id = id;
        note.className = "field-error";
        control.insertAdjacentElement("afterend", note);
      }
      note.textContent = [note.textContent, ...messages].filter(Boolean).join(" ");
      control.setAttribute("aria-invalid", "true");
      control.setAttribute("aria-describedby", id);
      first = first || control;
    }
    if (first) first.focus();
    return { rest, placed: first !== null };
  }

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

  function clearMessage() { $("message").hidden = true; clearFieldErrors(); }

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

  // An error the user can fix goes beside its control, which gets the focus; the rest go to the banner.
  function fail(e, controlFor) {
    const { rest, placed } = showFieldErrors(e.errors, controlFor);
    if (!placed || Object.keys(rest).length) showMessage("error", e.title || String(e), rest);
  }

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
      const open = document.createElement("button");
      open.type = "button";
      open.className = "item";
      open.textContent = r.label;
      open.addEventListener("click", () => openCase(r.id));
      li.append(open);
      return li;
    }));
  }

  function describeDue(next) {
    if (!next.dueOn) return "No due date.";
    let text = `Due ${day(next.dueOn)}`;
    if (next.windowStart && next.windowEnd) text += ` (on time from ${day(next.windowStart)} to ${day(next.windowEnd)})`;
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
    $("case-sub").textContent = `${c.role} · ${levelName(c.level).toLowerCase()} · ${c.timeZone}` + (c.contact ? ` · contact: ${c.contact.name}` : "");
    $("case-id").textContent = resource.id;
    updateSubscribeLink();
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
      status.textContent = statusNames[s.status] || words(s.status);
      body.append(title, status);
      const when = document.createElement("div");
      when.className = "when";
      when.textContent = s.on ? day(s.on) : (s.windowStart ? `${day(s.windowStart)} – ${day(s.windowEnd)}` : "");
      li.append(num, body, when);
      return li;
    }));

    $("history").replaceChildren(...c.events.map((e) => {
      const li = document.createElement("li");
      const extra = e.gaps && e.gaps.length ? `: ${e.gaps.join("; ")}`
        : e.channel ? ` by ${e.channel.toLowerCase()}` : e.outcome ? `: ${outcomeNames[e.outcome] || words(e.outcome)}`
        : e.reason ? `: ${reasonNames[e.reason] || words(e.reason)}`
        : e.respondBy ? `, answer by ${day(e.respondBy)}` : "";
      li.textContent = `${day(e.on)} · ${eventNames[e.type] || capital(words(e.type))}${extra}`;
      return li;
    }));
    if (!state.link) loadReminders(resource.id);
  }

  // The case's reminders and how their delivery went (pending, sent, failed, superseded): the operator's view only.
  async function loadReminders(id) {
    let list;
    try {
      list = await api("GET", `/api/cases/${encodeURIComponent(id)}/reminders`);
    } catch (e) { list = []; }
    if (state.caseId !== id) return;
    $("reminders-empty").hidden = list.length > 0;
    $("reminders").replaceChildren(...list.map((r) => {
      const li = document.createElement("li");
      li.className = `reminder ${r.state}`;
      const attempts = r.attempts ? ` · ${r.attempts} attempt${r.attempts === 1 ? "" : "s"}` : "";
      const error = r.lastError ? ` · ${r.lastError}` : "";
      li.textContent = `${actionNames[r.action] || words(r.action)} · due ${day(r.dueOn)} · ${r.channel} · ${r.state}${attempts}${error}`;
      li.title = `reminder ${r.reminderId}, due to go out at ${r.sendAt}`;
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
        code.textContent = capital(words(f.code));
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
          // A button (reachable by keyboard) selects the text the finding points at.
          li.dataset.offset = f.offset;
          const show = document.createElement("button");
          show.type = "button";
          show.className = "show-in-note";
          show.textContent = "Show in the note";
          show.addEventListener("click", () => {
            const area = $("note-text");
            area.focus();
            area.setSelectionRange(f.offset, f.offset + f.excerpt.length);
          });
          li.append(show);
        }
        return li;
      }));
    } catch (e) { fail(e); }
  }

  // A calendar app subscribed to a webcal: URL sends no header, so the feed takes its credential in the
  // query: the candidate link's token when the page was opened from one (never the tenant key), else the key.
  function updateSubscribeLink() {
    if (!state.caseId) return;
    const time = $("calendar-time").value;
    const credential = state.link ? `link=${encodeURIComponent(state.link)}` : `key=${encodeURIComponent(state.key)}`;
    const query = `?${credential}` + (time ? `&time=${encodeURIComponent(time)}` : "");
    const origin = location.origin.replace(/^https?/, "webcal"); // this app, seen by a calendar app
    $("calendar-subscribe").href = `${origin}/api/cases/${encodeURIComponent(state.caseId)}/calendar.ics${query}`;
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
    // Drawn at the box's own width (one user unit = one CSS pixel), so the text keeps its size on a phone.
    const boxEl = $("stats-chart-box");
    boxEl.hidden = false;
    const W = Math.max(300, Math.min(900, Math.round(boxEl.clientWidth) || 720));
    const narrow = W < 560;
    const legend = [...Object.values(stageNames).map((n, i) => [n, stageColors[i]]), ["Chance of a hire", oddsColor]];
    const legendRows = [];
    let rowWidth = Infinity;
    for (const item of legend) {
      const w = 22 + item[0].length * 6.2;
      if (rowWidth + w > W - 56) { legendRows.push([]); rowWidth = 0; }
      legendRows[legendRows.length - 1].push(item);
      rowWidth += w;
    }
    const H = (narrow ? 300 : 280) + (legendRows.length - 1) * 16, left = 44, right = 12, top = 24 + legendRows.length * 16, bottom = narrow ? 62 : 52;
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

    // Legend across the top, in as many rows as the width needs.
    legendRows.forEach((row, r) => {
      let lx = left;
      for (const [name, color] of row) {
        chart.append(svg("rect", { x: lx, y: 10 + r * 16, width: 10, height: 10, rx: 2, fill: color }));
        chart.append(svg("text", { x: lx + 14, y: 19 + r * 16, "font-size": 11 }, name));
        lx += 22 + name.length * 6.2;
      }
    });

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
      // A level's name takes one line per word when the group is narrow.
      const nameLines = narrow ? levelName(level.level).split(" ") : [levelName(level.level)];
      nameLines.forEach((line, n) => chart.append(svg("text", { x: mid, y: H - bottom + 18 + n * 14, "text-anchor": "middle", "font-size": 12, "font-weight": 600 }, line)));
      chart.append(svg("text", { x: mid, y: H - bottom + 20 + nameLines.length * 14, "text-anchor": "middle", "font-size": 11 },
        narrow ? `${level.cases} / ${o.closed} closed` : `${level.cases} case${level.cases === 1 ? "" : "s"}, ${o.closed} closed`));
    });
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

  // Only the latest agenda request draws the list: an earlier one that answers late is dropped.
  let agendaRequest = 0;
  async function loadAgenda() {
    const mine = ++agendaRequest;
    try {
      const items = await api("GET", `/api/agenda?on=${encodeURIComponent($("agenda-on").value)}`);
      if (mine !== agendaRequest) return;
      $("agenda").replaceChildren(...items.map((item) => {
        const li = document.createElement("li");
        if (item.next.overdue) li.className = "overdue";
        const open = document.createElement("button");
        open.type = "button";
        open.className = "item";
        const due = document.createElement("span");
        due.className = "due";
        due.textContent = day(item.next.dueOn) + (item.next.overdue ? " (late)" : "");
        const what = document.createElement("span");
        what.className = "what";
        what.textContent = actionNames[item.next.action] || words(item.next.action);
        open.append(due, `${item.candidate} · ${item.company}`, what);
        open.addEventListener("click", () => openCase(item.id));
        li.append(open);
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
      fail(e, eventControl);
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
      form.reset();
      resetCreateForm();
      showMessage("ok", "Case created.");
      loadAgenda();
      loadStats();
    } catch (e) { fail(e, caseControl); }
  }

  // The new-case form starts from today and the browser's time zone.
  function resetCreateForm() {
    document.querySelector("[name=notifiedOn]").value = localToday();
    try {
      document.querySelector("[name=timeZone]").value = Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
    } catch { /* keep the UTC default */ }
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
    resetCreateForm();
    if (state.link) {
      $("key-form").hidden = true;
      document.querySelector("aside.side").hidden = true;
      $("stats-card").hidden = true;
      $("reminders-card").hidden = true;
      document.querySelectorAll(".event-buttons button").forEach((b) => b.addEventListener("click", () => recordEvent(b)));
      $("note-draft").addEventListener("click", draftNote);
      $("note-check").addEventListener("click", checkNote);
      $("calendar-download").addEventListener("click", downloadCalendar);
      $("calendar-time").addEventListener("change", updateSubscribeLink);
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
    $("calendar-time").addEventListener("change", updateSubscribeLink);
    $("stats-refresh").addEventListener("click", loadStats);
    let chartWidth = $("stats-chart-box").clientWidth;
    window.addEventListener("resize", () => {
      const width = $("stats-chart-box").clientWidth;
      if (state.stats && width !== chartWidth) { chartWidth = width; drawStats(state.stats); }
    });
    if (state.key) { loadAgenda(); loadStats(); }
  }

  init();
})();
