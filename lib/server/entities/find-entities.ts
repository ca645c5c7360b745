import "server-only";
import { db } from "@/lib/db";
import { entitySelect, type EntityView } from "@/lib/server/entities/entity-select";
import { nameMatchScore } from "@/lib/entities/name-match";

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
      score: Math.max(nameMatchScore(q, entity.name), ...entity.aliases.map((a) => nameMatchScore(q, a) - 1)),
    }))
    .filter((x) => x.score > 0)
    .sort((a, b) => b.score - a.score || a.entity.name.localeCompare(b.entity.name))
    .slice(0, options.limit)
    .map((x) => x.entity);
}
