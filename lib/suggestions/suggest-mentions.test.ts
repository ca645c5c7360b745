import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { findMentions } from "@/lib/suggestions/find-mentions";
import { suggestMentions } from "@/lib/suggestions/suggest-mentions";

const seed = readFileSync(path.resolve(__dirname, "../../../shared/articles/afghan-resistance-2021.txt"), "utf8")
  .replace(/\r\n?/g, "\n")
  .trimEnd();

/**
 * Hand-checked list of the seed article's people, places and organizations,
 * each with the surface forms the article uses for it.
 */
const gold: { name: string; type: "Person" | "Location" | "Organization"; forms: string[] }[] = [
  { name: "Ahmad Massoud", type: "Person", forms: ["Ahmad Massoud", "Massoud"] },
  { name: "Amrullah Saleh", type: "Person", forms: ["Amrullah Saleh", "Saleh"] },
  { name: "Ashraf Ghani", type: "Person", forms: ["Ashraf Ghani", "Ghani"] },
  { name: "Hamdullah Mohib", type: "Person", forms: ["Hamdullah Mohib"] },
  { name: "Lindsey Graham", type: "Person", forms: ["Lindsey Graham"] },
  { name: "Michael Waltz", type: "Person", forms: ["Michael Waltz"] },
  { name: "Charlie Wilson", type: "Person", forms: ["Charlie Wilson"] },
  { name: "Donald Trump", type: "Person", forms: ["Donald Trump"] },
  { name: "Rohullah Azizi", type: "Person", forms: ["Rohullah Azizi"] },
  { name: "Weeda Mehran", type: "Person", forms: ["Weeda Mehran"] },
  { name: "Haibatullah Akhundzada", type: "Person", forms: ["Haibatullah Akhundzada"] },
  { name: "Tamim Asey", type: "Person", forms: ["Tamim Asey", "Asey"] },
  { name: "Afghanistan", type: "Location", forms: ["Afghanistan"] },
  { name: "Tajikistan", type: "Location", forms: ["Tajikistan"] },
  { name: "Panjshir Valley", type: "Location", forms: ["Panjshir Valley", "Panjshir"] },
  { name: "Kabul", type: "Location", forms: ["Kabul"] },
  { name: "United Arab Emirates", type: "Location", forms: ["United Arab Emirates"] },
  { name: "Libya", type: "Location", forms: ["Libya"] },
  { name: "Qatar", type: "Location", forms: ["Qatar"] },
  { name: "Pakistan", type: "Location", forms: ["Pakistan"] },
  { name: "Australia", type: "Location", forms: ["Australia"] },
  { name: "Taliban", type: "Organization", forms: ["Taliban"] },
  { name: "National Resistance Front", type: "Organization", forms: ["National Resistance Front"] },
  {
    name: "Afghan National Defense and Security Forces",
    type: "Organization",
    forms: ["Afghan National Defense and Security Forces"],
  },
  { name: "University of Exeter", type: "Organization", forms: ["University of Exeter"] },
  { name: "Institute of War and Peace Studies", type: "Organization", forms: ["Institute of War and Peace Studies"] },
  { name: "al Qaeda", type: "Organization", forms: ["al Qaeda"] },
  { name: "Foreign Policy", type: "Organization", forms: ["Foreign Policy"] },
  {
    name: "Constitutional Republic of Afghanistan",
    type: "Organization",
    forms: ["Constitutional Republic of Afghanistan"],
  },
];

const goldForms = new Map(gold.flatMap((g) => g.forms.map((f) => [f.toLowerCase(), g.name] as const)));

describe("suggestions on the seed article", () => {
  it("find at least 80% of its people, places and organizations, with their precision reported", () => {
    const suggestions = suggestMentions({ text: seed, catalog: [] });
    const texts = [...new Set(suggestions.map((s) => s.text))];
    const found = new Set(texts.map((t) => goldForms.get(t.toLowerCase())).filter(Boolean));
    const recall = found.size / gold.length;
    const correct = texts.filter((t) => goldForms.has(t.toLowerCase())).length;
    const precision = correct / texts.length;
    const missed = gold.filter((g) => !found.has(g.name)).map((g) => g.name);
    const wrong = texts.filter((t) => !goldForms.has(t.toLowerCase()));
    console.log(
      `suggestions: recall ${recall.toFixed(2)} (${found.size}/${gold.length}), precision ${precision.toFixed(2)} (${correct}/${texts.length} distinct texts)` +
        `\n  missed: ${missed.join(", ") || "none"}\n  not in the gold list: ${wrong.join(", ") || "none"}`,
    );
    expect(recall).toBeGreaterThanOrEqual(0.8);
    for (const s of suggestions) expect(seed.slice(s.start, s.end)).toBe(s.text);
    // Cleaned spans: no trailing punctuation, possessives or bare honorifics.
    for (const s of suggestions) {
      expect(s.text).not.toMatch(/[,.;:’']$|[’']s$/u);
      expect(s.text).not.toMatch(/^(President|Sen\.|Rep\.|Former)$/u);
    }
  });

  it("suggest every mention of catalog entities, including ones NER misses", () => {
    const catalog = [
      { id: "saleh", name: "Amrullah Saleh", aliases: ["Saleh"], typeName: "Person" },
      { id: "taliban", name: "Taliban", aliases: [], typeName: "Organization" },
    ];
    const suggestions = suggestMentions({ text: seed, catalog });
    const expected = findMentions(seed, ["Amrullah Saleh", "Saleh", "Taliban"]);
    const catalogHits = suggestions.filter((s) => s.source === "catalog");
    expect(catalogHits.map((s) => [s.start, s.end])).toEqual(expected.map((r) => [r.start, r.end]));
    expect(catalogHits.filter((s) => s.entityId === "taliban").length).toBe(findMentions(seed, ["Taliban"]).length);
    expect(findMentions(seed, ["Taliban"]).length).toBeGreaterThan(20);
  });

  it("offer the catalog entity a mention names by its name, an alias or its last name, without applying the last name", () => {
    const catalog = [
      { id: "massoud", name: "Ahmad Massoud", aliases: [], typeName: "Person" },
      { id: "saleh", name: "Amrullah Saleh", aliases: ["Vice President Saleh"], typeName: "Person" },
    ];
    const suggestions = suggestMentions({ text: seed, catalog });
    const lone = suggestions.filter((s) => s.text === "Massoud");
    expect(lone.length).toBeGreaterThan(0);
    for (const s of lone) {
      expect(s.entityId).toBeNull();
      expect(s.match).toEqual({ entityId: "massoud", name: "Ahmad Massoud", via: "last name" });
    }
    const full = suggestions.find((s) => s.text === "Ahmad Massoud")!;
    expect(full).toMatchObject({ entityId: "massoud", match: { entityId: "massoud", via: "name" } });
    expect(suggestions.filter((s) => s.text === "Saleh").every((s) => s.match?.entityId === "saleh")).toBe(true);
    // Two entities with one last name: no guess.
    const twins = suggestMentions({
      text: "Massoud spoke.",
      catalog: [...catalog, { id: "other", name: "Ahmad Shah Massoud", aliases: [], typeName: "Person" }],
    });
    expect(twins.find((s) => s.text === "Massoud")?.match ?? null).toBeNull();
  });

  it("skip spans that are already annotated", () => {
    const first = seed.indexOf("Tajikistan");
    const suggestions = suggestMentions({ text: seed, catalog: [], existing: [{ start: first, end: first + 10 }] });
    expect(suggestions.some((s) => s.start === first)).toBe(false);
    expect(suggestions.some((s) => s.text === "Tajikistan")).toBe(true);
  });
});

describe("findMentions", () => {
  it("matches whole words case-insensitively, longest first, around emoji and accents", () => {
    const text = "Massoud met MASSOUD’s aide. Ahmad Massoud 🙂Massoud; Massoudi is not him. Émile and émile.";
    const ranges = findMentions(text, ["Massoud", "Ahmad Massoud", "émile"]);
    expect(ranges.map((r) => text.slice(r.start, r.end))).toEqual([
      "Massoud",
      "MASSOUD",
      "Ahmad Massoud",
      "Massoud",
      "Émile",
      "émile",
    ]);
  });
});
