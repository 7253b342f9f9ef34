/* The clinic's chat widget: window.CLINIC_CHAT_SETTINGS (widget.yml, served as
   /widget-settings.js) + socket.io-client (/vendor/socket.io.min.js) + this module.
   The browser's language picks the texts (es-* Spanish, else English). */

import { Connection } from "./connection.js";
import { ConversationStore, emptyConversation } from "./storage.js";
import { groupIntoBubbles, sourceTitle } from "./text.js";
import { ChatView } from "./view.js";

const QUIET_MS = 150; // a reply's paragraphs arrive together; this long without one ends it

function uiLanguage(texts) {
  const preferred = (navigator.languages && navigator.languages[0]) || navigator.language || "en";
  return preferred.toLowerCase().startsWith("es") && texts.es ? "es" : "en";
}

function start(root, settings) {
  const language = uiLanguage(settings.texts);
  const texts = settings.texts[language];
  root.lang = language;
  for (const [name, value] of Object.entries(settings.colors)) {
    root.style.setProperty(`--cc-${name.replaceAll("_", "-")}`, value);
  }
  const prefixes = settings.source_prefixes;
  const store = new ConversationStore(settings.storage);
  let conversation = store.load();
  const view = new ChatView(root, texts, settings.launcher_image);
  const save = () => store.save(conversation);

  const connection = new Connection({
    url: settings.assistant_url,
    language,
    timeoutMs: (settings.answer_timeout_seconds || 15) * 1000,
    sessionId: conversation.sessionId,
    on: {
      session(id) {
        conversation.sessionId = id;
        save();
        greetIfNew();
      },
      connected: (connected) => view.setConnected(connected),
      bot: receive,
      answered(id) {
        const message = findUser(id);
        if (message && message.failed) {
          message.failed = false;
          view.clearFailed(id);
        }
        save();
      },
      failed(id) {
        const message = findUser(id);
        if (message) {
          message.failed = true;
          save();
        }
        view.markFailed(message && !message.hidden ? id : null, () => resend(message));
      },
    },
  });

  const findUser = (id) => conversation.messages.find((m) => m.from === "user" && m.id === id);

  function greetIfNew() {
    if (!view.isOpen || !connection.confirmed || conversation.greeted) return;
    conversation.greeted = true;
    const payload = `/greet{"language":"${language}"}`;
    conversation.messages.push({ from: "user", id: connection.send(payload), payload, hidden: true });
    save();
  }

  function say(text, payload) {
    view.removeReplies();
    const message = { from: "user", id: connection.send(payload), text, payload };
    conversation.messages.push(message);
    save();
    view.addUser(message);
  }

  function resend(message) {
    if (!message) return;
    const oldId = message.id;
    message.failed = false;
    message.id = connection.send(message.payload);
    view.renameMessage(oldId, message.id);
    save();
  }

  // The assistant's paragraphs, gathered into answers (one bubble each).
  let parts = [];
  let quiet = null;
  function receive(message) {
    parts.push(message);
    clearTimeout(quiet);
    const text = typeof message.text === "string" ? message.text.trim() : "";
    const ends = sourceTitle(text, prefixes) !== null || (message.quick_replies || []).length;
    if (ends) flush();
    else quiet = setTimeout(flush, QUIET_MS);
  }
  function flush() {
    clearTimeout(quiet);
    const bubbles = groupIntoBubbles(parts, prefixes);
    parts = [];
    if (!bubbles.length) return;
    view.removeReplies();
    for (const bubble of bubbles) {
      conversation.messages.push({ from: "bot", ...bubble });
      view.addBot(bubble, bubble === bubbles[bubbles.length - 1], chooseReply);
    }
    save();
  }
  const chooseReply = (reply) => {
    say(reply.title, reply.payload);
    view.input.focus();
  };

  function render() {
    view.clear();
    const shown = conversation.messages.filter((m) => !m.hidden || m.failed);
    shown.forEach((m, i) => {
      if (m.from === "bot") view.addBot(m, i === shown.length - 1, chooseReply);
      else if (m.hidden) view.markFailed(null, () => resend(m));
      else view.addUser(m, () => resend(m));
    });
  }

  function setOpen(open, focus) {
    view.setOpen(open);
    conversation.open = open;
    save();
    if (open) greetIfNew();
    if (focus) (open ? view.input : view.launcher).focus();
  }

  view.launcher.addEventListener("click", () => setOpen(!view.isOpen, true));
  view.close.addEventListener("click", () => setOpen(false, true));
  view.panel.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      event.preventDefault();
      setOpen(false, true);
    }
  });
  view.form.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = view.input.value.trim();
    if (!text) return;
    view.input.value = "";
    say(text, text);
  });
  view.startOver.addEventListener("click", () => {
    store.clear();
    conversation = { ...emptyConversation(), open: true };
    parts = [];
    view.clear();
    connection.restart();
    view.input.focus();
  });

  render();
  view.setOpen(Boolean(conversation.open));
  view.setConnected(false);
  connection.start();
}

const root = document.getElementById("clinic-chat");
if (root && window.CLINIC_CHAT_SETTINGS && window.io) start(root, window.CLINIC_CHAT_SETTINGS);
