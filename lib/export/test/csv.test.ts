import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { csvExport, csvField } from "../csv";
import { TABLE_COLUMNS } from "../table";
import { collectText, sourceOf } from "../types";
import { allBatches } from "./fixtures";

const cpSlice = (text: string, start: number, end: number) => Array.from(text).slice(start, end).join("");

describe("CSV export", () => {
  it("quotes per RFC 4180", () => {
    expect(csvField("plain")).toBe("plain");
    expect(csvField('a "b", c')).toBe('"a ""b"", c"');
    expect(csvField("line\nbreak")).toBe('"line\nbreak"');
    expect(csvField("cr\rhere")).toBe('"cr\rhere"');
    expect(csvField(null)).toBe("");
    expect(csvField(12)).toBe("12");
  });

  it("parses back equal with a real CSV parser: commas, quotes and newlines in quotes and comments", async () => {
    const batches = await allBatches();
    const csv = await collectText(csvExport(sourceOf(batches)));
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(csv.endsWith("\r\n")).toBe(true);
    const records = parse(csv, { bom: true, columns: true, relax_quotes: false, record_delimiter: "\r\n" }) as Array<
      Record<string, string>
    >;
    const annotations = batches.flatMap((b) => b.annotations.map((a) => ({ article: b.article, a })));
    expect(records).toHaveLength(annotations.length);
    expect(Object.keys(records[0])).toEqual([...TABLE_COLUMNS]);
    records.forEach((row, i) => {
      const { article, a } = annotations[i];
      expect(row.annotation_id).toBe(a.id);
      expect(row.article).toBe(article.title);
      expect(row.quote).toBe(a.exact);
      expect(row.note).toBe(a.note ?? "");
      expect(row.author).toBe(a.author.name);
      expect(row.status).toBe(a.status.toLowerCase());
      expect(row.entity).toBe(a.entity?.name ?? "");
      expect(row.entity_type).toBe(a.entity?.type.name ?? "");
      expect(row.reviewed_by).toBe(a.reviewedBy?.name ?? "");
      expect(row.rejection_reason).toBe(a.rejectionReason ?? "");
      expect(row.created).toBe(a.createdAt.toISOString());
      expect(row.updated).toBe(a.updatedAt.toISOString());
      expect(Number(row.thread_size)).toBe(a.comments.length);
      expect(row.comments).toBe(a.comments.map((c) => `${c.author.name}: ${c.text}`).join("\n\n"));
      if (a.anchorState === "ORPHANED") {
        expect([row.start, row.end]).toEqual(["", ""]);
      } else {
        // Offsets are code points into the canonical text.
        expect(cpSlice(article.text, Number(row.start), Number(row.end))).toBe(row.quote);
      }
    });
    // The fixtures do hold the awkward characters this test is about.
    expect(records.some((r) => r.comments.includes("\n") && r.comments.includes('"'))).toBe(true);
    expect(records.some((r) => r.quote.includes(","))).toBe(true);
    expect(records.some((r) => r.quote.includes("\n"))).toBe(true);
  });
});
