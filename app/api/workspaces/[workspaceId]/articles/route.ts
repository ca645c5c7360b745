// GET|POST /api/workspaces/[workspaceId]/articles — list articles; import one (multipart file/text, or JSON text)
import { withAuth } from "@/lib/auth/with-auth";
import { readArticleImport } from "@/lib/server/articles/read-article-import";
import { findArticles } from "@/lib/server/articles/find-articles";
import { importArticle } from "@/lib/server/articles/import-article";
import { articleListQuerySchema } from "@/lib/validations/article";

export const GET = withAuth(
  async ({ workspaceId, req }) => {
    const query = articleListQuerySchema.parse(Object.fromEntries(new URL(req.url).searchParams));
    return Response.json(
      await findArticles({ workspaceId, query }).then(({ items, nextCursor }) => ({ data: items, nextCursor })),
    );
  },
  { permission: "article.list" },
);

export const POST = withAuth(
  async ({ workspaceId, user, req }) => {
    const { metadata, upload } = await readArticleImport(req);
    const article = await importArticle({ workspaceId, actorId: user.id, metadata, upload });
    return Response.json({ data: article }, { status: 201 });
  },
  { permission: "article.import" },
);
