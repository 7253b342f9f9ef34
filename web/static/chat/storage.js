/* The browser's copy of the conversation: the session id and what is shown.
   sessionStorage by default (gone when the browser is closed: shared computers),
   localStorage if widget.yml says `storage: local`. */

const KEY = "clinic-chat";

export function emptyConversation() {
  return { sessionId: null, open: false, messages: [] };
}

export class ConversationStore {
  constructor(kind) {
    this.kind = kind === "local" ? "local" : "session";
  }

  get area() {
    try {
      return this.kind === "local" ? window.localStorage : window.sessionStorage;
    } catch {
      return null; // storage disabled: the conversation lasts as long as the page
    }
  }

  load() {
    try {
      const saved = JSON.parse(this.area?.getItem(KEY) || "null");
      if (saved && Array.isArray(saved.messages)) return { ...emptyConversation(), ...saved };
    } catch {
      /* unreadable copy: start afresh */
    }
    return emptyConversation();
  }

  save(conversation) {
    try {
      this.area?.setItem(KEY, JSON.stringify(conversation));
    } catch {
      /* full or disabled: the page still works, without the copy */
    }
  }

  clear() {
    for (const area of [safe(() => window.sessionStorage), safe(() => window.localStorage)]) {
      try {
        area?.removeItem(KEY);
      } catch {
        /* nothing to clear */
      }
    }
  }
}

function safe(get) {
  try {
    return get();
  } catch {
    return null;
  }
}
