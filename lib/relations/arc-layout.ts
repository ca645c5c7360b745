/**
 * Lays out relation arcs over the text: pure geometry, no DOM. Each end is a
 * box in page coordinates (the first line box of its highlight). A relation
 * with both ends on screen is an arc whose label sits above its apex; labels
 * are stacked in levels so that no two overlap. A relation with one end on
 * screen is a stub at that end, with its label and a way to jump to the other.
 */

export type Box = { left: number; top: number; right: number; bottom: number };

export type ArcInput = {
  id: string;
  label: string;
  source: Box | null;
  target: Box | null;
};

export type PlacedLabel = { left: number; top: number; width: number; height: number };

export type Arc = {
  kind: "arc";
  id: string;
  /** SVG path from the source's top to the target's top. */
  path: string;
  label: PlacedLabel;
  /** The arrow head's point (the target's top centre). */
  head: { x: number; y: number };
};

export type Stub = {
  kind: "stub";
  id: string;
  /** Which end is on screen. */
  at: "source" | "target";
  path: string;
  label: PlacedLabel;
};

export type ArcLayoutOptions = {
  /** The visible band, in page coordinates. */
  viewport: { top: number; bottom: number };
  /** Width of a label per character, and its height (px). */
  charWidth?: number;
  labelHeight?: number;
  /** Extra width of a stub's label (for its "↗ jump"). */
  stubExtra?: number;
  /** The layer's width: labels are kept inside it (a stub at the end of a line ran off a phone's screen). */
  width?: number;
};

const overlaps = (a: PlacedLabel, b: PlacedLabel) =>
  a.left < b.left + b.width && b.left < a.left + a.width && a.top < b.top + b.height && b.top < a.top + a.height;

const visible = (box: Box | null, viewport: ArcLayoutOptions["viewport"]): box is Box =>
  !!box && box.bottom >= viewport.top && box.top <= viewport.bottom;

/**
 * Places the arcs and stubs of the relations with at least one end in the
 * viewport; labels never overlap (each moves up a level until it fits).
 * Shorter arcs are placed first, so they stay close to the text.
 */
export function layoutArcs(inputs: readonly ArcInput[], options: ArcLayoutOptions): Array<Arc | Stub> {
  const charWidth = options.charWidth ?? 7;
  const height = options.labelHeight ?? 16;
  const stubExtra = options.stubExtra ?? 48;
  const placed: PlacedLabel[] = [];
  const place = (centerX: number, baseTop: number, width: number): PlacedLabel => {
    let left = centerX - width / 2;
    if (options.width !== undefined) left = Math.max(0, Math.min(left, options.width - width));
    let label = { left, top: baseTop - height, width, height };
    for (let level = 0; level < 40 && placed.some((p) => overlaps(p, label)); level++) {
      label = { ...label, top: label.top - (height + 2) };
    }
    placed.push(label);
    return label;
  };
  const both = inputs
    .filter((i) => visible(i.source, options.viewport) && visible(i.target, options.viewport))
    .map((i) => ({ i, span: Math.abs(i.source!.left - i.target!.left) + Math.abs(i.source!.top - i.target!.top) }))
    .sort((a, b) => a.span - b.span || a.i.id.localeCompare(b.i.id));
  const out: Array<Arc | Stub> = [];
  for (const { i } of both) {
    const s = i.source!;
    const t = i.target!;
    const sx = (s.left + s.right) / 2;
    const tx = (t.left + t.right) / 2;
    const top = Math.min(s.top, t.top);
    const width = i.label.length * charWidth + 12;
    const label = place((sx + tx) / 2, top - 10, width);
    const apex = label.top + label.height;
    out.push({
      kind: "arc",
      id: i.id,
      path: `M ${sx} ${s.top} C ${sx} ${apex}, ${tx} ${apex}, ${tx} ${t.top}`,
      label,
      head: { x: tx, y: t.top },
    });
  }
  for (const i of inputs) {
    const sourceOn = visible(i.source, options.viewport);
    const targetOn = visible(i.target, options.viewport);
    if (sourceOn === targetOn) continue;
    const at = sourceOn ? "source" : "target";
    const box = (sourceOn ? i.source : i.target)!;
    const x = (box.left + box.right) / 2;
    const width = i.label.length * charWidth + 12 + stubExtra;
    const label = place(x + width / 2, box.top - 8, width);
    out.push({ kind: "stub", id: i.id, at, path: `M ${x} ${box.top} L ${x} ${label.top + label.height}`, label });
  }
  return out;
}
