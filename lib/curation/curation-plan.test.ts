import { describe, expect, it } from "vitest";
import { agreementSpans, outsideLabel, UNTAGGED_LABEL, type ArticleAnnotation } from "./article-spans";
import {
  carryPicks,
  contextAround,
  countChanges,
  curationDecisions,
  curationPlan,
  decidedAnnotations,
  initialPicks,
} from "./curation-plan";

const person = { id: "e-massoud", name: "Ahmad Massoud", type: { id: "t-per", name: "Person", color: "#d94f4f" } };
const place = { id: "e-dushanbe", name: "Dushanbe", type: { id: "t-loc", name: "Place", color: "#2f9e44" } };
const org = { id: "e-taliban", name: "Taliban", type: { id: "t-org", name: "Organisation", color: "#2f55d4" } };

let n = 0;
function ann(
  authorId: string,
  start: number,
  end: number,
  entity: ArticleAnnotation["entity"],
  status: ArticleAnnotation["status"] = "PROPOSED",
): ArticleAnnotation {
  return { id: `x${n++}`, authorId, start, end, exact: `t${start}-${end}`, status, version: 1, entity };
}

describe("an article's annotations as agreement spans", () => {
  it("labels by entity type name, untagged ones apart, in the analysts' order", () => {
    const list = [ann("ben", 0, 5, place), ann("ana", 0, 5, person), ann("ana", 9, 12, null), ann("cy", 1, 2, org)];
    expect(agreementSpans(list, ["ana", "ben"])).toEqual([
      {
        annotator: "ana",
        spans: [
          { start: 0, end: 5, label: "Person" },
          { start: 9, end: 12, label: UNTAGGED_LABEL },
        ],
      },
      { annotator: "ben", spans: [{ start: 0, end: 5, label: "Place" }] },
    ]);
  });

  it("moves the outside label away from an entity type called O", () => {
    expect(outsideLabel([{ annotator: "a", spans: [{ start: 0, end: 1, label: "PER" }] }])).toBe("O");
    expect(outsideLabel([{ annotator: "a", spans: [{ start: 0, end: 1, label: "O" }] }])).toBe("O'");
  });
});

describe("a curation plan", () => {
  const list = [
    ann("ana", 0, 13, person), // agreement
    ann("ben", 0, 13, person),
    ann("ana", 20, 28, place), // same span, different entity
    ann("ben", 20, 28, org),
    ann("ana", 40, 51, org), // overlap
    ann("ben", 44, 51, org),
    ann("ben", 60, 68, place), // only Ben
  ];
  const plan = curationPlan(list, ["ana", "ben"]);

  it("has the agreements and the differences, each with its candidates", () => {
    expect(plan.agreements).toHaveLength(1);
    expect(plan.agreements[0].candidates).toHaveLength(1);
    expect(plan.agreements[0].candidates[0].analysts).toEqual(["ana", "ben"]);
    expect(plan.differences.map((d) => [d.kind, d.candidates.length, d.missing])).toEqual([
      ["label", 2, []],
      ["overlap", 2, []],
      ["only", 1, ["ana"]],
    ]);
    expect(plan.differences[0].candidates.map((c) => c.entity?.name)).toEqual(["Dushanbe", "Taliban"]);
  });

  it("groups identical annotations of several analysts into one candidate", () => {
    const three = curationPlan(
      [ann("ana", 0, 5, person), ann("ben", 0, 5, person), ann("cy", 0, 5, place)],
      ["ana", "ben", "cy"],
    );
    expect(three.agreements).toEqual([]);
    const [d] = three.differences;
    expect(d.kind).toBe("label");
    expect(d.candidates.map((c) => c.analysts)).toEqual([["ana", "ben"], ["cy"]]);
  });

  it("turns picks into decisions: the picked accepted (every copy), the rest of a decided item rejected, undecided ones left", () => {
    const [label, overlap] = plan.differences;
    const picks = {
      [plan.agreements[0].key]: [plan.agreements[0].candidates[0].key],
      [label.key]: [label.candidates[1].key],
      [overlap.key]: [],
    };
    const decisions = curationDecisions(plan, picks);
    const byId = Object.fromEntries(decisions.map((d) => [d.id, d.decision]));
    expect(byId).toEqual({
      [list[0].id]: "ACCEPTED",
      [list[1].id]: "ACCEPTED",
      [list[2].id]: "REJECTED",
      [list[3].id]: "ACCEPTED",
      [list[4].id]: "REJECTED",
      [list[5].id]: "REJECTED",
    });
    expect(countChanges(list, decisions)).toEqual({ accept: 3, reject: 3 });
  });

  it("reads the picks the statuses already express, and carries the reviewer's over a reload", () => {
    const decided = list.map(
      (a, i) => ({ ...a, status: i === 2 ? "ACCEPTED" : i === 3 ? "REJECTED" : a.status }) as ArticleAnnotation,
    );
    const again = curationPlan(decided, ["ana", "ben"]);
    const picks = initialPicks(again);
    expect(picks).toEqual({ [again.differences[0].key]: [again.differences[0].candidates[0].key] });
    expect(countChanges(decided, curationDecisions(again, picks))).toEqual({ accept: 0, reject: 0 });

    const mine = { ...picks, [again.differences[2].key]: [] };
    // Ben's "only" annotation was replaced meanwhile: that item is new, so undecided; the others keep their picks.
    const changed = decided.filter((a) => a.id !== list[6].id).concat(ann("ben", 60, 68, person));
    const carried = carryPicks(curationPlan(changed, ["ana", "ben"]), mine);
    expect(carried).toEqual(picks);
  });
});

describe("reviewers' decisions in a curation", () => {
  it("are left as they are when the curator takes an item in bulk, and changed only when overridden", () => {
    const rejected = ann("ana", 100, 105, person, "REJECTED");
    const proposed = ann("ben", 100, 105, person);
    const accepted = ann("ana", 200, 205, place, "ACCEPTED");
    const other = ann("ben", 200, 205, org);
    const all = [rejected, proposed, accepted, other];
    const p = curationPlan(all, ["ana", "ben"]);
    const [agreement] = p.agreements;
    expect(decidedAnnotations(agreement).map((a) => a.id)).toEqual([rejected.id]);
    const [label] = p.differences;
    const picks = {
      [agreement.key]: [agreement.candidates[0].key],
      [label.key]: [label.candidates.find((c) => c.entity?.id === org.id)!.key],
    };
    // Taken in bulk: only the proposed annotations change; the rejected and the accepted ones stay.
    const decisions = curationDecisions(p, picks);
    expect(Object.fromEntries(decisions.map((d) => [d.id, d.decision]))).toEqual({
      [proposed.id]: "ACCEPTED",
      [other.id]: "ACCEPTED",
    });
    expect(countChanges(all, decisions)).toEqual({ accept: 2, reject: 0 });
    // Overridden explicitly: the reviewer's rejection becomes an acceptance.
    const overridden = curationDecisions(p, picks, new Set([agreement.key, label.key]));
    expect(Object.fromEntries(overridden.map((d) => [d.id, d.decision]))).toEqual({
      [rejected.id]: "ACCEPTED",
      [proposed.id]: "ACCEPTED",
      [accepted.id]: "REJECTED",
      [other.id]: "ACCEPTED",
    });
  });
});

describe("the passage around a difference", () => {
  const text = "First paragraph.\n\nSecond paragraph with Massoud in it.\n\nThird.";
  it("is the paragraph", () => {
    const at = text.indexOf("Massoud");
    const c = contextAround(text, at, at + 7);
    expect(text.slice(c.from, c.to)).toBe("Second paragraph with Massoud in it.");
    expect(c).toMatchObject({ clippedStart: false, clippedEnd: false });
  });

  it("is cut at a word either side of a long paragraph", () => {
    const long = `${"word ".repeat(100)}Massoud ${"word ".repeat(100)}`.trim();
    const at = long.indexOf("Massoud");
    const c = contextAround(long, at, at + 7, 20);
    expect(c.clippedStart && c.clippedEnd).toBe(true);
    expect(long.slice(c.from, c.to)).toBe("word word word Massoud word word word word");
  });
});
