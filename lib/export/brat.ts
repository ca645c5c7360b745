import { pageAt, type PageStart } from "@/lib/capture/pages";
import { createOffsetConverter } from "@/lib/anchoring/unicode";
import {
  articlePages,
  exportedRelations,
  isAnchored,
  spanLabel,
  type ExportAnnotation,
  type ExportArticle,
  type ExportFile,
  type ExportRelation,
  type ExportRelationType,
  type ExportSource,
} from "./types";

/**
 * brat standoff (https://brat.nlplab.org/standoff.html): per article a
 * `<name>.txt`, the revision's canonical text byte for byte (UTF-8), and a
 * `<name>.ann`:
 *
 * - `T<n>\t<Type> <start> <end>[;<start> <end>...]\t<text>` — offsets count
 *   **Unicode code points** into the `.txt` (brat reads the file as a Python
 *   `str`, so its offsets are code-point indices). A span that crosses line
 *   breaks is written as fragments between the breaks (brat's discontinuous
 *   span syntax); its text is the fragments joined by a space. `text.slice`
 *   from the first start to the last end is the quote.
 * - `A<n>\tStatus T<n> <Proposed|Accepted|Rejected>` — the review status.
 * - `N<n>\tReference T<n> Marginalia:<entity id>\t<entity name>` (and
 *   `Wikidata:<Q-id>` when the entity has one) — which entity it tags.
 * - `#<n>\tAnnotatorNotes T<n>\t<text>` — for an article imported from a PDF,
 *   `page <N>` (the page the span starts on); then the annotation's note and
 *   each comment of its thread ("Author: text"), tabs and line breaks as spaces.
 *
 * - `R<n>\t<Type> Arg1:T<a> Arg2:T<b>` — a relation of a directed type from
 *   T<a> to T<b>; `*\t<Type> T<a> T<b>` for a symmetric type; its note as
 *   `#<n>\tAnnotatorNotes R<n>\t<text>` (symmetric relations have no id to
 *   hang a note on). Written after the article's T lines, for relations
 *   whose two ends are exported.
 *
 * `annotation.conf` declares the entity types, the relation types with their
 * argument constraints (`Arg1:Person, Arg2:Organization`, `<ENTITY>` for any;
 * symmetric ones `<REL-TYPE>:symmetric-transitive`) and the Status attribute,
 * so the folder opens in brat as it is. Orphaned annotations are left out:
 * their stored range no longer holds their quote.
 */

export const BRAT_STATUS = { PROPOSED: "Proposed", ACCEPTED: "Accepted", REJECTED: "Rejected" } as const;

/** A brat type name: no whitespace or punctuation other than `_` and `-`. */
export function bratType(label: string): string {
  const type = label.trim().replace(/[^\p{L}\p{N}_-]+/gu, "_");
  return type || "Entity";
}

/** One line of free text: tabs and line breaks become spaces. */
const oneLine = (text: string) => text.replace(/[\t\r\n\u2028\u2029]+/g, " ");

/** Fragments of [start, end) between line breaks, in UTF-16 offsets; empty fragments dropped. */
export function splitAtLineBreaks(text: string, start: number, end: number): Array<[number, number]> {
  const fragments: Array<[number, number]> = [];
  let from = start;
  for (let i = start; i <= end; i++) {
    if (i === end || text[i] === "\n") {
      if (i > from) fragments.push([from, i]);
      from = i + 1;
    }
  }
  return fragments;
}

/** A file name from an article title, unique within an export thanks to the id. */
export function articleFileBase(article: { id: string; title: string }): string {
  const slug = article.title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^A-Za-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .toLowerCase();
  return slug ? `${slug}-${article.id}` : article.id;
}

/** The `.ann` content of one article's annotations. */
export function bratAnn(text: string, annotations: ExportAnnotation[], types?: Set<string>): string {
  const write = bratAnnWriter(text, types);
  let out = "";
  for (const annotation of annotations) out += write(annotation);
  return out;
}

/**
 * Writes an article's `.ann` one annotation at a time, numbering T, A, N and
 * # across calls: returns the annotation's lines, each ending in "\n" ("" for
 * an annotation without a non-empty fragment).
 */
function bratAnnWriter(
  text: string,
  types?: Set<string>,
  pages?: readonly PageStart[] | null,
  tIds?: Map<string, string>,
): (annotation: ExportAnnotation) => string {
  const converter = createOffsetConverter(text);
  let t = 0;
  let a = 0;
  let n = 0;
  let note = 0;
  return (annotation) => {
    const fragments = splitAtLineBreaks(text, annotation.start, annotation.end);
    if (!fragments.length) return "";
    const id = `T${++t}`;
    tIds?.set(annotation.id, id);
    const type = bratType(spanLabel(annotation));
    types?.add(type);
    const offsets = fragments.map(([s, e]) => `${converter.toCodePoint(s)} ${converter.toCodePoint(e)}`).join(";");
    let out = `${id}\t${type} ${offsets}\t${fragments.map(([s, e]) => text.slice(s, e)).join(" ")}\n`;
    out += `A${++a}\tStatus ${id} ${BRAT_STATUS[annotation.status]}\n`;
    const entity = annotation.entity;
    if (entity) {
      out += `N${++n}\tReference ${id} Marginalia:${entity.id}\t${oneLine(entity.name)}\n`;
      if (entity.externalId && /^Q[1-9]\d*$/.test(entity.externalId)) {
        out += `N${++n}\tReference ${id} Wikidata:${entity.externalId}\t${oneLine(entity.name)}\n`;
      }
    }
    const page = pageAt(pages, annotation.start);
    if (page !== null) out += `#${++note}\tAnnotatorNotes ${id}\tpage ${page}\n`;
    if (annotation.note) out += `#${++note}\tAnnotatorNotes ${id}\t${oneLine(annotation.note)}\n`;
    for (const comment of annotation.comments) {
      out += `#${++note}\tAnnotatorNotes ${id}\t${oneLine(`${comment.author.name}: ${comment.text}`)}\n`;
    }
    return out;
  };
}

/**
 * An article's relation lines, numbering R and # from `note` on: `R` lines
 * for directed types, `*` lines for symmetric ones (see the module comment).
 */
export function bratRelationLines(
  relations: readonly ExportRelation[],
  tIds: ReadonlyMap<string, string>,
  relationTypes?: Map<string, ExportRelationType>,
  note = 0,
): string {
  let r = 0;
  let out = "";
  for (const relation of relations) {
    const a = tIds.get(relation.sourceId);
    const b = tIds.get(relation.targetId);
    if (!a || !b) continue;
    const type = bratType(relation.type.name);
    relationTypes?.set(type, relation.type);
    if (!relation.type.directed) {
      out += `*\t${type} ${a} ${b}\n`;
      continue;
    }
    const id = `R${++r}`;
    out += `${id}\t${type} Arg1:${a} Arg2:${b}\n`;
    if (relation.note) out += `#${++note}\tAnnotatorNotes ${id}\t${oneLine(relation.note)}\n`;
  }
  return out;
}

function relationConfLine(type: string, relation: ExportRelationType): string {
  const arg = (names: string[]) => (names.length ? names.map(bratType).join("|") : "<ENTITY>");
  const args = `Arg1:${arg(relation.sourceTypes)}, Arg2:${arg(relation.targetTypes)}`;
  return `${type}\t${args}${relation.directed ? "" : ", <REL-TYPE>:symmetric-transitive"}`;
}

/** brat's configuration for the exported types and the Status attribute. */
export function bratConf(
  types: Iterable<string>,
  relationTypes: ReadonlyMap<string, ExportRelationType> = new Map(),
): string {
  const entities = new Set(types);
  // A relation's argument types must be declared entities, annotated or not.
  for (const t of relationTypes.values())
    for (const name of [...t.sourceTypes, ...t.targetTypes]) entities.add(bratType(name));
  const sorted = [...entities].sort();
  const relations = [...relationTypes]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, t]) => relationConfLine(name, t));
  return [
    "[entities]",
    ...sorted,
    "",
    "[relations]",
    ...relations,
    "",
    "[events]",
    "",
    "[attributes]",
    `Status\tArg:<ENTITY>, Value:${Object.values(BRAT_STATUS).join("|")}`,
    "",
  ].join("\n");
}

async function* once(text: string): AsyncGenerator<string> {
  yield text;
}

/**
 * An article's `.ann` as its annotations arrive, page by page: only the page
 * being written is held, never the article's annotations. A page is written
 * at once and handed on as one string (a promise per page, not per line), so
 * it is garbage before the reader is waited for and dies young.
 * Orphaned annotations are skipped.
 */
async function* bratAnnContent(
  article: ExportArticle,
  pages: AsyncIterable<ExportAnnotation[]>,
  types: Set<string>,
  relationTypes: Map<string, ExportRelationType>,
): AsyncGenerator<string> {
  const tIds = new Map<string, string>();
  const write = bratAnnWriter(article.text, types, article.pages, article.relations?.length ? tIds : undefined);
  let notes = 0;
  for await (const annotations of pages) {
    let out = "";
    for (const annotation of annotations) if (isAnchored(article, annotation)) out += write(annotation);
    notes += out.match(/^#/gm)?.length ?? 0;
    if (out) yield out;
  }
  const relations = exportedRelations(article, new Set(tIds.keys()));
  const out = bratRelationLines(relations, tIds, relationTypes, notes);
  if (out) yield out;
}

/**
 * The brat files of a source: `<article>.txt` and `<article>.ann` per article,
 * then `annotation.conf`. Each file must be read before the next is asked for
 * (as a zip does): the `.ann` reads its article's pages from the source.
 */
export async function* bratFiles(source: ExportSource): AsyncGenerator<ExportFile> {
  const types = new Set<string>();
  const relationTypes = new Map<string, ExportRelationType>();
  for await (const { article, pages } of articlePages(source)) {
    const base = articleFileBase(article);
    yield { name: `${base}.txt`, content: once(article.text) };
    yield { name: `${base}.ann`, content: bratAnnContent(article, pages, types, relationTypes) };
  }
  yield { name: "annotation.conf", content: once(bratConf(types, relationTypes)) };
}
