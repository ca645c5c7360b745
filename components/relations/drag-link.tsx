"use client";

import { useCallback, useEffect, useLayoutEffect, useRef, useState, type PointerEvent } from "react";
import { lightEnds } from "./light-ends";

type DragLinkProps = {
  /** The highlight whose handle is shown (the selected or hovered one), or null. */
  annotationId: string | null;
  /** Changes whenever highlights may have moved: the handle is placed again. */
  layoutKey: unknown;
  /** A drag starts (`id`) or ends (null): for presence. */
  onDragChange: (sourceId: string | null) => void;
  /** Dropped on another highlight: open the type menu for this pair. */
  onDrop: (sourceId: string, targetId: string) => void;
};

type Point = { x: number; y: number };
type Drag = { sourceId: string; from: Point; to: Point; targetId: string | null };

const MARK = "mark[data-annotation-id]";

/** The last line box of a highlight, in page coordinates (the handle sits at its end). */
function handlePoint(id: string): Point | null {
  const marks = document.querySelectorAll(`mark[data-annotation-id="${CSS.escape(id)}"]`);
  const last = marks[marks.length - 1];
  const rects = last?.getClientRects();
  const rect = rects?.[rects.length - 1];
  if (!rect) return null;
  // At the top of the line's end, over the gap between lines rather than the next word.
  return { x: rect.right + window.scrollX, y: rect.top + 2 + window.scrollY };
}

/** The highlight under a point of the viewport, other than `except`. */
function highlightAt(x: number, y: number, except: string): string | null {
  for (const element of document.elementsFromPoint(x, y)) {
    const mark = element.closest(MARK);
    const id = mark?.getAttribute("data-annotation-id");
    if (id && id !== except && !id.startsWith("tmp-")) return id;
  }
  return null;
}

/**
 * Linking with the mouse: a handle at the end of the selected (or hovered)
 * highlight; dragging it to another highlight draws the pending link as a
 * rubber-band arrow and, dropped there, opens the type menu for the pair.
 * Escape, or a drop anywhere else, cancels.
 */
export function DragLink({ annotationId, layoutKey, onDragChange, onDrop }: DragLinkProps) {
  const [at, setAt] = useState<Point | null>(null);
  const [drag, setDragState] = useState<Drag | null>(null);
  // Pointer events read the drag between renders.
  const dragRef = useRef<Drag | null>(null);
  const setDrag = useCallback((next: Drag | null) => {
    dragRef.current = next;
    setDragState(next);
  }, []);

  useLayoutEffect(() => {
    const frame = requestAnimationFrame(() => setAt(annotationId ? handlePoint(annotationId) : null));
    return () => cancelAnimationFrame(frame);
  }, [annotationId, layoutKey]);

  const end = useCallback(
    (dropped: boolean) => {
      const current = dragRef.current;
      setDrag(null);
      onDragChange(null);
      if (current) lightEnds([], false);
      if (dropped && current?.targetId) onDrop(current.sourceId, current.targetId);
    },
    [onDragChange, onDrop, setDrag],
  );

  useEffect(() => {
    if (!drag) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      event.preventDefault();
      event.stopPropagation();
      end(false);
    };
    window.addEventListener("keydown", onKey, true);
    return () => window.removeEventListener("keydown", onKey, true);
  }, [drag, end]);

  if (!at || !annotationId) return null;

  const onPointerDown = (event: PointerEvent<HTMLButtonElement>) => {
    if (event.button !== 0) return;
    event.preventDefault();
    event.currentTarget.setPointerCapture(event.pointerId);
    setDrag({ sourceId: annotationId, from: at, to: at, targetId: null });
    onDragChange(annotationId);
  };
  const onPointerMove = (event: PointerEvent<HTMLButtonElement>) => {
    const current = dragRef.current;
    if (!current) return;
    const targetId = highlightAt(event.clientX, event.clientY, current.sourceId);
    if (targetId !== current.targetId) lightEnds(targetId ? [current.sourceId, targetId] : [current.sourceId], true);
    setDrag({
      ...current,
      to: { x: event.clientX + window.scrollX, y: event.clientY + window.scrollY },
      targetId,
    });
  };

  return (
    <>
      <button
        type="button"
        className="drag-link-handle"
        style={{ left: at.x, top: at.y }}
        aria-label="Drag to another highlight to link"
        title="Drag to another highlight to link (or press R)"
        data-testid="drag-link-handle"
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={() => end(true)}
        onPointerCancel={() => end(false)}
        onClick={(e) => e.preventDefault()}
      >
        <span aria-hidden="true">↗</span>
      </button>
      {drag ? <RubberBand from={drag.from} to={drag.to} snapped={!!drag.targetId} /> : null}
    </>
  );
}

/** The pending link: a dashed arrow from the handle to the pointer, solid once over a target. */
function RubberBand({ from, to, snapped }: { from: Point; to: Point; snapped: boolean }) {
  const left = Math.min(from.x, to.x) - 12;
  const top = Math.min(from.y, to.y) - 40;
  const width = Math.abs(to.x - from.x) + 24;
  const height = Math.abs(to.y - from.y) + 52;
  const lift = Math.min(36, Math.abs(to.x - from.x) / 4 + 12);
  const cy = Math.min(from.y, to.y) - lift;
  const path = `M ${from.x} ${from.y} C ${from.x} ${cy}, ${to.x} ${cy}, ${to.x} ${to.y}`;
  return (
    <svg
      className="drag-link-band"
      data-testid="drag-link-band"
      data-snapped={snapped ? "true" : "false"}
      style={{ left, top }}
      width={width}
      height={height}
      viewBox={`${left} ${top} ${width} ${height}`}
      aria-hidden="true"
    >
      <defs>
        <marker
          id="drag-link-head"
          viewBox="0 0 10 10"
          refX="9"
          refY="5"
          markerWidth="7"
          markerHeight="7"
          orient="auto"
        >
          <path d="M 0 0 L 10 5 L 0 10 z" fill="currentColor" />
        </marker>
      </defs>
      <path
        d={path}
        fill="none"
        stroke="currentColor"
        strokeWidth={2}
        strokeDasharray={snapped ? undefined : "5 4"}
        markerEnd="url(#drag-link-head)"
      />
    </svg>
  );
}
