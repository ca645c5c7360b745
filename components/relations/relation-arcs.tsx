"use client";

import { memo, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { layoutArcs, type ArcInput, type Box } from "@/lib/relations/arc-layout";
import type { RelationItem } from "@/lib/validations/relation";
import { lightEnds } from "./light-ends";

/** A colleague's pending link (presence): drawn as a dashed stub from its source. */
export type PendingLink = { key: string; sourceId: string; label: string };

type RelationArcsProps = {
  relations: RelationItem[];
  /** Others' links in the making, from these highlights. */
  pending?: readonly PendingLink[];
  /** Changes whenever highlights may have moved (annotations, content): ends are measured again. */
  layoutKey: unknown;
  /** The editor's element (its children are the text's blocks), observed for size changes. */
  root: HTMLElement | null;
  onJump: (annotationId: string) => void;
};

const NO_PENDING: readonly PendingLink[] = [];
/** Scrolling less than this keeps the arcs' layout (the layer's margin covers it). */
const SCROLL_STEP = 120;
/** How far past the screen the layer reaches, and ends are measured. */
const MARGIN = 200;
/** Highlights are drawn in slices over a few frames after a change (annotation-highlights.ts): look again then. */
const SLICES_SETTLED_MS = 400;
/** More new ends than this at once (a reload, a colleague's import) are measured with the band instead. */
const FEW_ENDS = 24;

type Band = { top: number; bottom: number };
/**
 * What the layer draws from: the visible band, and the boxes of the relation ends in and near it
 * among `ids`, the ends there were when it was measured (ends since added are measured on their own).
 */
type View = { viewport: Band; ids: ReadonlySet<string>; boxes: Map<string, Box>; limit: number };

/** An end's box: the first line box of `mark`, relative to `origin`. */
function boxOf(mark: Element, origin: DOMRect): Box | null {
  const rect = mark.getClientRects()[0];
  if (!rect) return null;
  return {
    left: rect.left - origin.left,
    top: rect.top - origin.top,
    right: rect.right - origin.left,
    bottom: rect.bottom - origin.top,
  };
}

/**
 * The text's top-level blocks that meet `band` (relative to `origin`), found by
 * bisection: blocks are in reading order, and a block's own box is known
 * without laying out its content.
 */
function blocksIn(root: HTMLElement, origin: DOMRect, band: Band): Element[] {
  const blocks = root.children;
  let lo = 0;
  let hi = blocks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (blocks[mid].getBoundingClientRect().bottom - origin.top < band.top) lo = mid + 1;
    else hi = mid;
  }
  const found: Element[] = [];
  for (let i = lo; i < blocks.length; i++) {
    if (blocks[i].getBoundingClientRect().top - origin.top > band.bottom) break;
    found.push(blocks[i]);
  }
  return found;
}

/**
 * Boxes of the ends (`ids`) highlighted in and near `band`; ends elsewhere are
 * left out, and the layout treats them as off screen. Only blocks near the
 * screen are read: off-screen blocks skip layout (`content-visibility: auto`
 * in app/editor.css), and measuring a mark in one lays it out — measuring all
 * 4,000 ends of the benchmark's article on open cost 650 ms of main thread.
 */
function measureBand(ids: ReadonlySet<string>, root: HTMLElement, origin: DOMRect, band: Band): Map<string, Box> {
  const boxes = new Map<string, Box>();
  if (!ids.size) return boxes;
  for (const block of blocksIn(root, origin, { top: band.top - MARGIN, bottom: band.bottom + MARGIN })) {
    for (const mark of block.querySelectorAll("mark[data-annotation-id]")) {
      const id = mark.getAttribute("data-annotation-id")!;
      if (!ids.has(id) || boxes.has(id)) continue;
      const box = boxOf(mark, origin);
      if (box) boxes.set(id, box);
    }
  }
  return boxes;
}

/** Boxes of a few ends (a new relation's), one selector each. */
function measureSome(ids: Iterable<string>, origin: DOMRect): Map<string, Box> {
  const boxes = new Map<string, Box>();
  for (const id of ids) {
    const mark = document.querySelector(`mark[data-annotation-id="${CSS.escape(id)}"]`);
    const box = mark ? boxOf(mark, origin) : null;
    if (box) boxes.set(id, box);
  }
  return boxes;
}

/** The ends to measure: both ends of each relation, and the sources of others' pending links. */
function endIds(relations: readonly RelationItem[], pending: readonly PendingLink[]): Set<string> {
  const ids = new Set<string>();
  for (const r of relations) {
    ids.add(r.source.id);
    ids.add(r.target.id);
  }
  for (const p of pending) ids.add(p.sourceId);
  return ids;
}

/**
 * Relations drawn over the text: labelled arcs between highlights on screen,
 * stubs with "↗ jump" where the other end is off screen. Only the ends near
 * the screen are measured: when the text, the highlights or the size change,
 * and every SCROLL_STEP px of scrolling; a relation added measures only its
 * own new ends. The layout itself is lib/relations/arc-layout.
 */
export const RelationArcs = memo(function RelationArcs({
  relations,
  pending = NO_PENDING,
  layoutKey,
  root,
  onJump,
}: RelationArcsProps) {
  const anchor = useRef<HTMLDivElement>(null);
  const [view, setView] = useState<View | null>(null);
  const [sizeTick, setSizeTick] = useState(0);
  /** Every end to draw from, recomputed only when the relations or pending links change (not per scroll step). */
  const ends = useMemo(() => endIds(relations, pending), [relations, pending]);
  const latest = useRef({ ends, root });
  latest.current = { ends, root };

  useEffect(() => {
    if (!root) return;
    const observer = new ResizeObserver(() => setSizeTick((n) => n + 1));
    observer.observe(root);
    return () => observer.disconnect();
  }, [root]);

  /** The view drawn (or about to be): read by the measures below without waiting for a render. */
  const shown = useRef<View | null>(null);
  const show = (next: View) => {
    shown.current = next;
    setView(next);
  };

  /**
   * Measures the ends near the screen for the scroll position now; unless `force`, only once the page
   * has scrolled SCROLL_STEP px since the last time: the layer reaches MARGIN px past the screen, and
   * laying it out and redrawing it each frame cost more than a frame without a GPU (bench/README.md).
   */
  const measure = useRef((force: boolean) => {
    const { ends, root } = latest.current;
    if (!anchor.current || !root) return;
    const origin = anchor.current.getBoundingClientRect();
    const top = -origin.top;
    const viewport = { top, bottom: top + window.innerHeight };
    const prev = shown.current;
    const moved =
      !prev ||
      Math.abs(prev.viewport.top - top) >= SCROLL_STEP ||
      prev.viewport.bottom - prev.viewport.top !== viewport.bottom - viewport.top;
    if (!force && !moved) return;
    const boxes = measureBand(ends, root, origin, viewport);
    show({ viewport, ids: ends, boxes, limit: root.getBoundingClientRect().bottom - origin.top });
  });

  // The highlights may have moved: measured again in the next frame (the reader draws them in its own
  // effects, after this one), and once more when their slices are all drawn.
  useLayoutEffect(() => {
    const frame = requestAnimationFrame(() => measure.current(true));
    const timer = setTimeout(() => measure.current(true), SLICES_SETTLED_MS);
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [layoutKey, sizeTick, root]);

  useEffect(() => {
    let frame = 0;
    const update = () => {
      frame = 0;
      measure.current(false);
    };
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(update);
    };
    window.addEventListener("scroll", schedule, { passive: true });
    window.addEventListener("resize", schedule);
    return () => {
      window.removeEventListener("scroll", schedule);
      window.removeEventListener("resize", schedule);
      if (frame) cancelAnimationFrame(frame);
    };
  }, []);

  // A relation added (or a pending link): only its unmeasured ends are measured, before this frame is
  // painted, so the arc shows in the frame that closes the menu. Nothing else is measured again.
  useLayoutEffect(() => {
    const view = shown.current;
    if (!view || view.ids === ends || !anchor.current || !root) return;
    const missing = [...ends].filter((id) => !view.ids.has(id));
    if (!missing.length) return;
    if (missing.length > FEW_ENDS) {
      measure.current(true);
      return;
    }
    const measured = measureSome(missing, anchor.current.getBoundingClientRect());
    show({ ...view, ids: new Set([...view.ids, ...missing]), boxes: new Map([...view.boxes, ...measured]) });
  }, [ends, root]);

  const width = root?.offsetWidth ?? 0;
  const viewport = view?.viewport ?? null;
  const boxes = view?.boxes;
  const limit = view?.limit ?? 0;
  const byId = useMemo(() => new Map(relations.map((r) => [r.id, r])), [relations]);
  /** Each end's relations (by their index, to keep the relations' order), so a layout reads only those near the screen. */
  const byEnd = useMemo(() => {
    const map = new Map<string, number[]>();
    relations.forEach((r, i) => {
      for (const id of r.source.id === r.target.id ? [r.source.id] : [r.source.id, r.target.id]) {
        const list = map.get(id);
        if (list) list.push(i);
        else map.set(id, [i]);
      }
    });
    return map;
  }, [relations]);
  const shapes = useMemo(() => {
    if (!viewport || !boxes) return [];
    const near = new Set<number>();
    for (const id of boxes.keys()) for (const i of byEnd.get(id) ?? []) near.add(i);
    const inputs: ArcInput[] = [...near]
      .sort((a, b) => a - b)
      .map((i) => relations[i])
      .map((r) => ({
        id: r.id,
        label: r.type.name,
        source: boxes.get(r.source.id) ?? null,
        target: boxes.get(r.target.id) ?? null,
      }));
    for (const p of pending) {
      inputs.push({ id: `pending:${p.key}`, label: p.label, source: boxes.get(p.sourceId) ?? null, target: null });
    }
    return layoutArcs(inputs, { viewport, width: width > 0 ? width : undefined });
  }, [boxes, byEnd, relations, pending, viewport, width]);
  const top = viewport ? viewport.top - MARGIN : 0;
  const height = viewport ? Math.max(0, Math.min(viewport.bottom + MARGIN, limit) - top) : 0;

  return (
    <div ref={anchor} className="relation-layer" data-testid="relation-arcs">
      <svg
        className="relation-svg"
        width={width + 200}
        height={height}
        style={{ top, left: -100 }}
        viewBox={`-100 ${top} ${width + 200} ${height}`}
        aria-hidden="true"
      >
        {shapes.map((shape) => {
          const relation = byId.get(shape.id);
          if (!relation) {
            return (
              <path
                key={shape.id}
                d={shape.path}
                className="relation-pending-path"
                fill="none"
                stroke="currentColor"
                strokeWidth={1.5}
              />
            );
          }
          const color = relation.type.color;
          return (
            <g key={shape.id} className={relation.flagged ? "relation-flagged" : undefined}>
              <path d={shape.path} fill="none" stroke={color} strokeWidth={1.5} />
              {shape.kind === "arc" && relation.type.directed ? (
                <path
                  d={`M ${shape.head.x - 4} ${shape.head.y - 7} L ${shape.head.x} ${shape.head.y} L ${shape.head.x + 4} ${shape.head.y - 7} Z`}
                  fill={color}
                />
              ) : null}
            </g>
          );
        })}
      </svg>
      {shapes.map((shape) => {
        const relation = byId.get(shape.id);
        if (!relation) {
          return (
            <span
              key={shape.id}
              className="relation-label relation-pending"
              data-pending-link={shape.id.slice("pending:".length)}
              style={{ left: shape.label.left, top: shape.label.top }}
            >
              {pending.find((p) => `pending:${p.key}` === shape.id)?.label}
            </span>
          );
        }
        const ends = [relation.source.id, relation.target.id];
        const style = {
          left: shape.label.left,
          top: shape.label.top,
          minWidth: shape.label.width,
          borderColor: relation.type.color,
        };
        const hover = {
          onMouseEnter: () => lightEnds(ends, true),
          onMouseLeave: () => lightEnds(ends, false),
          onFocus: () => lightEnds(ends, true),
          onBlur: () => lightEnds(ends, false),
        };
        if (shape.kind === "arc") {
          return (
            <span
              key={shape.id}
              className="relation-label"
              data-relation-id={shape.id}
              style={style}
              title={relation.flagged ? "One end was orphaned by a revision: check it." : undefined}
              {...hover}
            >
              {relation.flagged ? "⚠ " : ""}
              {relation.type.name}
            </span>
          );
        }
        const other = shape.at === "source" ? relation.target.id : relation.source.id;
        const label =
          shape.at === "source" || !relation.type.directed
            ? relation.type.name
            : (relation.type.inverseLabel ?? relation.type.name);
        return (
          <button
            key={shape.id}
            type="button"
            className="relation-label relation-stub"
            data-relation-id={shape.id}
            style={style}
            onClick={() => onJump(other)}
            {...hover}
          >
            {label} ↗ jump
          </button>
        );
      })}
    </div>
  );
});
