import { readFileSync } from "node:fs";
import path from "node:path";
import { createQuoteSelector } from "@/lib/anchoring/quote-selector";
import { parseArticleUpload } from "@/lib/content/import-article";
import { createExportLinks } from "../links";
import type { ExportAnnotation, ExportArticle, ExportBatch, ExportEntity, ExportUser } from "../types";

/** Test data for the export formats: the seed article and a Unicode-heavy one, annotated. */

export const SEED_PATH = path.resolve(__dirname, "../../../../shared/articles/afghan-resistance-2021.txt");

export const links = createExportLinks("http://localhost:3000/", "ws_1");

const alice: ExportUser = { id: "u_alice", name: "Alice O'Brien" };
const bob: ExportUser = { id: "u_bob", name: 'Bob "the reviewer", Jr.' };

const person = { id: "t_person", name: "Person", color: "#2f55d4" };
const org = { id: "t_org", name: "Armed group", color: "#c2410c" };
const place = { id: "t_place", name: "Place", color: "#15803d" };

export const entities: Record<string, ExportEntity> = {
  taliban: { id: "e_taliban", name: "Taliban", externalId: "Q42834", type: org },
  massoud: { id: "e_massoud", name: "Ahmad Massoud", externalId: "https://example.org/people/massoud", type: person },
  kabul: { id: "e_kabul", name: "Kabul", externalId: null, type: place },
  emoji: { id: "e_emoji", name: 'Family 👩‍👩‍👧, "emoji"', externalId: null, type: person },
};

let seq = 0;
const t0 = Date.parse("2026-11-20T09:00:00Z");

export function annotate(
  article: ExportArticle,
  start: number,
  end: number,
  extra: Partial<ExportAnnotation> = {},
): ExportAnnotation {
  const n = ++seq;
  return {
    id: `a_${String(n).padStart(4, "0")}`,
    articleId: article.id,
    revisionId: article.revisionId,
    start,
    end,
    ...createQuoteSelector(article.text, start, end),
    note: null,
    status: "PROPOSED",
    anchorState: "ANCHORED",
    author: alice,
    entity: null,
    reviewedAt: null,
    reviewedBy: null,
    rejectionReason: null,
    createdAt: new Date(t0 + n * 60_000),
    updatedAt: new Date(t0 + n * 60_000 + 1000),
    comments: [],
    ...extra,
  };
}

/** Every occurrence of `needle` in `text` (UTF-16 starts). */
export function occurrences(text: string, needle: string): number[] {
  const out: number[] = [];
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) out.push(i);
  return out;
}

async function article(id: string, title: string, raw: string): Promise<ExportArticle> {
  const { text } = await parseArticleUpload({ text: raw, format: "text" });
  return {
    id,
    workspaceId: "ws_1",
    title,
    source: "Foreign Policy",
    originalUrl: null,
    language: "en",
    revisionId: `${id}_r2`,
    revisionNumber: 2,
    text,
  };
}

const comment = (id: string, author: ExportUser, text: string, minutes: number) => ({
  id,
  author,
  text,
  createdAt: new Date(t0 + minutes * 60_000),
  updatedAt: new Date(t0 + minutes * 60_000),
});

/** The seed article: both occurrences of its two repeated sentences, entities, overlaps, a thread, an orphan. */
export async function seedBatch(): Promise<ExportBatch> {
  const a = await article(
    "art_seed",
    "Afghan Resistance Mulls Formation of Government in Exile",
    readFileSync(SEED_PATH, "utf8"),
  );
  const { text } = a;
  const annotations: ExportAnnotation[] = [];
  for (const sentence of [
    "The prospect of a government in exile raises concerns that Afghanistan could again be consumed by civil war.",
    "The Taliban are deeply unpopular among Afghans, especially in the cities.",
  ]) {
    const at = occurrences(text, sentence);
    if (at.length !== 2) throw new Error(`expected the seed article to repeat: ${sentence}`);
    at.forEach((start, i) =>
      annotations.push(
        annotate(a, start, start + sentence.length, {
          note: `Occurrence ${i + 1}, "quoted", with a comma`,
          status: i === 0 ? "ACCEPTED" : "REJECTED",
          reviewedBy: bob,
          reviewedAt: new Date(t0 + 3_600_000),
          rejectionReason: i === 0 ? null : "Duplicate,\nsee the first",
        }),
      ),
    );
  }
  // "Taliban" inside each repeated sentence that names them: overlapping annotations.
  for (const start of occurrences(text, "The Taliban are deeply unpopular")) {
    annotations.push(annotate(a, start + 4, start + 11, { entity: entities.taliban }));
  }
  for (const start of occurrences(text, "Taliban").slice(0, 4)) {
    annotations.push(annotate(a, start, start + "Taliban".length, { entity: entities.taliban, status: "ACCEPTED" }));
  }
  const kabul = text.indexOf("Kabul");
  if (kabul >= 0) annotations.push(annotate(a, kabul, kabul + 5, { entity: entities.kabul }));
  // A span across a paragraph break (brat writes it as fragments).
  const br = text.indexOf("\n\n");
  annotations.push(
    annotate(a, br - 10, br + 12, {
      entity: entities.massoud,
      comments: [
        comment("c_1", bob, 'Is this right?\nSecond line, "quoted"; <script>alert(1)</script>', 100),
        comment("c_2", alice, "Yes — checked, 👍", 101),
        comment("c_3", bob, "Thanks,\r\nresolved", 102),
      ],
    }),
  );
  annotations.push(annotate(a, 0, 10, { anchorState: "ORPHANED", exact: "Lost quote", prefix: "", suffix: "" }));
  annotations.sort((x, y) => x.start - y.start || x.end - y.end);
  return { article: a, annotations };
}

/** Astral characters, flags, ZWJ sequences, combining marks, RTL, no-break and soft hyphens. */
export const UNICODE_TEXT = [
  'Kabul 🇦🇫 — the family 👩‍👩‍👧 met 😀 at Café Ameri\u0301que, "quoted", and 𝒳.',
  "",
  "کابل is Kabul in Dari; Tal\u00ADiban; 10\u00A0km north. 😀😀 end.",
].join("\n");

export async function unicodeBatch(): Promise<ExportBatch> {
  const a = await article("art_unicode", 'Unicode <b>"test"</b>, article', UNICODE_TEXT);
  const { text } = a;
  const find = (needle: string, from = 0) => {
    const start = text.indexOf(needle, from);
    if (start < 0) throw new Error(`missing ${needle}`);
    return [start, start + needle.length] as const;
  };
  const annotations = [
    annotate(a, ...find("Kabul 🇦🇫"), { entity: entities.kabul }),
    annotate(a, ...find("👩‍👩‍👧"), { entity: entities.emoji, note: "ZWJ, family" }),
    annotate(a, ...find("😀 at Café Ameri\u0301que"), {
      status: "ACCEPTED",
      reviewedBy: bob,
      reviewedAt: new Date(t0),
    }),
    annotate(a, ...find("Ameri\u0301que")),
    annotate(a, ...find("𝒳")),
    annotate(a, ...find("کابل"), { entity: entities.kabul }),
    annotate(a, ...find("Tal\u00ADiban"), { entity: entities.taliban }),
    annotate(a, ...find("😀😀")),
    annotate(a, ...find("𝒳.\n\nکابل"), { entity: entities.massoud }),
  ].sort((x, y) => x.start - y.start || x.end - y.end);
  return { article: a, annotations };
}

export async function allBatches(): Promise<ExportBatch[]> {
  return [await seedBatch(), await unicodeBatch()];
}
