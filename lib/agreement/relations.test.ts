import { describe, expect, it } from "vitest";
import { relationAgreement, type AgreementRelation } from "./relations";

const rel = (type: string, s: [number, number], t: [number, number], directed = true): AgreementRelation => ({
  type,
  directed,
  source: { start: s[0], end: s[1] },
  target: { start: t[0], end: t[1] },
});

describe("relationAgreement", () => {
  it("matches same type and ends exactly; a reversed directed relation does not match", () => {
    const a = [rel("leads", [0, 13], [30, 55]), rel("member of", [60, 70], [30, 55])];
    const b = [rel("leads", [0, 13], [30, 55]), rel("member of", [30, 55], [60, 70])];
    expect(relationAgreement(a, b, "exact")).toEqual({
      matched: 1,
      onlyA: 1,
      onlyB: 1,
      precision: 0.5,
      recall: 0.5,
      f1: 0.5,
    });
  });

  it("matches symmetric relations either way round, and overlapping ends in overlap mode", () => {
    const a = [rel("met with", [0, 13], [20, 34], false), rel("leads", [0, 13], [40, 65])];
    const b = [rel("met with", [20, 34], [0, 13], false), rel("leads", [6, 13], [40, 60])];
    expect(relationAgreement(a, b, "exact").matched).toBe(1);
    expect(relationAgreement(a, b, "overlap")).toMatchObject({ matched: 2, f1: 1 });
  });

  it("never matches different types, and is null-safe when one side has none", () => {
    expect(relationAgreement([rel("leads", [0, 5], [6, 9])], [rel("said", [0, 5], [6, 9])], "exact").f1).toBe(0);
    expect(relationAgreement([], [], "exact")).toMatchObject({ precision: null, recall: null, f1: null });
  });
});
