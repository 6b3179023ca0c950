// The fan page: sign up, the Below Room, Service+. Every text from people (names, messages,
// service bios, replies) is put in as text nodes, never as markup, and in its own bidi
// isolate (dir="auto"), so neither markup nor direction characters can change the page.

import { FanConnection } from "./protocol.js";

// --- words: English and German; the browser's language picks one ------------------------

const EN = {
  "title": "Fan page",
  "titleOf": "{name} · fan page",
  "signout": "Sign out",
  "signup.heading": "Pick a name and you're in",
  "signup.intro": "Talk with the creator in the Below Room and ask about their services. No e-mail, no password: this browser keeps you signed in.",
  "signup.label": "Display name",
  "signup.submit": "Join",
  "signup.empty": "Pick a display name.",
  "below.heading": "Below Room",
  "service.heading": "Service+",
  "join.what": "The Below Room is the creator's private room for members: a smaller chat where questions get answered, sometimes on camera.",
  "join.how": "To join, get a pass code from the creator and redeem it here. Payment, if any, happens outside LiveDesk, wherever the creator sells passes; this page never asks for money.",
  "join.label": "Pass code",
  "join.submit": "Redeem",
  "join.empty": "Enter the code of your pass.",
  "join.lost": "Your pass ended, so the Below Room is closed to you. Ask the creator for a new one.",
  "room.label": "Message",
  "room.send": "Send",
  "room.messages": "Below Room messages",
  "room.empty": "No messages yet. Say hello!",
  "room.member": "Member · tier {tier} · until {date}",
  "room.tier": "Tier {tier}",
  "room.creator": "Creator",
  "room.mod": "Mod",
  "room.onCamera": "answered on camera",
  "room.inText": "answered in text",
  "room.queued": "queued for on camera",
  "room.gap": "Some older messages could not be loaded.",
  "room.replyTo": "in reply to {name}",
  "service.none": "The creator offers no services right now.",
  "service.onRequest": "Price on request",
  "service.minutes": "{n} min",
  "service.ask": "Ask about this",
  "service.licenseFree": "Needs no license (confirmed by the creator)",
  "category.consulting": "Consulting",
  "category.skill_training": "Skill training",
  "category.local_service": "Local service",
  "category.shop_offer": "Shop offer",
  "facts.heading": "About these services",
  "facts.adult": "The creator confirms being 18 or older.",
  "facts.followers": "{n} followers, as the platform reports them.",
  "facts.competence": "Competence: {note}",
  "facts.notOffered": "Not offered: services that need a license, and payment on this page. Prices are agreed with the creator and paid outside LiveDesk.",
  "service.live": "The creator is live now: your question is tied to this live.",
  "ask.label": "Your question",
  "ask.submit": "Send question",
  "ask.cancel": "Cancel",
  "ask.empty": "Write your question first.",
  "ask.about": "Ask about: {title}",
  "threads.heading": "Your questions",
  "threads.none": "Nothing asked yet.",
  "thread.you": "You",
  "thread.creator": "Creator",
  "thread.reply": "Your answer",
  "thread.send": "Answer",
  "status.new": "Sent",
  "status.open": "Sent",
  "status.snoozed": "Sent",
  "status.quoted": "Quote: {price}",
  "status.booked": "Booked: {price} · {date}",
  "status.completed": "Completed",
  "status.declined": "Declined",
  "status.closed": "Closed",
  "conn.connecting": "Connecting…",
  "conn.offline": "Offline: reconnecting… Nothing you send is lost.",
  "conn.signedOut": "You are signed out on this browser.",
  "error.generic": "That did not work: {message}",
  "error.network": "The server cannot be reached. Try again in a moment.",
  "error.rate": "Too many tries. Wait a little and try again.",
  "sections": "Sections",
};

const DE = {
  "title": "Fan-Seite",
  "titleOf": "{name} · Fan-Seite",
  "signout": "Abmelden",
  "signup.heading": "Namen wählen und dabei sein",
  "signup.intro": "Schreib mit dem Creator im Below Room und frag nach seinen Services. Keine E-Mail, kein Passwort: Dieser Browser hält dich angemeldet.",
  "signup.label": "Anzeigename",
  "signup.submit": "Beitreten",
  "signup.empty": "Wähle einen Anzeigenamen.",
  "below.heading": "Below Room",
  "service.heading": "Service+",
  "join.what": "Der Below Room ist der private Raum des Creators für Mitglieder: ein kleinerer Chat, in dem Fragen beantwortet werden, manchmal vor der Kamera.",
  "join.how": "Um beizutreten, hol dir beim Creator einen Pass-Code und löse ihn hier ein. Bezahlt wird, wenn überhaupt, außerhalb von LiveDesk, dort wo der Creator Pässe verkauft; diese Seite verlangt nie Geld.",
  "join.label": "Pass-Code",
  "join.submit": "Einlösen",
  "join.empty": "Gib den Code deines Passes ein.",
  "join.lost": "Dein Pass ist abgelaufen oder wurde zurückgezogen; der Below Room ist für dich geschlossen. Frag den Creator nach einem neuen.",
  "room.label": "Nachricht",
  "room.send": "Senden",
  "room.messages": "Nachrichten im Below Room",
  "room.empty": "Noch keine Nachrichten. Sag Hallo!",
  "room.member": "Mitglied · Stufe {tier} · bis {date}",
  "room.tier": "Stufe {tier}",
  "room.creator": "Creator",
  "room.mod": "Mod",
  "room.onCamera": "vor der Kamera beantwortet",
  "room.inText": "im Text beantwortet",
  "room.queued": "für die Kamera vorgemerkt",
  "room.gap": "Einige ältere Nachrichten konnten nicht geladen werden.",
  "room.replyTo": "Antwort an {name}",
  "service.none": "Der Creator bietet gerade keine Services an.",
  "service.onRequest": "Preis auf Anfrage",
  "service.minutes": "{n} Min.",
  "service.ask": "Dazu fragen",
  "service.licenseFree": "Ohne Lizenz erlaubt (vom Creator bestätigt)",
  "category.consulting": "Beratung",
  "category.skill_training": "Training",
  "category.local_service": "Service vor Ort",
  "category.shop_offer": "Shop-Angebot",
  "facts.heading": "Über diese Services",
  "facts.adult": "Der Creator bestätigt, mindestens 18 Jahre alt zu sein.",
  "facts.followers": "{n} Follower laut Plattform.",
  "facts.competence": "Kompetenz: {note}",
  "facts.notOffered": "Nicht im Angebot: Services, die eine Lizenz brauchen, und Bezahlen auf dieser Seite. Preise werden mit dem Creator vereinbart und außerhalb von LiveDesk bezahlt.",
  "service.live": "Der Creator ist gerade live: Deine Frage gehört zu diesem Live.",
  "ask.label": "Deine Frage",
  "ask.submit": "Frage senden",
  "ask.cancel": "Abbrechen",
  "ask.empty": "Schreib zuerst deine Frage.",
  "ask.about": "Frage zu: {title}",
  "threads.heading": "Deine Fragen",
  "threads.none": "Noch nichts gefragt.",
  "thread.you": "Du",
  "thread.creator": "Creator",
  "thread.reply": "Deine Antwort",
  "thread.send": "Antworten",
  "status.new": "Gesendet",
  "status.open": "Gesendet",
  "status.snoozed": "Gesendet",
  "status.quoted": "Angebot: {price}",
  "status.booked": "Gebucht: {price} · {date}",
  "status.completed": "Erledigt",
  "status.declined": "Abgelehnt",
  "status.closed": "Geschlossen",
  "conn.connecting": "Verbinde…",
  "conn.offline": "Offline: verbinde neu… Was du sendest, geht nicht verloren.",
  "conn.signedOut": "Du bist in diesem Browser abgemeldet.",
  "error.generic": "Das hat nicht geklappt: {message}",
  "error.network": "Der Server ist nicht erreichbar. Versuch es gleich noch einmal.",
  "error.rate": "Zu viele Versuche. Warte kurz und versuch es noch einmal.",
  "sections": "Bereiche",
};

function pickLanguage() {
  for (const tag of navigator.languages || [navigator.language || "en"]) {
    const base = String(tag).toLowerCase().split("-")[0];
    if (base === "de" || base === "en") return base;
  }
  return "en";
}

const lang = pickLanguage();
const WORDS = lang === "de" ? DE : EN;

/** The text for `key`, with {name} placeholders filled in (values are plain text). */
function t(key, values = {}) {
  const text = WORDS[key] ?? EN[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? ""));
}

/** Put the words into every element marked data-i18n, as text. */
function translatePage(root = document) {
  document.documentElement.lang = lang;
  for (const node of root.querySelectorAll("[data-i18n]")) {
    node.textContent = t(node.dataset.i18n);
  }
  document.title = t("title");
}

function formatMoney(cents, currency) {
  try {
    return new Intl.NumberFormat(lang, { style: "currency", currency }).format(cents / 100);
  } catch {
    return `${(cents / 100).toFixed(2)} ${currency}`;
  }
}

function formatDate(ms) {
  return new Intl.DateTimeFormat(lang, { dateStyle: "medium" }).format(new Date(ms));
}

function formatDateTime(ms) {
  return new Intl.DateTimeFormat(lang, { dateStyle: "medium", timeStyle: "short" }).format(
    new Date(ms),
  );
}

function formatTime(ms) {
  return new Intl.DateTimeFormat(lang, { timeStyle: "short" }).format(new Date(ms));
}

// --- the page ---------------------------------------------------------------------------

const $ = (id) => document.getElementById(id);
const MAX_MESSAGES = 300;

/** An element with attributes and children; strings become text nodes. */
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue;
    if (name === "class") node.className = value;
    else node.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.append(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return node;
}

const state = {
  me: null, // {id, name}
  member: null, // {tier, expires_ms}
  services: [],
  live: null,
  messages: new Map(), // message_id -> {li, marks:Set}
  threads: new Map(), // inquiry_id -> {...}
  asking: null, // service being asked about
  conn: null,
  lostPass: false,
  creator: null, // {name, followers, adult_confirmed, competence_note}
};

// --- API calls -------------------------------------------------------------------------

async function api(name, headers = {}) {
  const response = await fetch(`/fan/api/${name}`, {
    headers: { "X-LiveDesk-Fan": "1", ...headers },
    credentials: "same-origin",
    cache: "no-store",
  });
  let body = {};
  try {
    body = await response.json();
  } catch {
    body = {};
  }
  return { status: response.status, body };
}

function problem(answer) {
  if (answer.status === 429) return t("error.rate");
  return t("error.generic", { message: answer.body.message || answer.status });
}

// --- views -----------------------------------------------------------------------------

function show(id, visible) {
  $(id).hidden = !visible;
}

function setStatus(kind) {
  const text = { connecting: t("conn.connecting"), offline: t("conn.offline"), online: "" }[kind];
  $("conn").textContent = text ?? "";
  $("conn").dataset.kind = kind;
}

function showSignedOut() {
  state.me = null;
  state.member = null;
  if (state.conn) state.conn.stop();
  state.conn = null;
  show("who", false);
  show("jump", false);
  show("below", false);
  show("service", false);
  show("signup", true);
  $("conn").textContent = "";
}

function showSignedIn(body) {
  state.me = body.account;
  state.member = body.member;
  show("signup", false);
  show("who", true);
  show("jump", true);
  show("below", true);
  show("service", true);
  $("who-name").textContent = state.me.name;
  state.creator = body.creator || null;
  if (state.creator && state.creator.name) {
    $("title").textContent = t("titleOf", { name: state.creator.name });
    document.title = $("title").textContent;
  }
  renderFacts();
  renderMembership();
  if (!state.conn) {
    state.conn = new FanConnection({
      onReady: ready,
      onEvent: handleEvent,
      onGap: () => addNotice(t("room.gap")),
      onState: connectionState,
      onSignedOut: showSignedOut,
    });
    state.conn.connect();
  }
}

async function connectionState(kind) {
  setStatus(kind);
  if (kind === "offline") {
    // A handshake refused with 401 looks like any dropped connection to a page: ask.
    try {
      const answer = await api("me");
      if (answer.status === 401) showSignedOut();
    } catch {
      /* offline: keep retrying */
    }
  }
}

function renderMembership() {
  const member = state.member;
  const tier = $("who-tier");
  if (member) {
    tier.hidden = false;
    tier.textContent = t("room.tier", { tier: member.tier });
    tier.className = `badge tier${member.tier}`;
    $("member-line").textContent = t("room.member", {
      tier: member.tier,
      date: formatDate(member.expires_ms),
    });
  } else {
    tier.hidden = true;
  }
  show("room", Boolean(member));
  show("join", !member);
  const lost = $("join").querySelector(".lost");
  if (lost) lost.remove();
  if (!member && state.lostPass) {
    $("join").prepend(el("p", { class: "notice lost", role: "status" }, t("join.lost")));
  }
}

// --- the protocol ----------------------------------------------------------------------

function ready(frame, resumed) {
  const snapshot = frame.snapshot;
  state.services = snapshot.services || [];
  state.live = snapshot.live;
  if (!resumed) {
    $("messages").replaceChildren();
    state.messages.clear();
  }
  for (const item of snapshot.oncamera || []) mark(item.message_id, "queued");
  const member = Boolean(snapshot.is_member);
  if (member !== Boolean(state.member)) refreshMe();
  renderServices();
  renderEmptyRoom();
}

async function refreshMe() {
  const answer = await api("me");
  if (answer.status === 401) return showSignedOut();
  if (answer.status === 200) {
    state.member = answer.body.member;
    renderMembership();
  }
}

function handleEvent(event) {
  const data = event.data;
  switch (data.type) {
    case "chat.message":
      if (data.room === "below") addMessage(data, event.ts);
      break;
    case "chat.deleted": {
      const item = state.messages.get(data.message_id);
      if (item) item.li.remove();
      state.messages.delete(data.message_id);
      break;
    }
    case "oncamera.changed":
      mark(data.message_id, data.status === "answered" ? "camera" : "queued");
      break;
    case "member.status":
      state.lostPass = !data.member;
      state.member = data.member ? { tier: data.tier, expires_ms: data.expires_ms } : null;
      renderMembership();
      if (!data.member) {
        $("messages").replaceChildren();
        state.messages.clear();
      }
      // The room was gained (or lost) since this connection began: reconnect so the room's
      // recent messages come too. Replayed old statuses that match what it reads do nothing.
      if (data.member !== state.conn.reads("below")) state.conn.reconnect(["below"]);
      break;
    case "services.changed":
      state.services = data.services;
      renderServices();
      break;
    case "live.started":
      state.live = { session_id: data.session_id, started_ms: data.started_ms, title: data.title };
      renderServices();
      break;
    case "live.ended":
      state.live = null;
      renderServices();
      break;
    case "inquiry.created":
      thread(data.inquiry_id, data.service_title).items.push({
        who: "you", text: data.text, ts: event.ts,
      });
      renderThread(data.inquiry_id);
      break;
    case "inquiry.message":
      thread(data.inquiry_id).items.push({
        who: data.author === "creator" ? "creator" : "you", text: data.text, ts: event.ts,
      });
      renderThread(data.inquiry_id);
      break;
    case "inquiry.status": {
      const th = thread(data.inquiry_id);
      th.status = data.status;
      th.items.push({
        status: data.status, price: data.price_cents, ts: event.ts, at: data.booked_for_ms,
      });
      renderThread(data.inquiry_id);
      break;
    }
    default:
      break;
  }
}

// --- Below Room ------------------------------------------------------------------------

function badgeFor(user) {
  const badges = user.badges || [];
  if (badges.includes("creator")) return el("span", { class: "badge creator" }, t("room.creator"));
  if (badges.includes("moderator")) return el("span", { class: "badge mod" }, t("room.mod"));
  const member = badges.find((b) => b.startsWith("member:"));
  if (member) {
    const tier = member.split(":")[1];
    return el("span", { class: `badge tier${tier}` }, t("room.tier", { tier }));
  }
  return null;
}

function addMessage(data, ts) {
  if (state.messages.has(data.message_id)) return;
  const list = $("messages");
  const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
  const mine = state.me && data.user.id === state.me.id;
  const replied = data.reply_to ? state.messages.get(data.reply_to) : null;
  const staff = (data.user.badges || []).some((b) => b === "creator" || b === "moderator");
  const li = el(
    "li",
    { class: mine ? "message mine" : "message", "data-id": data.message_id },
    el(
      "div",
      { class: "meta" },
      el("bdi", { class: "name" }, data.user.name),
      badgeFor(data.user),
      el("time", { datetime: new Date(ts).toISOString() }, formatTime(ts)),
    ),
    replied
      ? el("div", { class: "reply" }, t("room.replyTo", { name: replied.name }))
      : null,
    el("p", { class: "text", dir: "auto" }, data.text),
    el("div", { class: "marks" }),
  );
  list.append(li);
  state.messages.set(data.message_id, { li, marks: new Set(), name: data.user.name });
  if (replied && staff) mark(data.reply_to, "text");
  while (list.children.length > MAX_MESSAGES) {
    const first = list.firstElementChild;
    state.messages.delete(first.dataset.id);
    first.remove();
  }
  renderEmptyRoom();
  if (atBottom || mine) list.scrollTop = list.scrollHeight;
}

function mark(messageId, kind) {
  const item = state.messages.get(messageId);
  if (!item) return;
  if (kind === "camera") item.marks.delete("queued");
  if (kind === "queued" && item.marks.has("camera")) return;
  item.marks.add(kind);
  const words = { camera: t("room.onCamera"), text: t("room.inText"), queued: t("room.queued") };
  item.li.querySelector(".marks").replaceChildren(
    ...[...item.marks].map((m) => el("span", { class: `mark ${m}` }, words[m])),
  );
}

function addNotice(text) {
  $("messages").append(el("li", { class: "notice" }, text));
}

function renderEmptyRoom() {
  const list = $("messages");
  const empty = list.querySelector(".empty");
  if (state.messages.size === 0 && !empty) {
    list.append(el("li", { class: "empty" }, t("room.empty")));
  } else if (state.messages.size > 0 && empty) {
    empty.remove();
  }
}

// --- Service+ --------------------------------------------------------------------------

function renderServices() {
  const list = $("services");
  list.replaceChildren(
    ...state.services.map((service) => {
      const price = service.price_cents === null || service.price_cents === undefined
        ? t("service.onRequest")
        : formatMoney(service.price_cents, service.currency);
      const facts = [t(`category.${service.category}`), price];
      if (service.duration_min) facts.push(t("service.minutes", { n: service.duration_min }));
      const ask = el("button", { type: "button", class: "ask-button" }, t("service.ask"));
      ask.addEventListener("click", () => startAsking(service));
      return el(
        "li",
        { class: "service" },
        el("h4", { dir: "auto" }, service.title),
        el("p", { class: "facts" }, facts.join(" · ")),
        service.description ? el("p", { class: "bio", dir: "auto" }, service.description) : null,
        service.license_free_confirmed
          ? el("p", { class: "fact" }, t("service.licenseFree"))
          : null,
        ask,
      );
    }),
  );
  show("no-services", state.services.length === 0);
  const live = $("live-line");
  live.hidden = !state.live;
  live.textContent = state.live ? t("service.live") : "";
}

/** The Service+ eligibility facts the creator's console knows, and what is not offered. */
function renderFacts() {
  const creator = state.creator || {};
  const facts = [];
  if (creator.adult_confirmed) facts.push(t("facts.adult"));
  if (creator.followers !== null && creator.followers !== undefined) {
    facts.push(t("facts.followers", { n: new Intl.NumberFormat(lang).format(creator.followers) }));
  }
  if (creator.competence_note) facts.push(t("facts.competence", { note: creator.competence_note }));
  facts.push(t("facts.notOffered"));
  $("facts").replaceChildren(...facts.map((fact) => el("li", { dir: "auto" }, fact)));
}

function startAsking(service) {
  state.asking = service;
  $("ask-title").textContent = t("ask.about", { title: service.title });
  $("ask-error").textContent = "";
  show("ask-form", true);
  $("ask-text").focus();
}

function thread(inquiryId, title) {
  let th = state.threads.get(inquiryId);
  if (!th) {
    th = { id: inquiryId, title: title || "", status: "new", items: [], node: null };
    state.threads.set(inquiryId, th);
  } else if (title) {
    th.title = title;
  }
  return th;
}

function renderThread(inquiryId) {
  const th = state.threads.get(inquiryId);
  const items = th.items.map((item) => {
    if (item.status) {
      const price = item.price !== null && item.price !== undefined
        ? formatMoney(item.price, serviceCurrency(th)) : "";
      return el(
        "li",
        { class: `status ${item.status}` },
        // A booking says its appointment; other steps say when they happened.
        t(`status.${item.status}`, {
          price, date: item.at ? formatDateTime(item.at) : formatDate(item.ts),
        }),
      );
    }
    return el(
      "li",
      { class: item.who === "creator" ? "said creator" : "said you" },
      el("span", { class: "who" }, item.who === "creator" ? t("thread.creator") : t("thread.you")),
      el("p", { dir: "auto" }, item.text),
    );
  });
  if (!th.node) {
    const inputId = `reply-${inquiryId}`;
    const form = el(
      "form",
      { class: "reply-form", novalidate: true },
      el("label", { for: inputId }, t("thread.reply")),
      el("textarea", { id: inputId, maxlength: 4000, rows: 2, required: true }),
      el("button", { type: "submit" }, t("thread.send")),
      el("p", { class: "error", role: "alert" }),
    );
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      replyInThread(th, form);
    });
    th.node = el(
      "li",
      { class: "thread" },
      el("h4", { dir: "auto" }, th.title),
      el("ol", { class: "items" }),
      form,
    );
    $("threads").prepend(th.node);
  }
  th.node.querySelector("h4").textContent = th.title;
  th.node.querySelector(".items").replaceChildren(...items);
  show("no-threads", false);
}

function serviceCurrency(th) {
  const service = state.services.find((s) => s.title === th.title);
  return service ? service.currency : "USD";
}

async function replyInThread(th, form) {
  const box = form.querySelector("textarea");
  const error = form.querySelector(".error");
  const text = box.value.trim();
  if (!text) return;
  error.textContent = "";
  const answer = await state.conn.command({ type: "inquiry.reply", inquiry_id: th.id, text });
  error.textContent = refusal(answer);
  if (answer.op === "ack") box.value = "";
}

// --- forms -----------------------------------------------------------------------------

/** Wire a form of one text field: `submit(text)` runs with the trimmed text and returns an
 * error to show, or "" when it worked (the field is then cleared). Empty text: `emptyKey`. */
function onForm(formId, fieldId, errorId, emptyKey, submit) {
  $(formId).addEventListener("submit", async (e) => {
    e.preventDefault();
    const field = $(fieldId);
    const error = $(errorId);
    const text = field.value.trim();
    error.textContent = "";
    if (!text) {
      if (emptyKey) error.textContent = t(emptyKey);
      return;
    }
    // One send at a time: a command waiting for the connection keeps its request id and
    // goes out once; pressing again meanwhile must not make a second one.
    const button = $(formId).querySelector("button[type=submit]");
    button.disabled = true;
    try {
      const problemText = await submit(text);
      if (problemText) error.textContent = problemText;
      else field.value = "";
    } finally {
      button.disabled = false;
    }
  });
}

function refusal(answer) {
  if (answer.op === "ack") return "";
  if (answer.code === "rate_limited") return t("error.rate");
  return t("error.generic", { message: answer.message });
}

function wireForms() {
  onForm("signup-form", "signup-name", "signup-error", "signup.empty", async (name) => {
    let answer;
    try {
      answer = await api("signup", { "X-LiveDesk-Name": encodeURIComponent(name) });
    } catch {
      return t("error.network");
    }
    if (answer.status !== 200) return problem(answer);
    showSignedIn(answer.body);
    prefillPass();
    return "";
  });

  $("signout").addEventListener("click", async () => {
    try {
      await api("signout");
    } finally {
      showSignedOut();
      $("conn").textContent = t("conn.signedOut");
      $("signup-name").focus();
    }
  });

  onForm("redeem-form", "redeem-code", "redeem-error", "join.empty", async (code) => {
    const answer = await state.conn.command({ type: "pass.redeem", code });
    if (answer.op === "ack") history.replaceState(null, "", location.pathname);
    return refusal(answer);
  });

  onForm("send-form", "send-text", "send-error", null, async (text) =>
    refusal(await state.conn.command({ type: "chat.send", room: "below", text })));

  onForm("ask-form", "ask-text", "ask-error", "ask.empty", async (text) => {
    const service = state.asking;
    const answer = await state.conn.command({
      type: "inquiry.create", service_id: service.id, text,
    });
    if (answer.op === "ack") show("ask-form", false);
    return refusal(answer);
  });

  $("ask-cancel").addEventListener("click", () => {
    show("ask-form", false);
    state.asking = null;
  });
}

/** A pass link (/fan/#pass=CODE) fills in the code; the fragment never reaches a server. */
function prefillPass() {
  const match = /(?:^|[#&])pass=([^&]+)/.exec(location.hash);
  if (match) $("redeem-code").value = decodeURIComponent(match[1]);
}

async function start() {
  translatePage();
  $("messages").setAttribute("aria-label", t("room.messages"));
  $("jump").setAttribute("aria-label", t("sections"));
  wireForms();
  prefillPass();
  let answer;
  try {
    answer = await api("me");
  } catch {
    $("conn").textContent = t("error.network");
    return;
  }
  if (answer.status === 200) showSignedIn(answer.body);
  else showSignedOut();
}

start();
