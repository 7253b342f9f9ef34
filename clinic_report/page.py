"""The report as one self-contained HTML page: inline CSS and SVG, no script, no links out."""

from __future__ import annotations

from collections import Counter
from html import escape

from clinic_report.chart import daily_chart, legend
from clinic_report.summary import LANGUAGES, Summary, safety_kinds
from clinic_report.tables import LANGUAGE_NAMES, Table, all_tables

STYLE = """
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a202c;
margin:0;background:#f7fafc}
main{max-width:1000px;margin:0 auto;padding:24px}
h1{font-size:24px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px}
.sub{color:#4a5568;margin:0 0 16px}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(140px,1fr));gap:10px}
.card{background:#fff;border:1px solid #e2e8f0;border-radius:8px;padding:10px 12px}
.card b{display:block;font-size:24px}.card span{color:#4a5568;font-size:13px}
.card.alert b{color:#c53030}
section{background:#fff;border:1px solid #e2e8f0;border-radius:8px;padding:4px 16px 14px;
margin-top:16px}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:5px 8px;
border-bottom:1px solid #edf2f7;vertical-align:top}th{font-size:13px;color:#4a5568}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
.chart{width:100%;height:auto}.chart .grid{stroke:#e2e8f0}.chart .tick{font-size:11px;
fill:#4a5568}
.legend span{margin-right:16px;font-size:13px}.legend i{display:inline-block;width:12px;
height:12px;margin-right:5px;vertical-align:-1px;border-radius:2px}
.legend i.line{height:3px;vertical-align:3px}
.empty{color:#718096;font-style:italic}ul.examples{margin:0;padding-left:18px}
footer{color:#718096;font-size:13px;margin:20px 0}
"""


def _cell(value: object, numeric: bool) -> str:
    return f'<td class="n">{value}</td>' if numeric else f"<td>{escape(str(value))}</td>"


def table_html(table: Table, note: str = "") -> str:
    """A table of plain cells (numbers right-aligned)."""
    if not table.rows:
        body = '<p class="empty">None in this period.</p>'
    else:
        columns = range(len(table.headers))
        numeric = [all(isinstance(row[i], int) for row in table.rows) for i in columns]
        head = "".join(
            f'<th class="n">{escape(h)}</th>' if numeric[i] else f"<th>{escape(h)}</th>"
            for i, h in enumerate(table.headers)
        )
        rows = "".join(
            "<tr>" + "".join(_cell(v, numeric[i]) for i, v in enumerate(row)) + "</tr>"
            for row in table.rows
        )
        body = f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
    return (
        f'<section id="{table.name}"><h2>{escape(table.title)}</h2>{note}{body}'
        f'<p class="sub">Also in {table.name}.csv</p></section>'
    )


def unanswered_html(summary: Summary, table: Table) -> str:
    """The groups with their examples as a list."""
    note = (
        "<p class=sub>Fallback (“could you rephrase?”) and off-topic replies, grouped by "
        "similar words; up to three redacted examples each.</p>"
    )
    if summary.unanswered_withheld:
        note += (
            f"<p class=sub>{summary.unanswered_withheld} more in conversations with an "
            "emergency or crisis reply are counted but not shown.</p>"
        )
    if not summary.groups:
        return table_html(table, note)
    rows = "".join(
        f'<tr><td class="n">{number}</td><td class="n">{group.count}</td>'
        f"<td>{escape(group.key_words)}</td><td><ul class=examples>"
        + "".join(f"<li>{escape(example)}</li>" for example in group.examples)
        + "</ul></td></tr>"
        for number, group in enumerate(summary.groups, start=1)
    )
    return (
        f'<section id="{table.name}"><h2>{escape(table.title)}</h2>{note}<table><thead><tr>'
        '<th class="n">group</th><th class="n">messages</th><th>key words</th>'
        f"<th>examples</th></tr></thead><tbody>{rows}</tbody></table>"
        f'<p class="sub">Also in {table.name}.csv</p></section>'
    )


def _cards(summary: Summary) -> str:
    ended = summary.ended_after_fallback
    cards = [
        ("conversations", summary.conversations, ""),
        ("patient messages", summary.messages, ""),
        ("reached the scheduling link", summary.booked, ""),
        ("asked for a person", summary.asked_for_person, ""),
        *(
            (f"{kind} replies", count, "alert" if count else "")
            for kind, count in ((k, summary.safety_replies[k]) for k in safety_kinds())
        ),
        ("could not answer", summary.unanswered, ""),
        (f"ended after a fallback ({ended})", f"{summary.share(ended):.0%}", ""),
    ]
    return (
        '<div class="cards" id="figures">'
        + "".join(
            f'<div class="card {css}"><b>{value}</b><span>{escape(label)}</span></div>'
            for label, value, css in cards
        )
        + "</div>"
    )


def _language_split(summary: Summary) -> str:
    messages: Counter[str] = Counter()
    conversations: Counter[str] = Counter()
    for day in summary.days.values():
        messages.update(day.messages)
        conversations.update(day.conversations)
    parts = [
        f"{LANGUAGE_NAMES[lang]}: {conversations[lang]} conversations, {messages[lang]} messages"
        for lang in LANGUAGES
    ]
    return f'<p class="sub" id="languages">{escape("; ".join(parts))}.</p>'


def render(summary: Summary) -> str:
    """The whole page."""
    outcomes, daily, answered, not_covered, unanswered = all_tables(summary)
    period = summary.period
    title = f"What patients asked, {period.since:%b %d, %Y} to {period.until:%b %d, %Y}"
    chart = (
        daily_chart(summary, LANGUAGE_NAMES) + legend(LANGUAGE_NAMES) + _language_split(summary)
        if summary.conversations
        else '<p class="empty">No conversations in this period.</p>'
    )
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>{escape(title)}</title><style>{STYLE}</style></head><body><main>"
        f"<h1>{escape(title)}</h1><p class=sub>The clinic assistant's conversations, "
        "counted by day. Emergency and crisis messages are counted, never shown.</p>"
        f"{_cards(summary)}"
        f'<section id="chart"><h2>Conversations and patient messages per day</h2>{chart}</section>'
        f"{table_html(answered)}{table_html(not_covered)}{unanswered_html(summary, unanswered)}"
        f"{table_html(outcomes)}{table_html(daily)}"
        "<footer>Only redacted text is shown (names, numbers and unknown words are masked "
        "as *** before anything is stored). No sender IDs, no times finer than the day."
        "</footer></main></body></html>"
    )
