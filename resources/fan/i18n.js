// The fan page's words in English and German; the browser's language picks one.

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

export const lang = pickLanguage();
const WORDS = lang === "de" ? DE : EN;

/** The text for `key`, with {name} placeholders filled in (values are plain text). */
export function t(key, values = {}) {
  const text = WORDS[key] ?? EN[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? ""));
}

/** Put the words into every element marked data-i18n, as text. */
export function translatePage(root = document) {
  document.documentElement.lang = lang;
  for (const node of root.querySelectorAll("[data-i18n]")) {
    node.textContent = t(node.dataset.i18n);
  }
  document.title = t("title");
}

export function formatMoney(cents, currency) {
  try {
    return new Intl.NumberFormat(lang, { style: "currency", currency }).format(cents / 100);
  } catch {
    return `${(cents / 100).toFixed(2)} ${currency}`;
  }
}

export function formatDate(ms) {
  return new Intl.DateTimeFormat(lang, { dateStyle: "medium" }).format(new Date(ms));
}

export function formatTime(ms) {
  return new Intl.DateTimeFormat(lang, { timeStyle: "short" }).format(new Date(ms));
}
