/* The widget's DOM: a launcher button and a non-modal dialog holding the
   conversation (a focusable role=log live region), quick replies and the input.
   Text is only ever set as text; links only for http(s) URLs (text.js). */

import { linkPieces, safeHref } from "./text.js";

function el(tag, attributes = {}, children = []) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== null && value !== undefined && value !== false) node.setAttribute(name, value);
  }
  for (const child of children) node.append(child);
  return node;
}

const SEND_ICON =
  "M3.4 20.4 20.85 12.92a1 1 0 0 0 0-1.84L3.4 3.6a.99.99 0 0 0-1.39.91L2 9.12c0 .5.37.93.87.99L17 12 2.87 13.88c-.5.07-.87.5-.87 1l.01 4.61c0 .71.73 1.2 1.39.91z";

function icon(path) {
  const ns = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(ns, "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("focusable", "false");
  const shape = document.createElementNS(ns, "path");
  shape.setAttribute("d", path);
  svg.append(shape);
  return svg;
}

export class ChatView {
  constructor(root, texts, launcherImage) {
    this.t = texts;
    this.root = root;
    root.classList.add("cc");
    this.launcher = el("button", {
      type: "button",
      class: "cc-launcher",
      "aria-label": texts.open_chat,
      "aria-expanded": "false",
      "aria-controls": "cc-panel",
    }, [el("img", { src: launcherImage, alt: "" })]);
    this.startOver = el("button", { type: "button", class: "cc-start-over" }, [texts.start_over]);
    this.close = el("button", { type: "button", class: "cc-close", "aria-label": texts.close_chat }, [
      el("span", { "aria-hidden": "true" }, ["×"]),
    ]);
    this.log = el("div", {
      class: "cc-log",
      role: "log",
      "aria-live": "polite",
      "aria-label": texts.conversation,
      tabindex: "0",
    });
    this.status = el("p", { class: "cc-status", role: "status" });
    this.input = el("input", {
      id: "cc-input",
      class: "cc-input",
      type: "text",
      autocomplete: "off",
      placeholder: texts.input_hint,
      "aria-label": texts.input_label,
      maxlength: "2000",
    });
    this.send = el("button", { type: "submit", class: "cc-send", "aria-label": texts.send }, [icon(SEND_ICON)]);
    this.form = el("form", { class: "cc-composer" }, [this.input, this.send]);
    this.panel = el("section", {
      id: "cc-panel",
      class: "cc-panel",
      role: "dialog",
      "aria-labelledby": "cc-title",
      hidden: "",
    }, [
      el("header", { class: "cc-header" }, [
        el("div", { class: "cc-heading" }, [
          el("h2", { id: "cc-title", class: "cc-title" }, [texts.title]),
          el("p", { class: "cc-subtitle" }, [texts.subtitle]),
        ]),
        el("div", { class: "cc-header-buttons" }, [this.startOver, this.close]),
      ]),
      this.log,
      this.status,
      this.form,
    ]);
    root.replaceChildren(this.launcher, this.panel);
  }

  get isOpen() {
    return !this.panel.hidden;
  }

  setOpen(open) {
    this.panel.hidden = !open;
    this.launcher.setAttribute("aria-expanded", String(open));
    this.root.classList.toggle("cc-open", open);
    if (open) this.scrollToEnd();
  }

  setConnected(connected) {
    this.status.textContent = connected ? "" : this.t.offline;
  }

  clear() {
    this.log.replaceChildren();
  }

  /** One user message: {id, text, failed}. */
  addUser(message, onResend) {
    const bubble = el("div", { class: "cc-message cc-user", "data-id": message.id }, [
      el("span", { class: "cc-sr-only" }, [`${this.t.you_said} `]),
      el("p", {}, [message.text]),
    ]);
    this.log.append(bubble);
    if (message.failed) this.markFailed(message.id, onResend);
    this.scrollToEnd();
  }

  /** One answer: {paragraphs, source, replies}; replies only shown if `withReplies`. */
  addBot(bubble, withReplies, onReply) {
    const fragment = document.createDocumentFragment();
    const node = el("div", { class: "cc-message cc-bot" }, [
      el("span", { class: "cc-sr-only" }, [`${this.t.assistant_said} `]),
    ]);
    for (const paragraph of bubble.paragraphs) node.append(this.paragraph(paragraph));
    if (bubble.source) node.append(this.paragraph(bubble.source, "cc-source"));
    fragment.append(node);
    if (withReplies && bubble.replies.length) fragment.append(this.replies(bubble.replies, onReply));
    this.log.append(fragment);
    this.scrollTo(node);
  }

  paragraph(text, className) {
    const p = el("p", { class: className });
    for (const piece of linkPieces(text)) {
      p.append(piece.href ? this.link(piece.text, piece.href, "cc-link") : piece.text);
    }
    return p;
  }

  link(label, href, className) {
    return el("a", { href, class: className, target: "_blank", rel: "noopener noreferrer" }, [
      label,
      el("span", { class: "cc-sr-only" }, [` ${this.t.opens_new_tab}`]),
    ]);
  }

  replies(replies, onReply) {
    const group = el("div", { class: "cc-replies", role: "group", "aria-label": this.t.suggested_replies });
    for (const reply of replies) {
      const href = safeHref(reply.payload);
      if (href) {
        group.append(this.link(reply.title, href, "cc-reply"));
      } else {
        const button = el("button", { type: "button", class: "cc-reply" }, [reply.title]);
        button.addEventListener("click", () => onReply(reply));
        group.append(button);
      }
    }
    return group;
  }

  removeReplies() {
    this.log.querySelectorAll(".cc-replies").forEach((group) => {
      if (group.querySelector("button.cc-reply")) group.remove();
    });
  }

  markFailed(id, onResend) {
    const anchor = id ? this.log.querySelector(`[data-id="${CSS.escape(id)}"]`) : null;
    const button = el("button", { type: "button", class: "cc-resend" }, [this.t.resend]);
    const notice = el("p", { class: "cc-failed", "data-failed": id || "" }, [`${this.t.not_sent} `, button]);
    button.addEventListener("click", () => {
      notice.remove();
      onResend();
    });
    if (anchor) anchor.after(notice);
    else this.log.append(notice);
    this.scrollTo(notice);
  }

  renameMessage(oldId, newId) {
    const node = this.log.querySelector(`[data-id="${CSS.escape(oldId)}"]`);
    if (node) node.dataset.id = newId;
  }

  clearFailed(id) {
    this.log.querySelector(`[data-failed="${CSS.escape(id)}"]`)?.remove();
  }

  scrollTo(node) {
    if (!this.isOpen) return;
    this.log.scrollTop = Math.max(0, node.offsetTop - 8);
  }

  scrollToEnd() {
    if (this.isOpen) this.log.scrollTop = this.log.scrollHeight;
  }
}
