import "server-only";
import { db } from "@/lib/db";
import { entitySelect, type EntityView } from "@/lib/server/entities/entity-select";

/** Scores how well `query` names an entity: exact > prefix > word prefix > substring > in-order letters. */
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
 * Searches the workspace's live entities by name or alias, best match first
 * (exact, prefix, word prefix, substring, then letters in order, e.g. "amsd"
 * finds "Ahmad Massoud").
 */
export async function findEntities(options: {
  workspaceId: string;
  q?: string;
  typeId?: string;
  limit: number;
}): Promise<EntityView[]> {
  const entities = await db.entity.findMany({
    where: {
      workspaceId: options.workspaceId,
      deletedAt: null,
      mergedIntoId: null,
      ...(options.typeId ? { typeId: options.typeId } : {}),
    },
    select: entitySelect,
    orderBy: { name: "asc" },
  });
  const q = options.q?.trim();
  if (!q) return entities.slice(0, options.limit);
  return entities
    .map((entity) => ({
      entity,
      score: Math.max(score(q, entity.name), ...entity.aliases.map((a) => score(q, a) - 1)),
    }))
    .filter((x) => x.score > 0)
    .sort((a, b) => b.score - a.score || a.entity.name.localeCompare(b.entity.name))
    .slice(0, options.limit)
    .map((x) => x.entity);
}
