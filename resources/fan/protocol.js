// The LiveDesk protocol (app/protocol/PROTOCOL.md) for the fan page, over /fan/ws.
//
// The same rules as the console: the page remembers the newest seq it has seen per channel
// and resumes from there after a reconnect (a phone that slept), drops any event it already
// has (nothing twice), and sends each command with a request id that it keeps until the
// server answered; a command sent while offline waits and goes out after the reconnect with
// the same id, so the server applies it once (nothing lost, nothing twice).

const FINAL_CLOSE_CODES = new Set([4001, 4002, 4003, 4004]);
const MAX_BACKOFF_MS = 15000;

export class FanConnection {
  constructor({ onReady, onEvent, onGap, onState, onSignedOut }) {
    this.handlers = { onReady, onEvent, onGap, onState, onSignedOut };
    this.seen = {}; // channel -> newest seq shown
    this.pending = new Map(); // rid -> {frame, resolve}
    this.ws = null;
    this.ready = false;
    this.heads = {};
    this.deliberate = false;
    this.stopped = false;
    this.backoffMs = 500;
    this.heartbeat = null;
    this.retryTimer = null;
    document.addEventListener("visibilitychange", () => {
      // A phone that woke up: reconnect now rather than when the backoff says.
      if (document.visibilityState === "visible" && !this.ready) this.connectSoon(0);
    });
    window.addEventListener("online", () => this.connectSoon(0));
  }

  connect() {
    if (this.stopped || this.ws) return;
    clearTimeout(this.retryTimer);
    const scheme = location.protocol === "https:" ? "wss:" : "ws:";
    const ws = new WebSocket(`${scheme}//${location.host}/fan/ws`);
    this.ws = ws;
    if (!this.deliberate) this.handlers.onState("connecting");
    ws.onmessage = (message) => this.receive(JSON.parse(message.data));
    ws.onclose = (closed) => this.closed(ws, closed.code);
  }

  /** True if this connection reads channel `ch` (it was in ready's heads). */
  reads(ch) {
    return this.ready && ch in this.heads;
  }

  /** Reconnect; `fresh` channels start over from their newest events (a channel gained
   * mid-connection only flows live; a reconnect brings its recent backlog too). */
  reconnect(fresh = []) {
    for (const ch of fresh) delete this.seen[ch];
    this.deliberate = true; // not "offline": back at once, without a word
    if (this.ws) this.ws.close(1000);
    else this.connectSoon(0);
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    clearInterval(this.heartbeat);
    if (this.ws) this.ws.close(1000);
  }

  connectSoon(delayMs) {
    if (this.stopped || this.ws) return;
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => this.connect(), delayMs);
  }

  closed(ws, code) {
    if (this.ws !== ws) return;
    this.ws = null;
    this.ready = false;
    clearInterval(this.heartbeat);
    if (this.stopped) return;
    if (FINAL_CLOSE_CODES.has(code)) {
      this.stopped = true;
      this.handlers.onSignedOut();
      return;
    }
    if (this.deliberate) {
      this.deliberate = false;
      this.connectSoon(0);
      return;
    }
    this.handlers.onState("offline");
    this.connectSoon(this.backoffMs);
    this.backoffMs = Math.min(this.backoffMs * 2, MAX_BACKOFF_MS);
  }

  send(frame) {
    if (this.ws && this.ws.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(frame));
  }

  receive(frame) {
    switch (frame.op) {
      case "hello":
        this.startHeartbeat(frame.heartbeat_ms);
        this.send({ op: "identify", protocol: 1, client: "fan-page", resume: { ...this.seen } });
        break;
      case "ready":
        this.ready = true;
        this.heads = frame.heads;
        this.backoffMs = 500;
        this.handlers.onReady(frame, Object.keys(this.seen).length > 0);
        this.handlers.onState("online");
        for (const [rid, item] of this.pending) this.send({ op: "cmd", rid, cmd: item.cmd });
        break;
      case "events":
        for (const event of frame.events) {
          const last = this.seen[event.ch] ?? 0;
          if (event.seq <= last) continue; // already shown: nothing twice
          this.seen[event.ch] = event.seq;
          this.handlers.onEvent(event);
        }
        break;
      case "gap":
        this.handlers.onGap(frame);
        break;
      case "ack":
      case "error": {
        const item = frame.rid ? this.pending.get(frame.rid) : undefined;
        if (item) {
          this.pending.delete(frame.rid);
          item.resolve(frame);
        }
        break;
      }
      default:
        break;
    }
  }

  startHeartbeat(intervalMs) {
    clearInterval(this.heartbeat);
    this.heartbeat = setInterval(() => {
      this.send({ op: "heartbeat", acks: { ...this.seen } });
    }, Math.max(1000, intervalMs));
  }

  /** Send a command; resolves with the server's ack or error frame. */
  command(cmd) {
    const rid = crypto.randomUUID ? crypto.randomUUID() : `r${Date.now()}${Math.random()}`;
    return new Promise((resolve) => {
      this.pending.set(rid, { cmd, resolve });
      if (this.ready) this.send({ op: "cmd", rid, cmd });
    });
  }
}
