import { contextAround, type Candidate } from "@/lib/curation/curation-plan";
import { UNTAGGED_COLOR } from "@/components/annotations/types";

type SnippetProps = {
  text: string;
  start: number;
  end: number;
  /** The candidates to highlight (one analyst's), with their number and state. */
  marks: { candidate: Candidate; number: number; state: "picked" | "dropped" | "open" }[];
};

/**
 * The passage around a difference, with the given candidates highlighted in
 * their entity type's colour: picked ones outlined, dropped ones struck.
 * Nested or overlapping candidates split the text at every boundary.
 */
export function Snippet({ text, start, end, marks }: SnippetProps) {
  const ctx = contextAround(text, start, end);
  const cuts = new Set([ctx.from, ctx.to]);
  for (const m of marks) {
    cuts.add(Math.max(ctx.from, m.candidate.start));
    cuts.add(Math.min(ctx.to, m.candidate.end));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const pieces = [];
  for (let i = 0; i < points.length - 1; i++) {
    const [a, b] = [points[i], points[i + 1]];
    if (a === b) continue;
    // The innermost (shortest) candidate covering the piece colours it.
    const covering = marks
      .filter((m) => m.candidate.start <= a && m.candidate.end >= b)
      .sort((x, y) => x.candidate.end - x.candidate.start - (y.candidate.end - y.candidate.start));
    const piece = text.slice(a, b);
    const top = covering[0];
    pieces.push(
      top ? (
        <mark
          key={a}
          className={`cur-mark cur-mark-${top.state}`}
          style={{ ["--mark-color" as string]: top.candidate.entity?.type.color ?? UNTAGGED_COLOR }}
          data-candidate={top.number}
        >
          {piece}
        </mark>
      ) : (
        <span key={a}>{piece}</span>
      ),
    );
  }
  return (
    <p className="cur-snippet">
      {ctx.clippedStart ? "…" : ""}
      {pieces}
      {ctx.clippedEnd ? "…" : ""}
    </p>
  );
}
