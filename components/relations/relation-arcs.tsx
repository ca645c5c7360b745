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
  /** The editor's element, observed for size changes. */
  root: HTMLElement | null;
  onJump: (annotationId: string) => void;
};

const NO_PENDING: readonly PendingLink[] = [];
/** Scrolling less than this keeps the arcs' layout (the layer's 200 px margin covers it). */
const SCROLL_STEP = 120;

/** An end's box: the first line box of its first mark, relative to `origin`. */
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
 * Page-independent boxes of each end, relative to `origin`. One pass over the
 * marks (a selector per end scanned the whole document once per end: 4,000
 * ends × 5,000 marks on open).
 */
function measureAll(ids: ReadonlySet<string>, origin: DOMRect): Map<string, Box> {
  const boxes = new Map<string, Box>();
  if (!ids.size) return boxes;
  for (const mark of document.querySelectorAll("mark[data-annotation-id]")) {
    const id = mark.getAttribute("data-annotation-id")!;
    if (!ids.has(id) || boxes.has(id)) continue;
    const box = boxOf(mark, origin);
    if (box) boxes.set(id, box);
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

/** More new ends than this at once (a reload, a colleague's import) are measured in one pass over the marks. */
const FEW_ENDS = 24;

/**
 * Relations drawn over the text: labelled arcs between highlights on screen,
 * stubs with "↗ jump" where the other end is off screen. Ends are measured
 * when the text or the relations change, not while scrolling; scrolling only
 * picks what is visible and lays out its labels (see lib/relations/arc-layout).
 */
export const RelationArcs = memo(function RelationArcs({
  relations,
  pending = NO_PENDING,
  layoutKey,
  root,
  onJump,
}: RelationArcsProps) {
  const anchor = useRef<HTMLDivElement>(null);
  const [boxes, setBoxes] = useState<Map<string, Box>>(new Map());
  /** The text's bottom, relative to the layer: nothing is drawn below it (the page must not grow). */
  const [limit, setLimit] = useState(0);
  const [viewport, setViewport] = useState<{ top: number; bottom: number } | null>(null);
  const [sizeTick, setSizeTick] = useState(0);

  useEffect(() => {
    if (!root) return;
    const observer = new ResizeObserver(() => setSizeTick((n) => n + 1));
    observer.observe(root);
    return () => observer.disconnect();
  }, [root]);

  // Everything is measured again when highlights may have moved (the text, the annotations, a resize),
  // in the next frame. The relations and pending links in hand then are read from refs.
  const latest = useRef({ relations, pending });
  latest.current = { relations, pending };
  /** Ends measured and found without a mark (filtered out, not drawn yet) since the last full measure. */
  const absent = useRef(new Set<string>());
  const fullPending = useRef(false);
  useLayoutEffect(() => {
    fullPending.current = true;
    const frame = requestAnimationFrame(() => {
      fullPending.current = false;
      if (!anchor.current) return;
      const ids = endIds(latest.current.relations, latest.current.pending);
      const origin = anchor.current.getBoundingClientRect();
      const measured = measureAll(ids, origin);
      absent.current = new Set([...ids].filter((id) => !measured.has(id)));
      setBoxes(measured);
      setLimit(root ? root.getBoundingClientRect().bottom - origin.top : 0);
    });
    return () => cancelAnimationFrame(frame);
  }, [layoutKey, sizeTick, root]);

  // A relation added (or a pending link): only its new ends are measured, before this frame is painted,
  // so the arc shows in the frame that closes the menu. Nothing else is measured again.
  useLayoutEffect(() => {
    if (fullPending.current || !anchor.current) return;
    const missing = [...endIds(relations, pending)].filter((id) => !boxes.has(id) && !absent.current.has(id));
    if (!missing.length) return;
    if (missing.length > FEW_ENDS) {
      const origin = anchor.current.getBoundingClientRect();
      const measured = measureAll(new Set(missing), origin);
      for (const id of missing) if (!measured.has(id)) absent.current.add(id);
      setBoxes((prev) => new Map([...prev, ...measured]));
      return;
    }
    const measured = measureSome(missing, anchor.current.getBoundingClientRect());
    for (const id of missing) if (!measured.has(id)) absent.current.add(id);
    if (measured.size) setBoxes((prev) => new Map([...prev, ...measured]));
  }, [relations, pending, boxes]);

  useEffect(() => {
    let frame = 0;
    const update = () => {
      frame = 0;
      if (!anchor.current) return;
      const top = -anchor.current.getBoundingClientRect().top;
      const bottom = top + window.innerHeight;
      // Laid out again every SCROLL_STEP px, not every frame: the layer reaches 200 px past the
      // screen, and redrawing it each frame cost more than a frame without a GPU (bench/README.md).
      setViewport((prev) =>
        prev && Math.abs(prev.top - top) < SCROLL_STEP && prev.bottom - prev.top === bottom - top
          ? prev
          : { top, bottom },
      );
    };
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(update);
    };
    update();
    window.addEventListener("scroll", schedule, { passive: true });
    window.addEventListener("resize", schedule);
    return () => {
      window.removeEventListener("scroll", schedule);
      window.removeEventListener("resize", schedule);
      if (frame) cancelAnimationFrame(frame);
    };
  }, []);

  const byId = useMemo(() => new Map(relations.map((r) => [r.id, r])), [relations]);
  const shapes = useMemo(() => {
    if (!viewport) return [];
    const inputs: ArcInput[] = relations.map((r) => ({
      id: r.id,
      label: r.type.name,
      source: boxes.get(r.source.id) ?? null,
      target: boxes.get(r.target.id) ?? null,
    }));
    for (const p of pending) {
      inputs.push({ id: `pending:${p.key}`, label: p.label, source: boxes.get(p.sourceId) ?? null, target: null });
    }
    return layoutArcs(inputs, { viewport });
  }, [boxes, relations, pending, viewport]);

  const width = root?.offsetWidth ?? 0;
  const top = viewport ? viewport.top - 200 : 0;
  const height = viewport ? Math.max(0, Math.min(viewport.bottom + 200, limit) - top) : 0;

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
