import { describe, expect, it } from "vitest";
import { relationCurationPlan, relationDecisions, type CurationRelation } from "./relation-curation";

const leads = { id: "t-leads", name: "leads", directed: true, color: "#000" };
const member = { id: "t-member", name: "member of", directed: true, color: "#111" };
const met = { id: "t-met", name: "met with", directed: false, color: "#222" };
const massoud = { id: "x", start: 0, end: 13, exact: "Ahmad Massoud" };
const front = { id: "y", start: 24, end: 49, exact: "National Resistance Front" };
const saleh = { id: "z", start: 66, end: 80, exact: "Amrullah Saleh" };

let n = 0;
function rel(
  authorId: string,
  type: CurationRelation["type"],
  source: CurationRelation["source"],
  target: CurationRelation["target"],
  status: CurationRelation["status"] = "PROPOSED",
): CurationRelation {
  // Each analyst's annotations have their own ids; the ranges are what match.
  return {
    id: `r${++n}`,
    version: 1,
    status,
    authorId,
    type,
    source: { ...source, id: `${authorId}-${source.id}` },
    target: { ...target, id: `${authorId}-${target.id}` },
  };
}

describe("relationCurationPlan", () => {
  it("groups by ends in either order: agreements, a missing relation, another type or direction", () => {
    const relations = [
      rel("a", leads, massoud, front),
      rel("b", leads, massoud, front),
      // Symmetric: the ends in the other order still agree.
      rel("a", met, saleh, massoud),
      rel("b", met, massoud, saleh),
      // Only b links Saleh and the front.
      rel("b", member, saleh, front),
    ];
    const plan = relationCurationPlan(relations, ["a", "b"]);
    expect(plan.agreements.map((i) => i.candidates[0].type.name)).toEqual(["leads", "met with"]);
    expect(plan.differences).toHaveLength(1);
    expect(plan.differences[0]).toMatchObject({ kind: "missing", missing: ["a"], decided: null });
    expect(plan.differences[0].candidates[0].analysts).toEqual(["b"]);
  });

  it("tells a different type, and a reversed direction, apart as candidates of one difference", () => {
    const relations = [
      rel("a", leads, massoud, front),
      rel("b", member, massoud, front),
      rel("c", leads, front, massoud),
    ];
    const [item] = relationCurationPlan(relations, ["a", "b", "c"]).differences;
    expect(item.kind).toBe("type");
    expect(item.candidates.map((c) => [c.type.name, c.source.exact, c.analysts])).toEqual([
      ["leads", "Ahmad Massoud", ["a"]],
      ["member of", "Ahmad Massoud", ["b"]],
      ["leads", "National Resistance Front", ["c"]],
    ]);
    expect(relationDecisions(item, item.candidates[1].key).map((d) => d.decision)).toEqual([
      "REJECTED",
      "ACCEPTED",
      "REJECTED",
    ]);
    expect(relationDecisions(item, null).every((d) => d.decision === "REJECTED")).toBe(true);
  });

  it("keeps a decided difference decided: the candidate with accepted relations, or none", () => {
    const kept = relationCurationPlan(
      [rel("a", leads, massoud, front, "REJECTED"), rel("b", member, massoud, front, "ACCEPTED")],
      ["a", "b"],
    ).differences[0];
    expect(kept.decided).toBe(kept.candidates[1].key);
    const none = relationCurationPlan([rel("a", leads, massoud, front, "REJECTED")], ["a", "b"]).differences[0];
    expect(none.decided).toBe("");
  });

  it("leaves out analysts not picked", () => {
    const plan = relationCurationPlan([rel("a", leads, massoud, front), rel("z", leads, massoud, front)], ["a"]);
    expect(plan.agreements[0].candidates[0].analysts).toEqual(["a"]);
    expect(plan.differences).toEqual([]);
  });
});
