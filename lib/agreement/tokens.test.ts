import { describe, expect, it } from "vitest";
import { cohenKappa } from "./cohen";
import type { Span } from "./common";
import { fleissKappaFromRatings } from "./fleiss";
import { krippendorffAlpha } from "./krippendorff";
import { pairwiseTokenKappa, tokenAgreement, tokenLabels, tokenize } from "./tokens";

const s = (start: number, end: number, label: string): Span => ({ start, end, label });

describe("tokenize", () => {
  it("splits on everything but letters, marks and digits; offsets in UTF-16 code units", () => {
    const text = "Dr. O'Neil met COVID-19 in Zürich, 2020.";
    expect(tokenize(text).map((t) => t.text)).toEqual([
      "Dr",
      "O",
      "Neil",
      "met",
      "COVID",
      "19",
      "in",
      "Zürich",
      "2020",
    ]);
    for (const t of tokenize(text)) expect(text.slice(t.start, t.end)).toBe(t.text);
  });

  it("keeps combining marks in the word and counts astral letters as two code units", () => {
    const text = "Cafe\u0301 𝐀𝐁 — 😀 x";
    const tokens = tokenize(text);
    expect(tokens.map((t) => t.text)).toEqual(["Cafe\u0301", "𝐀𝐁", "x"]);
    expect(tokens[1]).toMatchObject({ start: 6, end: 10 });
  });

  it("finds nothing in an empty or punctuation-only text", () => {
    expect(tokenize("")).toEqual([]);
    expect(tokenize(" ,.;— ")).toEqual([]);
  });
});

describe("tokenLabels", () => {
  const text = "Angela Merkel visited New York City today";
  const tokens = tokenize(text);

  it("labels tokens sharing a code unit with an annotation, others O", () => {
    // "Merkel" partly covered (from "erk") still counts; "visited" untouched.
    expect(tokenLabels(tokens, [s(0, 6, "PER"), s(8, 11, "PER"), s(22, 30, "LOC")])).toEqual([
      "PER",
      "PER",
      "O",
      "LOC",
      "LOC",
      "O",
      "O",
    ]);
  });

  it("picks among one annotator's overlapping annotations: earliest start, then longest, then label", () => {
    const labels = tokenLabels(tokens, [s(26, 35, "CITY"), s(22, 30, "LOC"), s(22, 35, "GPE"), s(22, 35, "AAA")]);
    expect(labels.slice(3, 6)).toEqual(["AAA", "AAA", "AAA"]);
    expect(tokenLabels(tokens, [s(26, 35, "CITY"), s(22, 30, "LOC")]).slice(3, 6)).toEqual(["LOC", "LOC", "CITY"]);
  });

  it("uses a chosen outside label, and refuses a span labelled like it", () => {
    expect(tokenLabels(tokens, [s(0, 6, "PER")], "-")[1]).toBe("-");
    expect(() => tokenLabels(tokens, [s(0, 6, "O")])).toThrow(RangeError);
  });
});

describe("tokenAgreement", () => {
  const text = "Angela Merkel visited New York City today with Olaf Scholz";
  // Tokens: Angela Merkel visited New York City today with Olaf Scholz (10)
  const ann = [s(0, 13, "PER"), s(22, 35, "LOC"), s(47, 58, "PER")];
  const bob = [s(0, 13, "PER"), s(22, 30, "ORG"), s(47, 51, "PER")];

  it("feeds Cohen, Fleiss and alpha with the same token labels", () => {
    const r = tokenAgreement(text, [
      { annotator: "ann", spans: ann },
      { annotator: "bob", spans: bob },
    ]);
    const tokens = tokenize(text);
    const a = tokenLabels(tokens, ann);
    const b = tokenLabels(tokens, bob);
    expect(a).toEqual(["PER", "PER", "O", "LOC", "LOC", "LOC", "O", "O", "PER", "PER"]);
    expect(b).toEqual(["PER", "PER", "O", "ORG", "ORG", "O", "O", "O", "PER", "O"]);
    expect(r.tokens).toBe(10);
    expect(r.units).toBe(10);
    expect(r.overall.cohen).toEqual(cohenKappa(a, b));
    expect(r.overall.fleiss).toEqual(fleissKappaFromRatings(a.map((x, i) => [x, b[i]])));
    expect(r.overall.alpha).toEqual(krippendorffAlpha([a, b]));
    expect(r.byLabel.map((x) => x.label)).toEqual(["LOC", "ORG", "PER"]);
    const per = r.byLabel[2];
    const bin = (xs: string[]) => xs.map((x) => (x === "PER" ? "PER" : "O"));
    expect(per.cohen).toEqual(cohenKappa(bin(a), bin(b)));
    // PER one-vs-rest: 3 agreeing PER tokens, 1 PER only for ann, 6 agreeing O:
    // p_o = 0.9, p_e = 0.4·0.3 + 0.6·0.7 = 0.54, κ = 0.36/0.46.
    expect(per.cohen!.value).toBeCloseTo(0.36 / 0.46, 12);
  });

  it("restricts the units to annotated tokens on request", () => {
    const r = tokenAgreement(
      text,
      [
        { annotator: "ann", spans: ann },
        { annotator: "bob", spans: bob },
      ],
      { units: "annotated" },
    );
    expect(r.units).toBe(7);
    expect(r.overall.cohen!.units).toBe(7);
    expect(r.byLabel[0].fleiss.units).toBe(7);
  });

  it("leaves Cohen out for more than two annotators", () => {
    const r = tokenAgreement(text, [
      { annotator: "a", spans: ann },
      { annotator: "b", spans: bob },
      { annotator: "c", spans: ann },
    ]);
    expect(r.overall.cohen).toBeNull();
    expect(r.overall.fleiss.raters).toBe(3);
    expect(r.overall.alpha.pairableValues).toBe(30);
  });

  it("edge cases: no annotators, one annotator, no annotations, total agreement, empty text", () => {
    expect(tokenAgreement(text, []).overall).toMatchObject({
      cohen: null,
      fleiss: { value: null, reason: "no-units" },
      alpha: { value: null, reason: "no-units" },
    });
    expect(tokenAgreement(text, [{ annotator: "a", spans: ann }]).overall).toMatchObject({
      cohen: null,
      fleiss: { reason: "single-annotator" },
      alpha: { reason: "single-annotator" },
    });
    const none = tokenAgreement(text, [
      { annotator: "a", spans: [] },
      { annotator: "b", spans: [] },
    ]);
    expect(none.overall.cohen).toMatchObject({ value: null, reason: "no-variation", observedAgreement: 1 });
    expect(none.byLabel).toEqual([]);
    const same = tokenAgreement(text, [
      { annotator: "a", spans: ann },
      { annotator: "b", spans: ann },
    ]);
    expect(same.overall.cohen!.value).toBe(1);
    expect(same.overall.fleiss.value).toBe(1);
    expect(same.overall.alpha.value).toBe(1);
    expect(same.byLabel.every((x) => x.cohen!.value === 1)).toBe(true);
    expect(
      tokenAgreement("", [
        { annotator: "a", spans: [] },
        { annotator: "b", spans: [] },
      ]).overall.cohen,
    ).toMatchObject({ reason: "no-units" });
    const annotatedOnly = tokenAgreement(
      text,
      [
        { annotator: "a", spans: [] },
        { annotator: "b", spans: [] },
      ],
      { units: "annotated" },
    );
    expect(annotatedOnly.units).toBe(0);
    expect(annotatedOnly.overall.alpha.reason).toBe("no-units");
  });

  it("rejects spans beyond the text", () => {
    expect(() => tokenAgreement("ab", [{ annotator: "a", spans: [s(0, 3, "X")] }])).toThrow(RangeError);
  });
});

describe("pairwiseTokenKappa", () => {
  it("is Cohen's kappa for every pair, symmetric, overall and per label", () => {
    const text = "one two three four five six";
    const m = pairwiseTokenKappa(text, [
      { annotator: "a", spans: [s(0, 3, "X"), s(8, 13, "Y")] },
      { annotator: "b", spans: [s(0, 7, "X")] },
      { annotator: "c", spans: [s(0, 3, "X"), s(8, 13, "Y")] },
    ]);
    expect(m.annotators).toEqual(["a", "b", "c"]);
    expect(m.cells[1][1]).toBeNull();
    expect(m.cells[0][2]!.overall.value).toBe(1);
    expect(m.cells[0][1]!.overall.value).toBeCloseTo(m.cells[1][0]!.overall.value!, 12);
    expect(m.cells[0][1]!.byLabel.map((x) => x.label)).toEqual(["X", "Y"]);
    // X one-vs-rest for a vs b: tokens X,O,O,O,O,O vs X,X,O,O,O,O → p_o = 5/6,
    // p_e = (1/6)(2/6) + (5/6)(4/6) = 22/36, κ = (30/36 − 22/36)/(14/36) = 8/14.
    expect(m.cells[0][1]!.byLabel[0].value).toBeCloseTo(8 / 14, 12);
  });
});
