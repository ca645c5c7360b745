import type { EntityItem } from "./types";
import { nameMatchScore } from "@/lib/entities/name-match";

/**
 * The alias through which `query` found `entity`, or null when its name
 * matches at least as well (so the result list can say why it is there).
 */
export function matchedAlias(entity: Pick<EntityItem, "name" | "aliases">, query: string): string | null {
  const q = query.trim();
  if (!q) return null;
  let best: { alias: string; score: number } | null = null;
  for (const alias of entity.aliases) {
    const s = nameMatchScore(q, alias);
    if (s > 0 && (!best || s > best.score)) best = { alias, score: s };
  }
  return best && best.score > nameMatchScore(q, entity.name) ? best.alias : null;
}
