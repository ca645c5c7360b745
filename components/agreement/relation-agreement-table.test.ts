import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { prf } from "@/lib/agreement";
import { RelationAgreementTable } from "./relation-agreement-table";

const analysts = ["a", "b", "c"].map((id) => ({ id, name: `Analyst ${id.toUpperCase()}` }));
const pair = (a: string, b: string, matched: number, onlyA: number, onlyB: number) => ({
  a,
  b,
  exact: prf(matched, onlyA, onlyB),
  overlap: prf(matched, onlyA, onlyB),
});
const render = (counts: Record<string, number>, pairs: ReturnType<typeof pair>[]) =>
  renderToStaticMarkup(createElement(RelationAgreementTable, { relations: { counts, pairs }, analysts }));

describe("RelationAgreementTable", () => {
  it("lists every pair where either analyst made a relation, and says how many pairs it leaves out", () => {
    const html = render({ a: 2, b: 1, c: 0 }, [
      pair("a", "b", 1, 1, 0),
      pair("a", "c", 0, 2, 0),
      pair("b", "c", 0, 1, 0),
    ]);
    expect(html.match(/<tr>/g)).toHaveLength(4); // the header and three pairs
    const quiet = render({ a: 2, b: 0, c: 0 }, [
      pair("a", "b", 0, 2, 0),
      pair("a", "c", 0, 2, 0),
      pair("b", "c", 0, 0, 0),
    ]);
    expect(quiet.match(/<tr>/g)).toHaveLength(3);
    expect(quiet).not.toContain("Analyst B · Analyst C");
    expect(quiet).toContain("Not listed: 1 pair of analysts of whom neither made a relation.");
  });

  it("shows no table of dashes when nobody made a relation", () => {
    const html = render({ a: 0, b: 0, c: 0 }, [
      pair("a", "b", 0, 0, 0),
      pair("a", "c", 0, 0, 0),
      pair("b", "c", 0, 0, 0),
    ]);
    expect(html).not.toContain("<table");
    expect(html).toContain("None of these analysts made a relation on this text.");
  });
});
