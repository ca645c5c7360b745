import {
  byArticle,
  exportedRelations,
  isAnchored,
  spanLabel,
  type ExportAnnotation,
  type ExportArticle,
  type ExportSource,
} from "./types";

/**
 * A printable HTML report of one article: its text with the annotations
 * highlighted (footnote marks after the annotations that have a note, relations or a
 * thread), the footnotes with each thread, an index of the entities tagged,
 * and who annotated and reviewed. Self-contained (inline CSS, no script, a
 * Content-Security-Policy that forbids everything else), with print CSS for
 * "Print to PDF".
 *
 * Safety: every piece of user text (title, quotes, entity names, notes,
 * comments, names) is HTML-escaped; comments are exported as their plain
 * text, never as HTML. Colours are used only when they are `#rrggbb`.
 */

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]);

const HEX = /^#[0-9a-fA-F]{6}$/;
const colorOf = (a: ExportAnnotation) => {
  const color = a.entity?.type.color;
  return color && HEX.test(color) ? color : "#f5c518";
};

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const when = (d: Date) => `${dateFormat.format(d)} UTC`;
const STATUS_LABEL = { PROPOSED: "Proposed", ACCEPTED: "Accepted", REJECTED: "Rejected" } as const;

const CSS = `
:root { color-scheme: light; --ink: #1c1f24; --muted: #5b6270; --rule: #d9dde3; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 46rem; padding: 2.5rem 1.5rem 4rem; font: 16px/1.6 Georgia, "Times New Roman", serif; color: var(--ink); background: #fff; }
header { border-bottom: 2px solid var(--ink); margin-bottom: 1.5rem; padding-bottom: .75rem; }
h1 { font-size: 1.75rem; line-height: 1.25; margin: 0 0 .35rem; }
h2 { font: 600 1rem/1.3 system-ui, sans-serif; text-transform: uppercase; letter-spacing: .06em; color: var(--muted); border-bottom: 1px solid var(--rule); padding-bottom: .3rem; margin: 2.5rem 0 1rem; }
.meta, .small { font: .8125rem/1.5 system-ui, sans-serif; color: var(--muted); }
.meta dl { display: grid; grid-template-columns: max-content 1fr; gap: .1rem 1rem; margin: .5rem 0 0; }
.meta dt { font-weight: 600; } .meta dd { margin: 0; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; }
mark { color: inherit; border-radius: 2px; padding: 0 1px; background: color-mix(in srgb, var(--c) 22%, transparent); box-shadow: inset 0 -2px 0 var(--c); }
mark.overlap { background: color-mix(in srgb, var(--c) 38%, transparent); }
mark.rejected { background: none; box-shadow: inset 0 -1px 0 var(--c); text-decoration: line-through; text-decoration-color: var(--muted); }
sup.fn { font: 600 .7rem system-ui, sans-serif; } sup.fn a { color: #1f4fd1; text-decoration: none; }
ol.notes { padding-left: 1.5rem; } ol.notes > li { margin-bottom: 1rem; break-inside: avoid; }
blockquote { margin: .25rem 0 .4rem; padding-left: .75rem; border-left: 3px solid var(--rule); font-style: italic; }
.thread { list-style: none; padding: 0; margin: .35rem 0 0; } .thread li { margin: .3rem 0; padding-left: .75rem; border-left: 2px solid var(--rule); }
.who { font: 600 .8125rem system-ui, sans-serif; }
.thread div, .note { white-space: pre-wrap; overflow-wrap: anywhere; }
.badge { display: inline-block; font: 600 .6875rem/1.4 system-ui, sans-serif; padding: 0 .4rem; border-radius: 999px; border: 1px solid var(--rule); color: var(--muted); }
table { width: 100%; border-collapse: collapse; font: .875rem/1.4 system-ui, sans-serif; }
th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid var(--rule); vertical-align: top; }
th { font-weight: 600; color: var(--muted); }
.swatch { display: inline-block; width: .7rem; height: .7rem; border-radius: 2px; margin-right: .35rem; vertical-align: baseline; background: var(--c); }
@page { margin: 18mm 16mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  mark, .swatch { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  h2 { break-after: avoid; } table, tr { break-inside: avoid; }
  a { color: inherit; }
}`;

type Segment = { start: number; end: number; covering: ExportAnnotation[] };

/**
 * The text cut at every annotation boundary, each piece with the annotations
 * covering it (in start order): one sweep, linear in the boundaries plus the
 * overlaps.
 */
function segments(text: string, annotations: ExportAnnotation[]): Segment[] {
  const cuts = [...new Set([0, text.length, ...annotations.flatMap((a) => [a.start, a.end])])].sort((x, y) => x - y);
  const byStart = [...annotations].sort((x, y) => x.start - y.start || y.end - x.end);
  const out: Segment[] = [];
  let active: ExportAnnotation[] = [];
  let next = 0;
  for (let i = 0; i < cuts.length - 1; i++) {
    const start = cuts[i];
    const end = cuts[i + 1];
    active = active.filter((a) => a.end > start);
    while (next < byStart.length && byStart[next].start <= start) {
      if (byStart[next].end > start) active.push(byStart[next]);
      next++;
    }
    out.push({ start, end, covering: active });
  }
  return out;
}

/** The HTML report of one article. `annotations` in reading order. */
export function htmlReport(
  article: ExportArticle,
  annotations: ExportAnnotation[],
  options: { generatedAt?: Date } = {},
): string {
  const anchored = annotations.filter((a) => isAnchored(article, a));
  // Relations between exported annotations, listed under each of their passages.
  const quotes = new Map(annotations.map((a) => [a.id, a.exact]));
  const relationsOf = new Map<string, string[]>();
  for (const r of exportedRelations(article, new Set(quotes.keys()))) {
    const out = r.type.directed ? `${r.type.name} →` : `${r.type.name} ↔`;
    const back = r.type.directed ? `← ${r.type.inverseLabel ?? r.type.name}` : `${r.type.name} ↔`;
    const item = (label: string, other: string) =>
      `<li>${escapeHtml(label)} “${escapeHtml(quotes.get(other) ?? "")}” <span class="badge">${STATUS_LABEL[r.status]}</span>${r.note ? ` — ${escapeHtml(r.note)}` : ""}</li>`;
    relationsOf.set(r.sourceId, [...(relationsOf.get(r.sourceId) ?? []), item(out, r.targetId)]);
    relationsOf.set(r.targetId, [...(relationsOf.get(r.targetId) ?? []), item(back, r.sourceId)]);
  }
  const footnoted = anchored.filter((a) => a.note || a.comments.length || relationsOf.has(a.id));
  const footnote = new Map(footnoted.map((a, i) => [a.id, i + 1]));
  const endsAt = new Map<number, ExportAnnotation[]>();
  for (const a of footnoted) endsAt.set(a.end, [...(endsAt.get(a.end) ?? []), a]);

  let body = "";
  for (const seg of segments(article.text, anchored)) {
    const piece = escapeHtml(article.text.slice(seg.start, seg.end));
    if (!seg.covering.length) {
      body += piece;
    } else {
      const top = seg.covering[seg.covering.length - 1];
      const classes = [seg.covering.length > 1 ? "overlap" : "", top.status === "REJECTED" ? "rejected" : ""].filter(
        Boolean,
      );
      const title = seg.covering
        .map((a) => `${a.entity ? `${a.entity.name} (${spanLabel(a)})` : spanLabel(a)} — ${STATUS_LABEL[a.status]}`)
        .join("; ");
      body += `<mark style="--c:${colorOf(top)}"${classes.length ? ` class="${classes.join(" ")}"` : ""} title="${escapeHtml(title)}" data-annotations="${escapeHtml(seg.covering.map((a) => a.id).join(" "))}">${piece}</mark>`;
    }
    for (const a of endsAt.get(seg.end) ?? []) {
      const n = footnote.get(a.id);
      body += `<sup class="fn" id="ref-${n}"><a href="#fn-${n}" aria-label="Note ${n}">${n}</a></sup>`;
    }
  }

  const notes = footnoted
    .map((a) => {
      const n = footnote.get(a.id);
      const thread = a.comments
        .map(
          (c) =>
            `<li><span class="who">${escapeHtml(c.author.name)}</span> <span class="small">${when(c.createdAt)}</span><div>${escapeHtml(c.text)}</div></li>`,
        )
        .join("");
      return `<li id="fn-${n}"><blockquote>${escapeHtml(a.exact)}</blockquote><div class="small">${a.entity ? `${escapeHtml(a.entity.name)} · ${escapeHtml(a.entity.type.name)} · ` : ""}<span class="badge">${STATUS_LABEL[a.status]}</span> · ${escapeHtml(a.author.name)}, ${when(a.createdAt)} <a href="#ref-${n}" aria-label="Back to the text">↩</a></div>${a.note ? `<div class="note"><span class="who">Note:</span> ${escapeHtml(a.note)}</div>` : ""}${relationsOf.has(a.id) ? `<ul class="relations">${relationsOf.get(a.id)!.join("")}</ul>` : ""}${thread ? `<ul class="thread">${thread}</ul>` : ""}</li>`;
    })
    .join("");

  type IndexRow = {
    name: string;
    type: string;
    color: string;
    externalId: string | null;
    count: number;
    accepted: number;
  };
  const index = new Map<string, IndexRow>();
  for (const a of anchored) {
    if (!a.entity) continue;
    const row = index.get(a.entity.id) ?? {
      name: a.entity.name,
      type: a.entity.type.name,
      color: colorOf(a),
      externalId: a.entity.externalId,
      count: 0,
      accepted: 0,
    };
    row.count++;
    if (a.status === "ACCEPTED") row.accepted++;
    index.set(a.entity.id, row);
  }
  const entityRows = [...index.values()]
    .sort((x, y) => x.type.localeCompare(y.type) || x.name.localeCompare(y.name))
    .map(
      (r) =>
        `<tr><td><span class="swatch" style="--c:${r.color}"></span>${escapeHtml(r.type)}</td><td>${escapeHtml(r.name)}</td><td>${r.externalId ? escapeHtml(r.externalId) : ""}</td><td>${r.count}</td><td>${r.accepted}</td></tr>`,
    )
    .join("");

  const people = new Map<string, { name: string; annotated: number; accepted: number; rejected: number }>();
  const person = (u: { id: string; name: string }) => {
    const p = people.get(u.id) ?? { name: u.name, annotated: 0, accepted: 0, rejected: 0 };
    people.set(u.id, p);
    return p;
  };
  for (const a of annotations) {
    person(a.author).annotated++;
    if (a.reviewedBy && a.status !== "PROPOSED")
      person(a.reviewedBy)[a.status === "ACCEPTED" ? "accepted" : "rejected"]++;
  }
  const peopleRows = [...people.values()]
    .sort((x, y) => x.name.localeCompare(y.name))
    .map(
      (p) =>
        `<tr><td>${escapeHtml(p.name)}</td><td>${p.annotated}</td><td>${p.accepted}</td><td>${p.rejected}</td></tr>`,
    )
    .join("");

  const counts = { PROPOSED: 0, ACCEPTED: 0, REJECTED: 0 };
  for (const a of annotations) counts[a.status]++;
  const orphans = annotations.length - anchored.length;
  const title = escapeHtml(article.title);
  return `<!doctype html>
<html lang="${escapeHtml(article.language ?? "en")}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} — annotation report</title>
<style>${CSS}</style>
</head>
<body>
<header>
<h1>${title}</h1>
<div class="meta"><dl>
${article.source ? `<dt>Source</dt><dd>${escapeHtml(article.source)}</dd>` : ""}
${article.originalUrl ? `<dt>Original</dt><dd>${escapeHtml(article.originalUrl)}</dd>` : ""}
<dt>Revision</dt><dd>${article.revisionNumber}</dd>
<dt>Annotations</dt><dd>${annotations.length} (${counts.ACCEPTED} accepted, ${counts.PROPOSED} proposed, ${counts.REJECTED} rejected${orphans ? `, ${orphans} orphaned and not shown in the text` : ""})</dd>
<dt>Generated</dt><dd>${when(options.generatedAt ?? new Date())}</dd>
</dl></div>
</header>
<main>
<article class="text">${body}</article>
${footnoted.length ? `<section aria-labelledby="notes-h"><h2 id="notes-h">Notes, relations and discussion</h2><ol class="notes">${notes}</ol></section>` : ""}
<section aria-labelledby="index-h"><h2 id="index-h">Entity index</h2>${entityRows ? `<table><thead><tr><th>Type</th><th>Entity</th><th>External id</th><th>Mentions</th><th>Accepted</th></tr></thead><tbody>${entityRows}</tbody></table>` : `<p class="small">No entities tagged.</p>`}</section>
<section aria-labelledby="people-h"><h2 id="people-h">Annotators and reviewers</h2>${peopleRows ? `<table><thead><tr><th>Person</th><th>Annotations</th><th>Accepted as reviewer</th><th>Rejected as reviewer</th></tr></thead><tbody>${peopleRows}</tbody></table>` : `<p class="small">No annotations yet.</p>`}</section>
</main>
</body>
</html>
`;
}

/** One report per article of the source. */
export async function* htmlReports(source: ExportSource): AsyncGenerator<{ article: ExportArticle; html: string }> {
  for await (const { article, annotations } of byArticle(source))
    yield { article, html: htmlReport(article, annotations) };
}
