import { describe, expect, it } from "vitest";
import { decodeAnnotations } from "@/lib/annotations/compact-annotations";
import { db } from "@/lib/db";
import { currentRevision, makeAnnotation, makeArticle, makeEntity, makeUser, makeWorkspace } from "@/test/factories";
import { findReaderAnnotations } from "./find-reader-annotations";

const TEXT = "Title\n\nAlpha beta gamma delta.\n\nEpsilon zeta eta theta iota.";

describe("findReaderAnnotations", () => {
  it("sends an article's live annotations in reading order, with context only for orphans", async () => {
    const ana = await makeUser({ name: "Ana" });
    const ben = await makeUser({ name: "Ben" });
    const workspaceId = await makeWorkspace([
      { user: ana, role: "OWNER" },
      { user: ben, role: "ANALYST" },
    ]);
    const articleId = await makeArticle(workspaceId, ana.id, { text: TEXT });
    const other = await makeArticle(workspaceId, ana.id, { text: TEXT });
    const { text } = await currentRevision(articleId);
    const at = (word: string) => text.indexOf(word);
    const entityId = await makeEntity(workspaceId, { name: "Gamma Corp", type: "Organization" });
    const later = await makeAnnotation(workspaceId, articleId, ben.id, { start: at("Epsilon"), length: 4 });
    const tagged = await makeAnnotation(workspaceId, articleId, ana.id, { start: at("gamma"), length: 5, entityId });
    const orphan = await makeAnnotation(workspaceId, articleId, ana.id, { start: at("Alpha"), length: 5 });
    await db.annotation.update({ where: { id: orphan }, data: { anchorState: "ORPHANED", note: "check <b>" } });
    await makeAnnotation(workspaceId, articleId, ana.id, { start: at("beta"), length: 4, deleted: true });
    await makeAnnotation(workspaceId, other, ana.id, { start: at("beta"), length: 4 });

    const compact = await findReaderAnnotations({
      workspaceId,
      articleId,
      viewer: { id: ana.id, role: "OWNER" },
      text,
    });
    const decoded = decodeAnnotations(JSON.parse(JSON.stringify(compact)), text);

    expect(decoded.map((a) => a.id)).toEqual([orphan, tagged, later]);
    const [o, t, l] = decoded;
    expect(o).toMatchObject({
      exact: "Alpha",
      anchorState: "ORPHANED",
      note: "check <b>",
      prefix: text.slice(0, at("Alpha")),
    });
    expect(o.suffix).toBe(text.slice(at("Alpha") + 5, at("Alpha") + 37));
    expect(t).toMatchObject({
      start: at("gamma"),
      end: at("gamma") + 5,
      exact: "gamma",
      status: "PROPOSED",
      anchorState: "ANCHORED",
      version: 1,
      note: null,
      author: { id: ana.id, name: "Ana" },
      entity: { id: entityId, name: "Gamma Corp", type: { name: "Organization" } },
    });
    expect(t).not.toHaveProperty("prefix");
    expect(l).toMatchObject({ exact: "Epsi", author: { id: ben.id, name: "Ben" }, entity: null });
    const stored = await db.annotation.findUniqueOrThrow({ where: { id: later }, select: { createdAt: true } });
    expect(l.createdAt).toBe(stored.createdAt.toISOString());
  });

  it("sends nothing for an article without annotations", async () => {
    const ana = await makeUser();
    const workspaceId = await makeWorkspace([{ user: ana, role: "OWNER" }]);
    const articleId = await makeArticle(workspaceId, ana.id, { text: TEXT });
    const { text } = await currentRevision(articleId);
    expect(
      await findReaderAnnotations({ workspaceId, articleId, viewer: { id: ana.id, role: "OWNER" }, text }),
    ).toEqual({
      authors: [],
      entities: [],
      rows: [],
    });
  });
});
