/* Pure text helpers (no DOM): group the assistant's paragraphs into answers, and
   find the links that may be made clickable. Unit-tested with Node (tests/web). */

/** The title if `paragraph` is a source line ("Source: <title>"), else null. */
export function sourceTitle(paragraph, prefixes) {
  for (const prefix of Object.values(prefixes)) {
    if (paragraph.startsWith(prefix) && !paragraph.includes("\n")) {
      return paragraph.slice(prefix.length).trim() || null;
    }
  }
  return null;
}

/**
 * Rasa's socket.io channel sends each paragraph of a reply as its own message.
 * Group them back: one bubble per answer, closed by its source line (kept apart,
 * to be shown small inside the bubble) or by quick replies (shown below it).
 * `parts` are bot_uttered payloads ({text, quick_replies}); returns bubbles
 * {paragraphs: [string], source: string|null, replies: [{title, payload}]}.
 */
export function groupIntoBubbles(parts, prefixes) {
  const bubbles = [];
  let current = null;
  const close = () => {
    if (current) bubbles.push(current);
    current = null;
  };
  for (const part of parts) {
    const text = typeof part.text === "string" ? part.text.trim() : "";
    const replies = Array.isArray(part.quick_replies) ? part.quick_replies.filter(isReply) : [];
    if (!current) current = { paragraphs: [], source: null, replies: [] };
    if (text && sourceTitle(text, prefixes) !== null) {
      current.source = text;
      current.replies = replies;
      close();
      continue;
    }
    if (text) current.paragraphs.push(text);
    if (replies.length) {
      current.replies = replies;
      close();
    }
  }
  if (current && (current.paragraphs.length || current.source)) close();
  return bubbles.filter((b) => b.paragraphs.length || b.source || b.replies.length);
}

function isReply(reply) {
  return reply && typeof reply.title === "string" && typeof reply.payload === "string";
}

/** `href` if it is an absolute http(s) URL, else null (no javascript:, data:, ...). */
export function safeHref(href) {
  try {
    const url = new URL(href);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

const LINK = /\[([^\]\n]+)\]\(([^)\s]+)\)|\bhttps?:\/\/[^\s<>"]+/gi;
const TRAILING_PUNCTUATION = /[.,;:!?)\]'"]+$/;

/**
 * Split `text` into [{text}] and [{text, href}] pieces. Bare http(s) URLs and
 * Markdown links to http(s) URLs become links; anything else stays plain text.
 */
export function linkPieces(text) {
  const pieces = [];
  let last = 0;
  for (const match of text.matchAll(LINK)) {
    let whole = match[0];
    let label, target;
    if (match[1] !== undefined) {
      label = match[1];
      target = match[2];
    } else {
      whole = whole.replace(TRAILING_PUNCTUATION, "");
      label = target = whole;
    }
    const href = safeHref(target);
    if (!href) continue;
    if (match.index > last) pieces.push({ text: text.slice(last, match.index) });
    pieces.push({ text: label, href });
    last = match.index + whole.length;
  }
  if (last < text.length) pieces.push({ text: text.slice(last) });
  return pieces;
}
