// Relations for the reader benchmark (issue 15), in SQL: they are the setting
// of what is measured (opening and scrolling the article), not what is measured.
import { randomUUID } from "node:crypto";
import { withClient } from "./seed-workspace.mjs";

/**
 * Adds `count` relations between the live annotations of an article, by its
 * annotations' author, with the workspace's relation types in turn. Four in
 * five link an annotation to one of the next five in reading order (a
 * sentence or two away); one in five links any two (long-distance arcs and
 * stubs). Deterministic for a given article. Returns how many were added.
 */
export async function seedRelations(connectionString, { articleId, count }) {
  return withClient(connectionString, async (client) => {
    const { rows: annotations } = await client.query(
      `SELECT id, "workspaceId", "authorId" FROM "Annotation"
       WHERE "articleId" = $1 AND "deletedAt" IS NULL ORDER BY start, "end", id`,
      [articleId],
    );
    if (annotations.length < 2) throw new Error("Not enough annotations to relate.");
    const { rows: types } = await client.query(
      `SELECT id FROM "RelationType" WHERE "workspaceId" = $1 AND "archivedAt" IS NULL ORDER BY position, name`,
      [annotations[0].workspaceId],
    );
    let seed = 15;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const values = [];
    const params = [];
    for (let i = 0; i < count; i++) {
      const from = Math.floor(random() * annotations.length);
      let to =
        i % 5 === 4
          ? Math.floor(random() * annotations.length)
          : Math.min(annotations.length - 1, from + 1 + Math.floor(random() * 5));
      if (to === from) to = from === 0 ? 1 : from - 1;
      const a = annotations[from];
      const base = params.length;
      params.push(
        randomUUID(),
        a.workspaceId,
        articleId,
        a.id,
        annotations[to].id,
        types[i % types.length].id,
        a.authorId,
      );
      values.push(
        `($${base + 1}, $${base + 2}, $${base + 3}, $${base + 4}, $${base + 5}, $${base + 6}, $${base + 7}, now())`,
      );
    }
    await client.query(
      `INSERT INTO "Relation" (id, "workspaceId", "articleId", "sourceId", "targetId", "typeId", "authorId", "updatedAt")
       VALUES ${values.join(", ")}`,
      params,
    );
    return count;
  });
}
