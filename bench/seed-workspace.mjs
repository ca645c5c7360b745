// Data for the benchmarks, through the API where it is what is measured and in SQL where it is only the setting.
import pg from "pg";
import { generateAnnotations, generateArticle } from "./generate-article.mjs";

/** Runs `fn` with a connected pg client, then disconnects. */
export async function withClient(connectionString, fn) {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * One workspace of `articles` generated articles × `perArticle` highlights
 * (through the batch route), 30 entities, entities on a third of the
 * highlights, review decisions on half, a comment on every tenth (in SQL).
 * Returns the workspace id, the article ids and the counts.
 */
export async function seedExportWorkspace(client, databaseUrl, { articles: ARTICLES, perArticle: PER_ARTICLE, log }) {
  const workspace = await client.api("POST", "/api/workspaces", { name: "Export bench" });
  const articles = [];
  for (let a = 0; a < ARTICLES; a++) {
    const { text } = generateArticle({ words: 12_000, seed: 100 + a });
    const created = await client.api("POST", `/api/workspaces/${workspace.id}/articles`, {
      title: `Article ${a + 1}`,
      text,
    });
    const { currentRevision } = await client.api("GET", `/api/workspaces/${workspace.id}/articles/${created.id}`);
    const spans = generateAnnotations(currentRevision.text, PER_ARTICLE, { seed: a });
    for (let i = 0; i < spans.length; i += 1000) {
      const items = spans.slice(i, i + 1000).map((s) => ({ revisionId: currentRevision.id, ...s }));
      await client.api("POST", `/api/workspaces/${workspace.id}/articles/${created.id}/annotations/batch`, { items });
    }
    articles.push(created.id);
    log(`  article ${a + 1}/${ARTICLES}: ${spans.length} highlights`);
  }
  const types = await client.api("GET", `/api/workspaces/${workspace.id}/entity-types`);
  const entities = [];
  for (let e = 0; e < 30; e++) {
    const type = types[e % types.length];
    const externalId = e % 2 ? `Q${1000 + e}` : undefined;
    entities.push(
      await client.api("POST", `/api/workspaces/${workspace.id}/entities`, {
        name: `Entity ${e}`,
        typeId: type.id,
        externalId,
      }),
    );
  }
  // Entities on a third, review decisions on half, a comment on every tenth annotation.
  await withClient(databaseUrl, async (db) => {
    await db.query(
      `UPDATE "Annotation" a SET "entityId" = ($2::text[])[1 + (abs(hashtext(a.id)) % array_length($2::text[], 1))]
       WHERE a."workspaceId" = $1 AND abs(hashtext(a.id)) % 3 = 0`,
      [workspace.id, entities.map((e) => e.id)],
    );
    await db.query(
      `UPDATE "Annotation" SET status = (CASE WHEN abs(hashtext(id)) % 4 = 1 THEN 'REJECTED' ELSE 'ACCEPTED' END)::"AnnotationStatus",
         "reviewedAt" = now(), "reviewedById" = "authorId",
         "rejectionReason" = CASE WHEN abs(hashtext(id)) % 4 = 1 THEN 'Not an entity, "see guidelines"' END
       WHERE "workspaceId" = $1 AND abs(hashtext(id)) % 2 = 1`,
      [workspace.id],
    );
    await db.query(
      `INSERT INTO "Comment" (id, "workspaceId", "articleId", "annotationId", "authorId", body, text, "updatedAt")
       SELECT md5(a.id || 'c'), a."workspaceId", a."articleId", a.id, a."authorId",
              jsonb_build_object('type', 'doc', 'content', jsonb_build_array(jsonb_build_object('type', 'paragraph',
                'content', jsonb_build_array(jsonb_build_object('type', 'text', 'text', 'Checked against the source, line 2'))))),
              'Checked against the source, line 2', now()
       FROM "Annotation" a WHERE a."workspaceId" = $1 AND abs(hashtext(a.id || 'c')) % 10 = 0`,
      [workspace.id],
    );
  });
  const counts = await withClient(databaseUrl, async (db) => {
    const { rows } = await db.query(
      `SELECT (SELECT count(*) FROM "Annotation" WHERE "workspaceId" = $1)::int AS annotations,
              (SELECT count(*) FROM "Comment" WHERE "workspaceId" = $1)::int AS comments`,
      [workspace.id],
    );
    return rows[0];
  });
  return { workspaceId: workspace.id, articles, ...counts };
}
