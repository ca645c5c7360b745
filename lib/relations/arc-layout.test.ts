import { describe, expect, it } from "vitest";
import { layoutArcs, type ArcInput, type Box } from "./arc-layout";

const box = (left: number, top: number, width = 60): Box => ({ left, top, right: left + width, bottom: top + 18 });
const viewport = { top: 0, bottom: 800 };

describe("layoutArcs", () => {
  it("draws an arc between two ends on screen, its label above both", () => {
    const [arc] = layoutArcs([{ id: "r1", label: "leads", source: box(10, 100), target: box(300, 100) }], { viewport });
    expect(arc).toMatchObject({ kind: "arc", id: "r1", head: { x: 330, y: 100 } });
    expect(arc.label.top + arc.label.height).toBeLessThanOrEqual(100);
    expect(arc.path.startsWith("M 40 100 C")).toBe(true);
  });

  it("never lets two labels overlap, however many relations share a line", () => {
    const inputs: ArcInput[] = Array.from({ length: 30 }, (_, i) => ({
      id: `r${i}`,
      label: "located in",
      source: box(10 + (i % 5) * 20, 200),
      target: box(200 + (i % 7) * 15, 200),
    }));
    const placed = layoutArcs(inputs, { viewport }).map((a) => a.label);
    expect(placed).toHaveLength(30);
    for (let a = 0; a < placed.length; a++) {
      for (let b = a + 1; b < placed.length; b++) {
        const x = placed[a];
        const y = placed[b];
        const overlap =
          x.left < y.left + y.width &&
          y.left < x.left + x.width &&
          x.top < y.top + y.height &&
          y.top < x.top + x.height;
        expect(overlap, `${a} and ${b}`).toBe(false);
      }
    }
  });

  it("draws a stub at the end on screen when the other is off screen, and nothing when neither is", () => {
    const out = layoutArcs(
      [
        { id: "far", label: "leads", source: box(10, 100), target: box(10, 5000) },
        { id: "gone", label: "leads", source: box(10, 3000), target: box(10, 5000) },
        { id: "up", label: "said", source: box(10, -900), target: box(40, 400) },
      ],
      { viewport },
    );
    expect(out.map((o) => [o.kind, o.id, o.kind === "stub" ? o.at : null])).toEqual([
      ["stub", "far", "source"],
      ["stub", "up", "target"],
    ]);
  });

  it("keeps labels inside the layer's width: a stub at the end of a line is drawn to its left", () => {
    const [stub] = layoutArcs([{ id: "edge", label: "led by", source: box(290, 100), target: box(10, 5000) }], {
      viewport,
      width: 360,
    });
    expect(stub.kind).toBe("stub");
    expect(stub.label.left + stub.label.width).toBeLessThanOrEqual(360);
    expect(stub.label.left).toBeGreaterThanOrEqual(0);
    // Its line still rises from the end into the label.
    const x = Number(stub.path.split(" ")[1]);
    expect(x).toBeGreaterThanOrEqual(stub.label.left);
    expect(x).toBeLessThanOrEqual(stub.label.left + stub.label.width);
  });
});
