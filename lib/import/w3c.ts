/**
 * Reads W3C Web Annotation JSON-LD (an Annotation, an array, an
 * AnnotationPage, an AnnotationCollection with embedded pages, JSON Lines)
 * and Hypothesis's own export shape (`{ annotations: [...] }` or the API's
 * `{ rows: [...] }`) into highlights with threads.
 *
 * - A target with a `TextQuoteSelector` and/or `TextPositionSelector`
 *   (code points) is a highlight; other selectors (RangeSelector, XPath…)
 *   are ignored and reported.
 * - Bodies: `identifying` (entity URLs or external ids, name), `classifying`
 *   (entity type), `tagging` (the entity's name when the annotation
 *   identifies or classifies, otherwise a tag kept in the note),
 *   `commenting`, `describing` or no purpose (the highlight's note, as
 *   Marginalia's export writes it; Hypothesis's `text` too).
 * - Marginalia's extension terms: `reviewStatus`, `reviewer`, `reviewed`,
 *   `rejectionReason`, `anchorState` ("moved" stays "moved, please check").
 * - An annotation whose motivation is `commenting` or `replying` and whose
 *   target is another annotation (no selector) is a comment in the thread of
 *   the highlight it leads to; Hypothesis replies name theirs in `references`.
 * - An annotation whose motivation is `linking` and whose targets are two
 *   annotations of the file is a relation: its `classifying` body is the type,
 *   `relationSource`/`relationTarget` (else the targets' order) its direction,
 *   `directed: false` a symmetric type; text bodies its note.
 */
import { z } from "zod";
import { text, withoutLoneSurrogates } from "@/lib/validations/storable";
import { readJson } from "./read-json";
import type {
  ImportProblem,
  ImportedComment,
  ImportedCreator,
  ImportedEntity,
  ImportedHighlight,
  ImportedRelation,
  ImportedStatus,
  ParsedImport,
} from "./types";

const stringOrList = z.union([text(), z.array(text())]);
const list = <T>(value: T | T[] | undefined | null): T[] =>
  value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];

const quoteSelectorSchema = z.object({
  type: z.literal("TextQuoteSelector"),
  exact: text().min(1, "The quote (exact) is empty."),
  // Context only: a half of a pair at its cut edge is dropped, not refused (the quote itself must be whole).
  prefix: z.string().transform(withoutLoneSurrogates).pipe(text()).optional(),
  suffix: z.string().transform(withoutLoneSurrogates).pipe(text()).optional(),
});

const positionSelectorSchema = z
  .object({
    type: z.literal("TextPositionSelector"),
    start: z.number().int("start must be a whole number.").min(0, "start cannot be negative."),
    end: z.number().int("end must be a whole number.").min(0, "end cannot be negative."),
  })
  .refine((s) => s.start < s.end, { message: "end must be greater than start.", path: ["end"] });

const objectWithType = z.looseObject({ type: stringOrList.optional() });

const creatorSchema = z.union([
  text(),
  z.looseObject({
    id: text().optional(),
    name: text().optional(),
    nickname: text().optional(),
    email: text().optional(),
  }),
]);

const bodySchema = z.union([
  text(),
  z.looseObject({
    id: text().optional(),
    type: stringOrList.optional(),
    source: z.union([text(), z.looseObject({ id: text().optional() })]).optional(),
    value: text().optional(),
    name: text().optional(),
    label: text().optional(),
    purpose: stringOrList.optional(),
  }),
]);

const targetSchema = z.union([
  text(),
  z.looseObject({
    id: text().optional(),
    type: stringOrList.optional(),
    source: z.union([text(), z.looseObject({ id: text().optional() })]).optional(),
    selector: z.union([objectWithType, z.array(objectWithType)]).optional(),
  }),
]);

const annotationSchema = z.looseObject({
  id: text().optional(),
  type: stringOrList.optional(),
  motivation: stringOrList.optional(),
  body: z.union([bodySchema, z.array(bodySchema)]).optional(),
  bodyValue: text().optional(),
  target: z.union([targetSchema, z.array(targetSchema).min(1, "target is empty.")], {
    error: (issue) =>
      issue.input === undefined
        ? "is missing: an annotation needs a target."
        : "has the wrong type (expected a URL, an object or an array).",
  }),
  creator: z.union([creatorSchema, z.array(creatorSchema)]).optional(),
  created: text().optional(),
  modified: text().optional(),
});

const hypothesisSchema = z.looseObject({
  id: text().optional(),
  uri: text().optional(),
  text: text().optional(),
  tags: z.array(text()).optional(),
  user: text().optional(),
  user_info: z.looseObject({ display_name: text().nullish() }).nullish(),
  created: text().optional(),
  references: z.array(text()).optional(),
  target: z
    .array(
      z.looseObject({
        source: text().optional(),
        selector: z.array(objectWithType).optional(),
      }),
    )
    .optional(),
});

type Located = { value: unknown; item: number; line?: number };

/** Formats a zod issue path the way the file reads: `target.selector[1].start`. */
function pathText(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (out, key) => (typeof key === "number" ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)),
    "",
  );
}

function zodProblems(error: z.ZodError, at: Omit<Located, "value">, prefix = ""): ImportProblem[] {
  return error.issues.map((issue) => {
    const path = pathText([...(prefix ? [prefix] : []), ...issue.path]);
    return {
      item: at.item,
      ...(at.line ? { line: at.line } : {}),
      message: path ? `${path}: ${issue.message}` : issue.message,
    };
  });
}

const hasType = (value: unknown, type: string): boolean => {
  if (!value || typeof value !== "object") return false;
  const t = (value as { type?: unknown; "@type"?: unknown }).type ?? (value as { "@type"?: unknown })["@type"];
  return list(t as string | string[] | undefined).includes(type);
};

/**
 * The annotations of a parsed JSON value with their 0-based item index:
 * containers are opened (embedded `first`/`next` pages); a page referenced
 * only by URL is a problem, since nothing is fetched.
 */
function collectItems(
  values: { value: unknown; line: number }[],
  jsonLines: boolean,
  problems: ImportProblem[],
): { items: Located[]; hypothesis: boolean } {
  const items: Located[] = [];
  let hypothesis = false;
  const push = (value: unknown, line?: number) => items.push({ value, item: items.length, line });
  const visitPage = (page: unknown, line?: number, seen = new Set<unknown>()) => {
    let current: unknown = page;
    while (current) {
      if (typeof current === "string") {
        problems.push({ message: `The page ${current} is only linked, not included: export with embedded pages.` });
        return;
      }
      if (seen.has(current) || typeof current !== "object") return;
      seen.add(current);
      const { items: pageItems } = current as { items?: unknown };
      if (!Array.isArray(pageItems)) {
        problems.push({ message: "An AnnotationPage has no items array." });
        return;
      }
      for (const item of pageItems) push(item, line);
      current = (current as { next?: unknown }).next;
    }
  };
  const visit = (value: unknown, line?: number) => {
    if (Array.isArray(value)) {
      for (const v of value) {
        if (hasType(v, "AnnotationCollection") || hasType(v, "AnnotationPage")) visit(v, line);
        else push(v, line);
      }
      return;
    }
    if (!value || typeof value !== "object") {
      problems.push({
        ...(line && jsonLines ? { line } : {}),
        message: "Expected annotations (a JSON object or array).",
      });
      return;
    }
    const record = value as Record<string, unknown>;
    if (hasType(record, "AnnotationCollection")) {
      if (Array.isArray(record.items)) visitPage(record, line);
      else if (record.first) visitPage(record.first, line);
      else if (record.total !== 0) problems.push({ message: "The AnnotationCollection has no first page." });
      return;
    }
    if (hasType(record, "AnnotationPage")) return visitPage(record, line);
    if (Array.isArray(record.annotations) || Array.isArray(record.rows)) {
      hypothesis = true;
      for (const row of (record.annotations ?? record.rows) as unknown[]) push(row, line);
      return;
    }
    if (Array.isArray(record.items)) return visitPage(record, line);
    push(record, line);
  };
  for (const { value, line } of values) visit(value, jsonLines ? line : undefined);
  return { items, hypothesis };
}

const purposesOf = (body: Record<string, unknown>): string[] =>
  list(body.purpose as string | string[] | undefined).map((p) => p.replace(/^oa:/, ""));

const sourceOf = (value: unknown): string | undefined =>
  typeof value === "string" ? value : ((value as { id?: string } | undefined)?.id ?? undefined);

const statuses: Record<string, ImportedStatus> = {
  proposed: "PROPOSED",
  accepted: "ACCEPTED",
  rejected: "REJECTED",
};

/** A string extension property, by its term or its `mrg:`/full-IRI spelling. */
function extension(record: Record<string, unknown>, term: string): string | undefined {
  for (const [key, value] of Object.entries(record)) {
    if (key !== term && !key.endsWith(`:${term}`) && !key.endsWith(`#${term}`)) continue;
    const v = typeof value === "string" ? value : (value as { "@value"?: unknown; id?: unknown } | null)?.["@value"];
    if (typeof v === "string") return v;
    const id = (value as { id?: unknown } | null)?.id;
    if (typeof id === "string") return id;
  }
  return undefined;
}

function reviewOf(record: Record<string, unknown>): ImportedHighlight["review"] | undefined {
  const reviewer = extension(record, "reviewer");
  const reviewed = extension(record, "reviewed");
  const rejectionReason = extension(record, "rejectionReason");
  if (!reviewer && !reviewed && !rejectionReason) return undefined;
  return {
    ...(reviewer ? { reviewer } : {}),
    ...(reviewed ? { reviewed } : {}),
    ...(rejectionReason ? { rejectionReason } : {}),
  };
}

/** Review status from an extension property (`status`, `marginalia:status`, `reviewStatus`…), if any. */
function statusOf(record: Record<string, unknown>): ImportedStatus | undefined {
  for (const [key, raw] of Object.entries(record)) {
    if (!/(^|[:#/_])(review)?status$/i.test(key) && !/^reviewStatus$/i.test(key)) continue;
    const value = typeof raw === "string" ? raw : (raw as { value?: unknown } | null)?.value;
    if (typeof value !== "string") continue;
    const status = statuses[value.replace(/^.*[#/:]/, "").toLowerCase()];
    if (status) return status;
  }
  return undefined;
}

function creatorOf(raw: unknown): ImportedCreator | undefined {
  const first = list(raw as unknown)[0];
  if (!first) return undefined;
  if (typeof first === "string") {
    const email = first.startsWith("mailto:") ? first.slice(7) : undefined;
    return { id: first, ...(email ? { email } : {}) };
  }
  const c = first as { id?: string; name?: string; nickname?: string; email?: string };
  const email = c.email?.replace(/^mailto:/, "");
  return {
    ...(c.id ? { id: c.id } : {}),
    ...((c.name ?? c.nickname) ? { name: c.name ?? c.nickname } : {}),
    ...(email ? { email } : {}),
  };
}

type Selectors = {
  quote?: { exact: string; prefix: string; suffix: string };
  position?: { start: number; end: number };
  ignored: string[];
};

function readSelectors(raw: unknown, at: Omit<Located, "value">, path: string, problems: ImportProblem[]): Selectors {
  const found: Selectors = { ignored: [] };
  const selectors = list(raw as unknown);
  selectors.forEach((selector, i) => {
    const where = Array.isArray(raw) ? `${path}[${i}]` : path;
    if (hasType(selector, "TextQuoteSelector")) {
      const parsed = quoteSelectorSchema.safeParse(selector);
      if (!parsed.success) problems.push(...zodProblems(parsed.error, at, where));
      else
        found.quote ??= {
          exact: parsed.data.exact,
          prefix: parsed.data.prefix ?? "",
          suffix: parsed.data.suffix ?? "",
        };
    } else if (hasType(selector, "TextPositionSelector")) {
      const parsed = positionSelectorSchema.safeParse(selector);
      if (!parsed.success) problems.push(...zodProblems(parsed.error, at, where));
      else found.position ??= { start: parsed.data.start, end: parsed.data.end };
    } else {
      found.ignored.push(String(list((selector as { type?: string | string[] }).type)[0] ?? "untyped"));
    }
  });
  return found;
}

type Parsed =
  | { kind: "highlight"; highlight: ImportedHighlight }
  | { kind: "relation"; relation: ImportedRelation }
  | { kind: "comment"; comment: ImportedComment; parents: string[] }
  | { kind: "none" };

function parseW3c(located: Located, problems: ImportProblem[], skipped: ImportProblem[]): Parsed {
  const at = { item: located.item, ...(located.line ? { line: located.line } : {}) };
  const parsed = annotationSchema.safeParse(located.value);
  if (!parsed.success) {
    problems.push(...zodProblems(parsed.error, at));
    return { kind: "none" };
  }
  const a = parsed.data;
  const motivations = list(a.motivation).map((m) => m.replace(/^oa:/, ""));
  const creator = creatorOf(a.creator);
  const bodies = list(a.body);
  const texts = { comments: [] as string[], notes: [] as string[], tags: [] as string[] };
  const entity: ImportedEntity = { refs: [] };
  let identifies = false;
  if (a.bodyValue?.trim()) texts.comments.push(a.bodyValue);
  bodies.forEach((body) => {
    if (typeof body === "string") {
      // A body that is only an IRI identifies something.
      identifies = true;
      entity.refs.push(body);
      return;
    }
    const purposes = purposesOf(body);
    const value = body.value?.trim();
    const name = (body.name ?? body.label)?.trim();
    if (purposes.includes("identifying")) {
      identifies = true;
      const ref =
        sourceOf(body.source) ?? body.id ?? (value && /^(https?:\/\/\S+|Q\d+)$/i.test(value) ? value : undefined);
      if (ref) entity.refs.push(ref);
      const label = name ?? (value && value !== ref ? value : undefined);
      if (label) entity.name ??= label;
    } else if (purposes.includes("classifying")) {
      const type = value ?? name ?? sourceOf(body.source)?.replace(/^.*[#/]/, "") ?? body.id?.replace(/^.*[#/]/, "");
      if (type) entity.type ??= type;
    } else if (purposes.includes("tagging")) {
      if (value) texts.tags.push(value);
    } else if (purposes.includes("describing")) {
      if (value) texts.notes.push(value);
    } else if (value) {
      texts.comments.push(value);
    }
  });

  const targets = list(a.target);
  const withSelector = targets.findIndex((t) => typeof t === "object" && t.selector !== undefined);
  if (withSelector < 0 && motivations.includes("linking")) {
    const ends = targets.map((t) => (typeof t === "string" ? t : (t.id ?? sourceOf(t.source))));
    const from = extension(a, "relationSource") ?? ends[0];
    const to = extension(a, "relationTarget") ?? ends.find((end) => end !== from);
    const type = bodies.flatMap((b) =>
      typeof b === "object" && purposesOf(b).includes("classifying") ? [(b.value ?? b.name ?? "").trim()] : [],
    )[0];
    if (!from || !to || from === to || !type) {
      skipped.push({ ...at, message: "A linking annotation needs two annotations and a classifying type." });
      return { kind: "none" };
    }
    const directedRaw = Object.entries(a).find(([key]) => key === "directed" || /[:#]directed$/.test(key))?.[1];
    const directedValue =
      typeof directedRaw === "object" && directedRaw !== null
        ? (directedRaw as { "@value"?: unknown })["@value"]
        : directedRaw;
    const review = reviewOf(a);
    const relation: ImportedRelation = {
      ...at,
      sourceId: from,
      targetId: to,
      type,
      ...(directedValue === false || directedValue === "false" ? { directed: false } : {}),
      ...(directedValue === true || directedValue === "true" ? { directed: true } : {}),
      ...(texts.comments.length ? { note: texts.comments.join("\n\n") } : {}),
      ...(statusOf(a) ? { status: statusOf(a) } : {}),
      ...(review ? { review } : {}),
      ...(creator ? { creator } : {}),
    };
    return { kind: "relation", relation };
  }
  if (withSelector < 0) {
    // A comment or reply on another annotation.
    const parents = targets.map((t) => (typeof t === "string" ? t : (t.id ?? sourceOf(t.source)))).filter(Boolean);
    const text = texts.comments.join("\n\n") || [...texts.notes, ...texts.tags].join("\n\n");
    if (motivations.some((m) => m === "commenting" || m === "replying" || m === "") || text) {
      if (!text) {
        skipped.push({ ...at, message: "A comment without text was not imported." });
        return { kind: "none" };
      }
      return {
        kind: "comment",
        comment: {
          ...at,
          ...(a.id ? { sourceId: a.id } : {}),
          text,
          ...(creator ? { creator } : {}),
          created: a.created,
        },
        parents: parents as string[],
      };
    }
    problems.push({ ...at, message: "The target has no TextQuoteSelector or TextPositionSelector." });
    return { kind: "none" };
  }
  const target = targets[withSelector] as Exclude<(typeof targets)[number], string>;
  const path = Array.isArray(a.target) ? `target[${withSelector}].selector` : "target.selector";
  const before = problems.length;
  const selectors = readSelectors(target.selector, at, path, problems);
  if (problems.length > before) return { kind: "none" };
  if (!selectors.quote && !selectors.position) {
    problems.push({
      ...at,
      message: `No TextQuoteSelector or TextPositionSelector to anchor by (found ${selectors.ignored.join(", ")}).`,
    });
    return { kind: "none" };
  }
  if (selectors.ignored.length) {
    skipped.push({
      ...at,
      message: `Ignored ${[...new Set(selectors.ignored)].join(", ")}: anchored by quote and position.`,
    });
  }

  // A tag names the entity when the annotation identifies or classifies one; otherwise it stays a tag.
  if ((identifies || entity.type) && !entity.name && texts.tags.length) entity.name = texts.tags.shift();
  // Text bodies of the highlight itself are its note (Marginalia exports the note as `commenting`).
  const note = [
    ...texts.comments,
    ...texts.notes,
    ...(texts.tags.length ? [`Tags: ${texts.tags.join(", ")}`] : []),
  ].join("\n\n");
  const review = reviewOf(a);
  const highlight: ImportedHighlight = {
    ...at,
    ...(a.id ? { sourceId: a.id } : {}),
    ...(sourceOf(target.source) ? { source: sourceOf(target.source) } : {}),
    ...(selectors.quote ? { quote: selectors.quote } : {}),
    ...(selectors.position ? { position: selectors.position } : {}),
    ...(identifies || entity.type || entity.name ? { entity } : {}),
    ...(note ? { note } : {}),
    ...(statusOf(a) ? { status: statusOf(a) } : {}),
    ...(review ? { review } : {}),
    ...(extension(a, "anchorState")?.toLowerCase() === "moved" ? { moved: true } : {}),
    ...(creator ? { creator } : {}),
    ...(a.created ? { created: a.created } : {}),
    comments: [],
  };
  return { kind: "highlight", highlight };
}

function parseHypothesis(located: Located, problems: ImportProblem[], skipped: ImportProblem[]): Parsed {
  const at = { item: located.item, ...(located.line ? { line: located.line } : {}) };
  const parsed = hypothesisSchema.safeParse(located.value);
  if (!parsed.success) {
    problems.push(...zodProblems(parsed.error, at));
    return { kind: "none" };
  }
  const h = parsed.data;
  const name = h.user_info?.display_name ?? h.user?.replace(/^acct:/, "").replace(/@.*$/, "");
  const creator: ImportedCreator | undefined = h.user ? { id: h.user, ...(name ? { name } : {}) } : undefined;
  const text = h.text?.trim() ?? "";
  if (h.references?.length) {
    if (!text) {
      skipped.push({ ...at, message: "A reply without text was not imported." });
      return { kind: "none" };
    }
    return {
      kind: "comment",
      comment: {
        ...at,
        ...(h.id ? { sourceId: h.id } : {}),
        text,
        ...(creator ? { creator } : {}),
        created: h.created,
      },
      parents: [h.references[h.references.length - 1]],
    };
  }
  const target = (h.target ?? []).find((t) => t.selector?.length);
  if (!target) {
    skipped.push({ ...at, message: "A page note (no selected text) was not imported." });
    return { kind: "none" };
  }
  const index = (h.target ?? []).indexOf(target);
  const before = problems.length;
  const selectors = readSelectors(target.selector, at, `target[${index}].selector`, problems);
  if (problems.length > before) return { kind: "none" };
  if (!selectors.quote && !selectors.position) {
    problems.push({ ...at, message: "No TextQuoteSelector or TextPositionSelector to anchor by." });
    return { kind: "none" };
  }
  if (selectors.ignored.length) {
    skipped.push({
      ...at,
      message: `Ignored ${[...new Set(selectors.ignored)].join(", ")}: anchored by quote and position.`,
    });
  }
  return {
    kind: "highlight",
    highlight: {
      ...at,
      ...(h.id ? { sourceId: h.id } : {}),
      ...((target.source ?? h.uri) ? { source: target.source ?? h.uri } : {}),
      ...(selectors.quote ? { quote: selectors.quote } : {}),
      ...(selectors.position ? { position: selectors.position } : {}),
      ...(text || h.tags?.length
        ? { note: [text, ...(h.tags?.length ? [`Tags: ${h.tags.join(", ")}`] : [])].filter(Boolean).join("\n\n") }
        : {}),
      ...(creator ? { creator } : {}),
      ...(h.created ? { created: h.created } : {}),
      comments: [],
    },
  };
}

/**
 * Parses a W3C Web Annotation or Hypothesis export. Highlights come in file
 * order, each with its thread (comments and replies that lead to it, oldest
 * first); every problem names its item (and line, for JSON Lines).
 */
export function parseW3cAnnotations(raw: string): ParsedImport {
  const problems: ImportProblem[] = [];
  const skipped: ImportProblem[] = [];
  const read = readJson(raw);
  if (!read.ok) return { format: "w3c", highlights: [], skipped, problems: [read.problem] };
  const { items, hypothesis } = collectItems(read.values, read.jsonLines, problems);
  const isHypothesis =
    hypothesis || items.some((i) => typeof i.value === "object" && i.value && "uri" in i.value && "user" in i.value);
  if (!items.length && !problems.length) problems.push({ message: "The file contains no annotations." });

  const highlights: ImportedHighlight[] = [];
  const relations: ImportedRelation[] = [];
  const comments: { comment: ImportedComment; parents: string[] }[] = [];
  for (const located of items) {
    const result = isHypothesis ? parseHypothesis(located, problems, skipped) : parseW3c(located, problems, skipped);
    if (result.kind === "highlight") highlights.push(result.highlight);
    else if (result.kind === "relation") relations.push(result.relation);
    else if (result.kind === "comment") comments.push(result);
  }

  // Threads: follow each comment's target through other comments to a highlight.
  const highlightById = new Map(highlights.filter((h) => h.sourceId).map((h) => [h.sourceId!, h]));
  const commentById = new Map(comments.filter((c) => c.comment.sourceId).map((c) => [c.comment.sourceId!, c]));
  const rootOf = (parents: string[], seen = new Set<string>()): ImportedHighlight | undefined => {
    for (const parent of parents) {
      const highlight = highlightById.get(parent);
      if (highlight) return highlight;
      const comment = commentById.get(parent);
      if (comment && !seen.has(parent)) {
        seen.add(parent);
        const root = rootOf(comment.parents, seen);
        if (root) return root;
      }
    }
    return undefined;
  };
  for (const { comment, parents } of comments) {
    const root = rootOf(parents);
    if (root) root.comments.push(comment);
    else
      skipped.push({
        item: comment.item,
        ...(comment.line ? { line: comment.line } : {}),
        message: "A comment on an annotation that is not in the file was not imported.",
      });
  }
  for (const h of highlights) {
    // Oldest first, else in file order.
    h.comments = h.comments
      .map((c, i) => ({ c, i }))
      .sort((x, y) => (x.c.created && y.c.created ? Date.parse(x.c.created) - Date.parse(y.c.created) : 0) || x.i - y.i)
      .map(({ c }) => c);
  }
  const known = new Set(highlights.flatMap((h) => (h.sourceId ? [h.sourceId] : [])));
  const linked = relations.filter((r) => {
    if (known.has(r.sourceId) && known.has(r.targetId)) return true;
    skipped.push({
      item: r.item,
      ...(r.line ? { line: r.line } : {}),
      message: "A relation to an annotation that is not in the file was not imported.",
    });
    return false;
  });
  return { format: isHypothesis ? "hypothesis" : "w3c", highlights, relations: linked, skipped, problems };
}
