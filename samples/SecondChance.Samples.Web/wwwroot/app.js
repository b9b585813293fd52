// The page talks only to this app's API. It keeps the API key and recently opened cases in
// localStorage; every decision shown comes from the server.
(() => {
  "use strict";
  const $ = (id) => document.getElementById(id);
  const state = { key: localStorage.getItem("secondchance.apiKey") || "", caseId: null };

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

  async function api(method, path, body, headers) {
    const init = { method, headers: Object.assign({ "X-Api-Key": state.key }, headers || {}) };
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
    if (!response.ok) {
      const title = response.status === 401
        ? "That API key is not known here. Check the key and try again."
        : (data && (data.detail ? `${data.title}. ${data.detail}` : data.title)) || `Request failed (${response.status})`;
      throw { title, errors: data && data.errors, status: response.status };
    }
    return data;
  }

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
    state.caseId = resource.id;
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

  async function openCase(id) {
    clearMessage();
    try {
      const [resource, plan] = await Promise.all([
        api("GET", `/api/cases/${encodeURIComponent(id)}`),
        api("GET", `/api/cases/${encodeURIComponent(id)}/plan`),
      ]);
      renderCase(resource, plan);
      rememberCase(resource.id, `${resource.case.candidate} · ${resource.case.company}`);
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
      rememberCase(resource.id, `${resource.case.candidate} · ${resource.case.company}`);
      showMessage("ok", "Case created.");
      loadAgenda();
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
    if (!state.key) {
      try {
        const settings = await (await fetch("/ui/settings")).json();
        if (settings.demoApiKey) state.key = settings.demoApiKey;
      } catch { /* no settings: the user types a key */ }
    }
    $("api-key").value = state.key;
    useKey(state.key);
    renderRecent();

    $("key-form").addEventListener("submit", (e) => { e.preventDefault(); useKey($("api-key").value.trim()); clearMessage(); loadAgenda(); });
    $("agenda-form").addEventListener("submit", (e) => { e.preventDefault(); loadAgenda(); });
    $("open-form").addEventListener("submit", (e) => { e.preventDefault(); openCase($("open-id").value.trim()); });
    $("create-form").addEventListener("submit", (e) => { e.preventDefault(); createCase(e.target); });
    document.querySelectorAll(".event-buttons button").forEach((b) => b.addEventListener("click", () => recordEvent(b)));
    if (state.key) loadAgenda();
  }

  init();
})();
