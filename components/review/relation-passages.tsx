"use client";

import type { RelationQueueItem } from "./types";

type Context = NonNullable<RelationQueueItem["sourceContext"]>;
type Mark = { start: number; end: number; role: "source" | "target"; color: string };

function Passage({ context, marks, label }: { context: Context; marks: Mark[]; label: string }) {
  const sorted = [...marks].sort((a, b) => a.start - b.start);
  const parts: React.ReactNode[] = [];
  let at = 0;
  for (const m of sorted) {
    parts.push(context.text.slice(at, m.start));
    parts.push(
      <mark
        key={m.role}
        className={`review-highlight review-highlight--${m.role}`}
        data-end={m.role}
        style={{ ["--annotation-color" as string]: m.color }}
      >
        {context.text.slice(m.start, m.end)}
      </mark>,
    );
    at = m.end;
  }
  parts.push(context.text.slice(at));
  return (
    <figure className="review-passage">
      <figcaption className="muted small">{label}</figcaption>
      <blockquote className="review-context">
        {context.clippedStart ? "…" : ""}
        {parts}
        {context.clippedEnd ? "…" : ""}
      </blockquote>
    </figure>
  );
}

type RelationPassagesProps = { item: RelationQueueItem; colorOf: (end: RelationQueueItem["source"]) => string };

/**
 * Both ends of a relation in their paragraphs: one passage when they share
 * it, else the source's then the target's; an orphaned end says so.
 */
export function RelationPassages({ item, colorOf }: RelationPassagesProps) {
  const s = item.sourceContext;
  const t = item.targetContext;
  const source: Mark | null = s ? { start: s.start, end: s.end, role: "source", color: colorOf(item.source) } : null;
  const target: Mark | null = t ? { start: t.start, end: t.end, role: "target", color: colorOf(item.target) } : null;
  const shared =
    s && t && source && target && s.text === t.text && (source.end <= target.start || target.end <= source.start);
  if (shared) return <Passage context={s} marks={[source, target]} label="Source and target, same paragraph" />;
  return (
    <>
      {s && source ? (
        <Passage context={s} marks={[source]} label="Source" />
      ) : (
        <p className="field-error">The source “{item.source.exact}” was orphaned by a revision.</p>
      )}
      {t && target ? (
        <Passage context={t} marks={[target]} label="Target" />
      ) : (
        <p className="field-error">The target “{item.target.exact}” was orphaned by a revision.</p>
      )}
    </>
  );
}
