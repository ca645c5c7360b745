import type { EntityItem } from "./types";

/** How well `query` names `candidate`, with the server's ranking: exact > prefix > word prefix > substring > letters in order. */
function score(query: string, candidate: string): number {
  const q = query.toLowerCase();
  const c = candidate.toLowerCase();
  if (c === q) return 100;
  if (c.startsWith(q)) return 80;
  if (c.split(/[\s\-–—.,'’]+/).some((word) => word.startsWith(q))) return 60;
  if (c.includes(q)) return 40;
  let i = 0;
  for (const ch of c) if (ch === q[i]) i++;
  return i === q.length ? 20 : 0;
}

/**
 * The alias through which `query` found `entity`, or null when its name
 * matches at least as well (so the result list can say why it is there).
 */
export function matchedAlias(entity: Pick<EntityItem, "name" | "aliases">, query: string): string | null {
  const q = query.trim();
  if (!q) return null;
  let best: { alias: string; score: number } | null = null;
  for (const alias of entity.aliases) {
    const s = score(q, alias);
    if (s > 0 && (!best || s > best.score)) best = { alias, score: s };
  }
  return best && best.score > score(q, entity.name) ? best.alias : null;
}
