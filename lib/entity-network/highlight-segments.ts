type Span = { start: number; end: number; entityId: string };

export type Segment = { text: string; start: number; entityIds: string[] };

/**
 * Splits `text` at every highlight edge so that overlapping or nested
 * highlights (a person inside an organisation's name) can each be marked:
 * every segment lists the entities whose highlights cover all of it.
 */
export function highlightSegments(text: string, highlights: Span[]): Segment[] {
  const cuts = new Set([0, text.length]);
  for (const h of highlights) {
    cuts.add(Math.max(0, Math.min(text.length, h.start)));
    cuts.add(Math.max(0, Math.min(text.length, h.end)));
  }
  const edges = [...cuts].sort((a, b) => a - b);
  const segments: Segment[] = [];
  for (let i = 0; i < edges.length - 1; i++) {
    const [start, end] = [edges[i], edges[i + 1]];
    if (end === start) continue;
    const entityIds = [...new Set(highlights.filter((h) => h.start <= start && h.end >= end).map((h) => h.entityId))];
    segments.push({ text: text.slice(start, end), start, entityIds });
  }
  return segments;
}
