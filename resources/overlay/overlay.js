// LiveDesk stream overlay: follows the console's state over a websocket and draws one page.
// Every name, gift and message comes from viewers: it is only ever set with textContent.
"use strict";

(() => {
  const page = document.body.dataset.page;
  const key = new URLSearchParams(location.search).get("key") || "";
  const byId = (id) => document.getElementById(id);
  let numbers = new Intl.NumberFormat();
  let numbersLocale = "";
  const FIRST_RETRY_MS = 500;
  const LAST_RETRY_MS = 5000;
  const ALERT_GONE_OFFLINE_MS = 3000; // the console went away: do not leave an alert up
  let labels = {};

  // "sent {gift}" -> "sent Rose"; one pass, so a value is never read as a placeholder.
  function label(name, fallback, values = {}) {
    const template = typeof labels[name] === "string" ? labels[name] : fallback;
    return template.replace(/\{(\w+)\}/g, (whole, k) =>
      Object.prototype.hasOwnProperty.call(values, k) ? String(values[k]) : whole,
    );
  }

  function setText(element, text) {
    if (element.textContent !== text) element.textContent = text;
  }

  function replay(element, className) {
    element.classList.remove(className);
    void element.offsetWidth; // restart the CSS animation
    element.classList.add(className);
  }

  function span(className, text) {
    const element = document.createElement("span");
    element.className = className;
    element.textContent = text;
    return element;
  }

  // --- alert ------------------------------------------------------------------------
  let shownPlay = null;
  let shownCount = 0;
  let leaveTimer = null;

  function renderAlert(state) {
    const card = byId("alert");
    const alert = state.alert;
    if (!alert) {
      if (shownPlay !== null) {
        shownPlay = null;
        card.classList.remove("entering");
        card.classList.add("leaving");
        clearTimeout(leaveTimer);
        leaveTimer = setTimeout(() => {
          if (shownPlay === null) card.hidden = true;
        }, 400);
      }
      return;
    }
    clearTimeout(leaveTimer);
    card.dataset.variation = alert.variation;
    card.dataset.kind = alert.kind;
    setText(byId("alert-user"), alert.user);
    const count = byId("alert-count");
    if (alert.kind === "member") {
      setText(byId("alert-icon"), "⭐");
      const what = alert.renewed
        ? label("member_renewed", "renewed their membership · {months} months", alert)
        : label("member_new", "is now a member · Tier {tier}", alert);
      setText(byId("alert-what"), what);
      setText(count, "");
    } else {
      setText(byId("alert-icon"), alert.icon || "🎁");
      setText(byId("alert-what"), label("sent", "sent {gift}", alert));
      setText(count, alert.count > 1 ? "×" + numbers.format(alert.count) : "");
    }
    count.hidden = count.textContent === "";
    if (alert.play !== shownPlay) {
      shownPlay = alert.play;
      card.hidden = false;
      card.classList.remove("leaving");
      replay(card, "entering");
    } else if (alert.count !== shownCount) {
      replay(count, "bump");
    }
    shownCount = alert.count;
  }

  // --- top gifters ------------------------------------------------------------------
  let shownTop = null;

  function renderTop(state) {
    setText(byId("top-title"), label("top_title", "Top gifters"));
    const rows = state.top || [];
    const signature = JSON.stringify(rows);
    if (signature !== shownTop) {
      shownTop = signature;
      byId("top-list").replaceChildren(
        ...rows.map((gifter, index) => {
          const row = document.createElement("li");
          row.className = "top-row";
          row.append(
            span("top-rank", String(index + 1)),
            span("top-name outlined", gifter.name),
            span("top-diamonds outlined", numbers.format(gifter.diamonds) + " 💎"),
          );
          return row;
        }),
      );
    }
    const empty = byId("top-empty");
    setText(empty, label("top_empty", "No gifts yet"));
    empty.hidden = rows.length > 0;
  }

  // --- goal -------------------------------------------------------------------------
  function renderGoal(state) {
    // No goal set in LiveDesk: nothing on stream (not an empty "0 / 0" bar).
    byId("goal").hidden = !state.goal;
    const goal = state.goal || { title: "", target: 0, current: 0 };
    setText(byId("goal-title"), goal.title || label("goal_title", "Diamond goal"));
    const target = Math.max(goal.target, 0);
    const percent = target > 0 ? Math.min(100, (goal.current * 100) / target) : 0;
    setText(
      byId("goal-numbers"),
      numbers.format(goal.current) + " / " + numbers.format(target) + " 💎",
    );
    setText(byId("goal-percent"), Math.floor(percent) + "%");
    byId("goal-fill").style.width = percent.toFixed(2) + "%";
    const bar = byId("goal-bar");
    bar.setAttribute("aria-valuemax", String(target));
    bar.setAttribute("aria-valuenow", String(goal.current));
    bar.classList.toggle("reached", target > 0 && goal.current >= target);
  }

  // --- pinned message ---------------------------------------------------------------
  function renderPinned(state) {
    const section = byId("pinned");
    const pinned = state.pinned;
    if (!pinned) {
      section.hidden = true;
      return;
    }
    const changed = section.hidden || byId("pinned-text").textContent !== pinned.text;
    setText(byId("pinned-user"), pinned.user);
    setText(byId("pinned-text"), pinned.text);
    section.hidden = false;
    if (changed) replay(section, "entering");
  }

  // Numbers as the console's language writes them (1,000 / 1.000), not the browser's.
  function useLocale(locale) {
    if (locale === numbersLocale) return;
    numbersLocale = locale;
    try {
      numbers = new Intl.NumberFormat(locale || undefined);
    } catch (error) {
      numbers = new Intl.NumberFormat(); // a tag this browser does not know
    }
  }


  // --- the fan page's QR code ---------------------------------------------------------
  const SVG = "http://www.w3.org/2000/svg";
  let shownQr = "";

  function renderFan(state) {
    const fan = state.fan;
    byId("fan").hidden = !fan;
    if (!fan) return;
    setText(byId("fan-title"), label("fan_title", "Scan to join"));
    setText(byId("fan-url"), fan.url);
    const rows = Array.isArray(fan.qr) ? fan.qr.map(String) : [];
    const key = rows.join("/");
    if (key === shownQr) return;
    shownQr = key;
    // Built from the rows of modules as SVG elements: a run of dark modules is one rect.
    const svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", `0 0 ${rows.length} ${rows.length}`);
    svg.setAttribute("shape-rendering", "crispEdges");
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", fan.url);
    const light = document.createElementNS(SVG, "rect");
    light.setAttribute("width", String(rows.length));
    light.setAttribute("height", String(rows.length));
    light.setAttribute("fill", "#ffffff");
    svg.append(light);
    rows.forEach((row, y) => {
      for (let x = 0; x < row.length; ) {
        if (row[x] !== "1") {
          x += 1;
          continue;
        }
        let end = x;
        while (end < row.length && row[end] === "1") end += 1;
        const dark = document.createElementNS(SVG, "rect");
        dark.setAttribute("x", String(x));
        dark.setAttribute("y", String(y));
        dark.setAttribute("width", String(end - x));
        dark.setAttribute("height", "1");
        dark.setAttribute("fill", "#000000");
        svg.append(dark);
        x = end;
      }
    });
    byId("fan-qr").replaceChildren(svg);
  }

  // --- on-camera question -----------------------------------------------------------
  function renderQuestion(state) {
    const section = byId("question");
    const question = state.question;
    if (!question) {
      section.hidden = true;
      return;
    }
    const changed = section.hidden || byId("question-text").textContent !== question.text;
    setText(byId("question-from"), label("question_from", "{user} asks", { user: question.user }));
    setText(byId("question-text"), question.text);
    const waiting = byId("question-waiting");
    setText(waiting, label("question_waiting", "+{count} more", { count: question.waiting }));
    waiting.hidden = !(question.waiting > 0);
    section.hidden = false;
    if (changed) replay(section, "entering");
  }

  const RENDER = {
    alert: renderAlert,
    top: renderTop,
    goal: renderGoal,
    pinned: renderPinned,
    fan: renderFan,
    question: renderQuestion,
  };

  function render(state) {
    if (state.labels && typeof state.labels === "object") labels = state.labels;
    useLocale(typeof labels.locale === "string" ? labels.locale : "");
    document.body.classList.toggle("paused", Boolean(state.paused));
    (RENDER[page] || (() => {}))(state);
    document.body.dataset.version = String(state.version);
  }

  // --- the socket: reconnect with growing, jittered waits; the state comes whole -------
  let retryMs = FIRST_RETRY_MS;
  let offlineTimer = null;

  function connect() {
    const scheme = location.protocol === "https:" ? "wss://" : "ws://";
    const socket = new WebSocket(
      scheme + location.host + "/overlay/ws?key=" + encodeURIComponent(key),
    );
    socket.onopen = () => {
      retryMs = FIRST_RETRY_MS;
      clearTimeout(offlineTimer);
      document.body.dataset.connected = "true";
    };
    socket.onmessage = (event) => {
      let state;
      try {
        state = JSON.parse(event.data);
      } catch {
        return;
      }
      if (state && typeof state === "object") render(state);
    };
    socket.onclose = () => {
      document.body.dataset.connected = "false";
      clearTimeout(offlineTimer);
      if (page === "alert") {
        offlineTimer = setTimeout(() => renderAlert({ alert: null }), ALERT_GONE_OFFLINE_MS);
      }
      const wait = retryMs * (0.75 + Math.random() * 0.5);
      retryMs = Math.min(retryMs * 2, LAST_RETRY_MS);
      setTimeout(connect, wait);
    };
  }

  render({ labels: {}, top: [], goal: null, pinned: null, question: null, alert: null, version: 0 });
  connect();
})();
