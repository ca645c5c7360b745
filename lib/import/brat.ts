/**
 * Reads brat standoff `.ann` files (https://brat.nlplab.org/standoff.html):
 *
 * - `T1<TAB>Type start end<TAB>text` — a text-bound annotation; offsets are
 *   code points (brat's Python string indices) into the `.txt`, `end`
 *   exclusive; a span in fragments (`0 5;6 12`, text joined by spaces) is
 *   one highlight from the first start to the last end if only line breaks
 *   lie between its fragments (how Marginalia exports a span across lines);
 *   `Highlight` spans are highlights without an entity;
 * - `#1<TAB>AnnotatorNotes T1<TAB>note` — a comment in T1's thread;
 * - `A1<TAB>Status T1 ACCEPTED` — T1's review status (other attributes are reported);
 * - `N1<TAB>Reference T1 Wikidata:Q42<TAB>Douglas Adams` — T1's entity, by external id
 *   (`Marginalia:<id>` names an entity of the workspace it was exported from);
 * - `R1<TAB>Type Arg1:T1 Arg2:T2` — a directed relation from T1 to T2;
 *   `*<TAB>Type T1 T2 [T3…]` — a symmetric one between each consecutive pair;
 *   a `#` note on an `R` is that relation's note;
 * - events (`E`) are reported, not imported.
 *
 * Every problem names its line.
 */
import type { ImportProblem, ImportedHighlight, ImportedRelation, ImportedStatus, ParsedImport } from "./types";

const STATUS_VALUES: Record<string, ImportedStatus> = {
  proposed: "PROPOSED",
  accepted: "ACCEPTED",
  rejected: "REJECTED",
};

/** An external id as the entity catalog stores it: Wikidata `Q42`, or a URL. */
function externalRef(db: string, id: string): string | undefined {
  if (/^wikidata$/i.test(db) && /^Q\d+$/.test(id)) return id;
  if (/^marginalia$/i.test(db) && id) return `marginalia:${id}`;
  if (/^https?$/i.test(db)) return `${db}:${id}`;
  if (/^https?:\/\//i.test(id)) return id;
  if (/^wikipedia$/i.test(db)) return `https://en.wikipedia.org/?curid=${encodeURIComponent(id)}`;
  return undefined;
}

/** "Name: text", as brat exports write a comment with its author. */
const SPEAKER = /^([^:\t]{1,100}): (\S[\s\S]*)$/;

/** Parses a brat `.ann` file; highlights come in file order with their notes, status and references. */
export function parseBratAnnotations(raw: string): ParsedImport {
  const problems: ImportProblem[] = [];
  const skipped: ImportProblem[] = [];
  const highlights: ImportedHighlight[] = [];
  const byId = new Map<string, ImportedHighlight>();
  const later: { line: number; kind: string; fields: string[] }[] = [];
  const relations: ImportedRelation[] = [];
  const relationById = new Map<string, ImportedRelation>();
  const lines = raw
    .replace(/^\uFEFF/, "")
    .replace(/\r\n?/g, "\n")
    .split("\n");

  lines.forEach((text, i) => {
    const line = i + 1;
    if (!text.trim()) return;
    const fields = text.split("\t");
    const id = fields[0];
    const kind = id[0];
    if (kind === "T") {
      const match = /^(\S+) (\d+ \d+(?:;\d+ \d+)*)$/.exec(fields[1] ?? "");
      if (!/^T\S+$/.test(id) || fields.length < 3 || !match) {
        problems.push({ line, message: "A T line needs “T<n>⇥Type start end⇥text”." });
        return;
      }
      const [, type, spans] = match;
      const fragments = spans.split(";").map((pair) => {
        const [start, end] = pair.split(" ").map(Number);
        return { start, end };
      });
      if (fragments.some((f, i) => f.start >= f.end || (i > 0 && f.start <= fragments[i - 1].end))) {
        problems.push({ line, message: `${id}: each end offset must be greater than its start, in order.` });
        return;
      }
      if (byId.has(id)) {
        problems.push({ line, message: `${id} is defined twice.` });
        return;
      }
      const exact = fields.slice(2).join("\t");
      const highlight: ImportedHighlight = {
        item: highlights.length,
        line,
        sourceId: id,
        quote: { exact, prefix: "", suffix: "" },
        position: { start: fragments[0].start, end: fragments[fragments.length - 1].end },
        positionIsExact: true,
        ...(fragments.length > 1 ? { fragments } : {}),
        // Untyped highlights are exported as "Highlight" spans.
        ...(type === "Highlight" ? {} : { entity: { refs: [], type, name: exact } }),
        comments: [],
      };
      highlights.push(highlight);
      byId.set(id, highlight);
    } else if (kind === "#" || kind === "A" || kind === "M" || kind === "N") {
      later.push({ line, kind, fields });
    } else if (kind === "R" || kind === "*") {
      later.push({ line, kind, fields });
    } else if (kind === "E") {
      skipped.push({ line, message: `${id}: events are not imported.` });
    } else {
      problems.push({ line, message: `“${id.slice(0, 20)}” is not a brat annotation id (T, #, A, N, R, E, *).` });
    }
  });

  // Relations first, so that notes on them find them.
  for (const { line, kind, fields } of later) {
    if (kind !== "R" && kind !== "*") continue;
    const [id, spec = ""] = fields;
    const [type, ...args] = spec.split(" ").filter(Boolean);
    const ends = kind === "R" ? args.map((arg) => /^Arg[12]:(\S+)$/.exec(arg)?.[1]) : args;
    if (!type || ends.length < 2 || ends.some((end) => !end) || (kind === "R" && ends.length !== 2)) {
      problems.push({
        line,
        message:
          kind === "R" ? "An R line needs “R<n>⇥Type Arg1:T<a> Arg2:T<b>”." : "A * line needs “*⇥Type T<a> T<b>”.",
      });
      continue;
    }
    const missing = ends.find((end) => !byId.has(end!));
    if (missing) {
      problems.push({ line, message: `${id} refers to ${missing}, which is not a T line of this file.` });
      continue;
    }
    if (kind === "R") {
      if (relationById.has(id)) {
        problems.push({ line, message: `${id} is defined twice.` });
        continue;
      }
      const relation: ImportedRelation = { line, sourceId: ends[0]!, targetId: ends[1]!, type, directed: true };
      relations.push(relation);
      relationById.set(id, relation);
    } else {
      for (let i = 1; i < ends.length; i++) {
        relations.push({ line, sourceId: ends[i - 1]!, targetId: ends[i]!, type, directed: false });
      }
    }
  }

  for (const { line, kind, fields } of later) {
    if (kind === "R" || kind === "*") continue;
    const [id, spec = "", rest] = fields;
    const parts = spec.split(" ");
    const relation = kind === "#" ? relationById.get(parts[1] ?? "") : undefined;
    if (relation) {
      const note = (rest ?? "").trim();
      if (note) relation.note = relation.note ? `${relation.note}\n\n${note}` : note;
      continue;
    }
    const targetId = parts[1];
    const target = targetId ? byId.get(targetId) : undefined;
    if (!target) {
      problems.push({ line, message: `${id} refers to ${targetId ?? "nothing"}, which is not a T line of this file.` });
      continue;
    }
    if (kind === "#") {
      const note = (rest ?? "").trim();
      const spoken = SPEAKER.exec(note);
      if (note) {
        target.comments.push({
          item: target.item,
          line,
          text: note,
          ...(spoken ? { speaker: { name: spoken[1].trim(), text: spoken[2].trim() } } : {}),
        });
      }
    } else if (kind === "A" || kind === "M") {
      const [name, , value] = parts;
      const status = value ? STATUS_VALUES[value.toLowerCase()] : undefined;
      if (/^(status|review|reviewstatus)$/i.test(name ?? "") && status) target.status = status;
      else skipped.push({ line, message: `${id}: the attribute ${name}${value ? ` ${value}` : ""} is not imported.` });
    } else {
      const [db, ...idParts] = (parts[2] ?? "").split(":");
      const ref = externalRef(db, idParts.join(":"));
      if (ref) {
        const entity = target.entity ?? { refs: [] };
        target.entity = { ...entity, refs: [...entity.refs, ref], ...(rest?.trim() ? { name: rest.trim() } : {}) };
      } else {
        skipped.push({ line, message: `${id}: the reference ${parts[2] ?? ""} is not a Wikidata id or URL.` });
      }
    }
  }
  if (!highlights.length && !problems.length) problems.push({ message: "The file contains no T lines." });
  return { format: "brat", highlights, relations, skipped, problems };
}

/**
 * Whether an article's canonical text matches a brat `.txt`: equal once line
 * endings are normalized and trailing whitespace trimmed (ANCHORING.md).
 * Returns null when it does, else where the two first differ.
 */
export function bratTextMismatch(articleText: string, txt: string): { line: number; message: string } | null {
  const normalize = (s: string) =>
    s
      .replace(/^\uFEFF/, "")
      .replace(/\r\n?/g, "\n")
      .trimEnd();
  const a = normalize(articleText);
  const b = normalize(txt);
  if (a === b) return null;
  let i = 0;
  while (i < a.length && i < b.length && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  const line = b.slice(0, i).split("\n").length;
  return {
    line,
    message: `The .txt file does not match this article's text (they differ from line ${line} of the .txt). Import the .ann onto the article it was made on.`,
  };
}
