/* Rasa's socket.io protocol on socket.io-client (window.io, /vendor/socket.io.min.js):
   session_request {session_id} -> session_confirm <id>; user_uttered {message,
   session_id, customData: {language, message_id}}; bot_uttered {text, quick_replies}.
   A message whose answer has not come when the socket drops is sent once more, with
   the same message_id, on reconnect; still no answer after `timeoutMs`: onFailed. */

export function newMessageId() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40; // version 4
  bytes[8] = (bytes[8] & 0x3f) | 0x80; // RFC 4122 variant
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export class Connection {
  constructor({ url, language, timeoutMs, sessionId, on }) {
    this.language = language;
    this.timeoutMs = timeoutMs;
    this.sessionId = sessionId || null;
    this.on = on; // {session(id, isNew), connected(bool), bot(message), answered(id), failed(id)}
    this.pending = new Map(); // message_id -> {text, emits, connection, timer}
    this.connections = 0; // session confirmations so far: one per (re)connection
    this.confirmed = false;
    this.socket = window.io(url, { path: "/socket.io/", autoConnect: false });
    this.socket.on("connect", () => this.requestSession());
    this.socket.on("session_confirm", (data) => this.confirm(data));
    this.socket.on("disconnect", () => {
      this.confirmed = false;
      this.on.connected(false);
    });
    this.socket.on("bot_uttered", (message) => {
      this.answered();
      this.on.bot(message || {});
    });
  }

  start() {
    this.socket.connect();
  }

  /** A new conversation: forget the session and ask the server for a new one. */
  restart() {
    for (const entry of this.pending.values()) clearTimeout(entry.timer);
    this.pending.clear();
    this.sessionId = null;
    this.socket.disconnect();
    this.socket.connect();
  }

  /** Send `text` (now, or as soon as connected); returns its message_id. */
  send(text) {
    const id = newMessageId();
    const entry = { text, emits: 0, connection: 0, timer: null };
    this.pending.set(id, entry);
    this.startTimer(id, entry);
    if (this.confirmed) this.emit(id, entry);
    return id;
  }

  requestSession() {
    this.socket.emit("session_request", { session_id: this.sessionId });
  }

  confirm(data) {
    const id = typeof data === "string" ? data : data && data.session_id;
    if (!id) return;
    const isNew = id !== this.sessionId;
    this.sessionId = id;
    this.confirmed = true;
    this.connections += 1;
    this.on.connected(true);
    this.on.session(id, isNew);
    for (const [messageId, entry] of this.pending) {
      if (entry.emits === 0) {
        this.emit(messageId, entry); // typed while offline: its first send
      } else if (entry.emits === 1 && entry.connection < this.connections) {
        this.emit(messageId, entry); // lost with the old connection: the one resend
        this.startTimer(messageId, entry);
      }
    }
  }

  emit(id, entry) {
    entry.emits += 1;
    entry.connection = this.connections;
    this.socket.emit("user_uttered", {
      message: entry.text,
      session_id: this.sessionId,
      customData: { language: this.language, message_id: id },
    });
  }

  startTimer(id, entry) {
    clearTimeout(entry.timer);
    entry.timer = setTimeout(() => {
      if (this.pending.get(id) !== entry) return;
      this.pending.delete(id);
      this.on.failed(id);
    }, this.timeoutMs);
  }

  /** The assistant has answered: every message sent so far has arrived. */
  answered() {
    for (const [id, entry] of this.pending) {
      if (entry.emits === 0) continue;
      clearTimeout(entry.timer);
      this.pending.delete(id);
      this.on.answered(id);
    }
  }
}
