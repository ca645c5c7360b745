import { describe, expect, it } from "vitest";
import { FUZZY_THRESHOLD, LONG_QUOTE_LENGTH, anchorQuote } from "./match-quote";
import { createQuoteSelector, type AnchorSelector } from "./quote-selector";
import { createTextIndex } from "./text-index";

/** The selector an annotation on `text.slice(start, end)` stores. */
const annotate = (text: string, start: number, end: number): AnchorSelector => ({
  ...createQuoteSelector(text, start, end),
  start,
  end,
});
const annotateQuote = (text: string, quote: string, from = 0) => {
  const start = text.indexOf(quote, from);
  if (start < 0) throw new Error(`not in text: ${quote}`);
  return annotate(text, start, start + quote.length);
};
const hasLoneSurrogate = (s: string) =>
  /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s);

/** Deterministic pseudo-random filler prose (no quote of a test occurs in it by chance). */
function filler(length: number, seed = 1): string {
  const words = ["field", "report", "valley", "border", "council", "supply", "river", "winter", "ledger", "convoy"];
  let state = seed;
  const out: string[] = [];
  let total = 0;
  while (total < length) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    const word = `${words[state % words.length]}${state % 97}`;
    out.push(word);
    total += word.length + 1;
  }
  return out.join(" ").slice(0, length);
}

describe("anchorQuote, stage by stage", () => {
  const text = "Alpha beta gamma. Delta beta gamma. Alpha beta gamma again.";

  it("1. keeps the stored position when the text there is still the quote", () => {
    expect(anchorQuote(text, annotate(text, 6, 10))).toEqual({ status: "exact", start: 6, end: 10, score: 1 });
  });

  it("2. picks the occurrence whose context agrees best", () => {
    const selector = annotate(text, 24, 28); // "beta" after "Delta "
    const edited = `Intro. ${text}`;
    expect(anchorQuote(edited, selector)).toEqual({ status: "quote", start: 31, end: 35, score: 1 });
  });

  it("2. breaks ties in context agreement by distance from the stored position", () => {
    const repeated = "x ab x ab x ab x";
    const selector = { exact: "ab", prefix: "", suffix: "", start: 10, end: 12 };
    expect(anchorQuote(`${repeated}!`, { ...selector, start: 9, end: 11 }).start).toBe(7);
    expect(anchorQuote(`${repeated}!`, { ...selector, start: 12, end: 14 }).start).toBe(12);
  });

  it("3. finds an edited quote near its position and flags it fuzzy", () => {
    const original = "The Taliban are deeply unpopular among Afghans, especially in the cities.";
    const selector = annotateQuote(`Before. ${original} After.`, "deeply unpopular among Afghans, especially");
    const edited = "Before. The Taliban are very unpopular among Afghans, especially in the cities. After.";
    const result = anchorQuote(edited, selector);
    expect(result.status).toBe("fuzzy");
    expect(edited.slice(result.start, result.end)).toBe("very unpopular among Afghans, especially");
    expect(result.score).toBeGreaterThanOrEqual(FUZZY_THRESHOLD);
    expect(result.score).toBeLessThan(1);
  });

  it("3. corrects a typo in a short quote when its context still agrees", () => {
    const selector = annotateQuote("They fled to Kabull in the night, said the official.", "Kabull");
    const edited = "They fled to Kabul in the night, said the official.";
    expect(anchorQuote(edited, selector)).toMatchObject({ status: "fuzzy", start: 13, end: 18 });
  });

  it("4. orphans a short quote whose surroundings were rewritten", () => {
    const selector = annotateQuote("They fled to Kabull in the night, said the official.", "Kabull");
    expect(anchorQuote("Kabul is the capital of a country with many provinces.", selector)).toEqual({
      status: "orphaned",
    });
  });

  it("4. orphans a quote changed beyond the threshold, and an empty quote", () => {
    const selector = annotateQuote(text, "Delta beta gamma.");
    expect(anchorQuote("Alpha beta gamma. Omega zeta theta. Alpha beta gamma again.", selector).status).toBe(
      "orphaned",
    );
    expect(anchorQuote(text, { exact: "", prefix: "", suffix: "", start: 0, end: 0 }).status).toBe("orphaned");
  });

  it("never splits a surrogate pair, even when an emoji changed", () => {
    const selector = annotateQuote("We met at noon 😀 and left at one.", "met at noon 😀");
    const result = anchorQuote("We met at noon 😁 and left at one.", selector);
    expect(result.status).toBe("fuzzy");
    expect(hasLoneSurrogate("We met at noon 😁 and left at one.".slice(result.start, result.end))).toBe(false);
  });

  it("tolerates stored offsets that no longer fit the text", () => {
    const selector = { ...annotateQuote(text, "Delta"), start: 500, end: 505 };
    expect(anchorQuote(text, selector)).toMatchObject({ status: "quote", start: 18 });
    expect(anchorQuote(text, { ...selector, start: Number.NaN, end: Number.NaN })).toMatchObject({ start: 18 });
  });
});

describe("anchorQuote on large texts", () => {
  const head = filler(100_000, 1);
  const tail = filler(900_000, 2);
  const quote =
    "Discussions are in the early stages, and the groups are yet to unite ideologically, sources said. " +
    "Some major players, including warlords and ethnic power brokers, are cooperating from outside the country.";

  it("finds an edited quote that moved far away in a 1M-character text, fast", () => {
    const oldText = `${head}. ${quote} ${tail}`;
    const selector = annotateQuote(oldText, quote);
    const editedQuote = quote.replace("early stages", "first stages").replace("warlords", "militia leaders");
    const newText = `${head}. ${tail.slice(0, 800_000)}. ${editedQuote} ${tail.slice(800_000)}`;
    const t0 = performance.now();
    const result = anchorQuote(newText, selector);
    const ms = performance.now() - t0;
    console.log(`anchorQuote, ${quote.length}-unit quote moved 800k in ${newText.length} units: ${ms.toFixed(1)} ms`);
    expect(result.status).toBe("fuzzy");
    expect(newText.slice(result.start, result.end)).toBe(editedQuote);
    expect(ms).toBeLessThan(1000);
  });

  it("finds a long edited quote by its ends", () => {
    const long = filler(6_000, 7);
    expect(long.length).toBeGreaterThan(LONG_QUOTE_LENGTH);
    const oldText = `${head}. ${long}. ${tail}`;
    const selector = annotateQuote(oldText, long);
    const editedLong = long.slice(0, 3000) + " a sentence added in the middle " + long.slice(3100);
    const newText = `${filler(5_000, 9)}. ${head}. ${editedLong}. ${tail}`;
    const t0 = performance.now();
    const result = anchorQuote(newText, selector);
    const ms = performance.now() - t0;
    console.log(`anchorQuote, ${long.length}-unit quote edited and moved: ${ms.toFixed(1)} ms`);
    expect(result.status).toBe("fuzzy");
    expect(newText.slice(result.start, result.end)).toBe(editedLong);
    expect(ms).toBeLessThan(1000);
  });

  it("gives the same answers with a shared index", () => {
    const oldText = `${head}. ${quote} ${tail}`;
    const selector = annotateQuote(oldText, quote);
    const newText = `${quote.slice(0, 50)} ${oldText}`;
    const index = createTextIndex(newText);
    expect(anchorQuote(newText, selector, { index })).toEqual(anchorQuote(newText, selector));
  });
});
