import type { Metadata } from "next";
import { DeleteArticleButton } from "@/components/articles/delete-article-button";
import { ArticleReader } from "@/components/editor/article-reader";
import { orNotFound, requireWorkspacePage } from "@/lib/auth/page";
import { can } from "@/lib/auth/permissions";
import { renderArticleHtml } from "@/lib/content/render-html";
import { formatDate } from "@/lib/format";
import { getArticle } from "@/lib/server/articles/get-article";
import type { JSONContent } from "@tiptap/core";

type ArticlePageProps = { params: Promise<{ workspaceId: string; articleId: string }> };

export async function generateMetadata({ params }: ArticlePageProps): Promise<Metadata> {
  const { workspaceId, articleId } = await params;
  await requireWorkspacePage(workspaceId);
  const article = await orNotFound(getArticle({ workspaceId, articleId }));
  return { title: article.title };
}

export default async function ArticlePage({ params }: ArticlePageProps) {
  const { workspaceId, articleId } = await params;
  const { membership } = await requireWorkspacePage(workspaceId, {
    returnTo: `/w/${workspaceId}/articles/${articleId}`,
  });
  const article = await orNotFound(getArticle({ workspaceId, articleId }));
  const content = article.currentRevision.content as JSONContent;
  return (
    <article lang={article.language ?? undefined}>
      <header>
        <h1 className="article-title">{article.title}</h1>
        <div className="article-meta">
          {article.source ? <span>{article.source}</span> : null}
          {article.authors.length ? <span>By {article.authors.join(", ")}</span> : null}
          {article.publishedAt ? <span>Published {formatDate(article.publishedAt)}</span> : null}
          {article.originalUrl ? (
            <a href={article.originalUrl} rel="noopener noreferrer nofollow" target="_blank">
              Original
            </a>
          ) : null}
          <span>
            Imported by {article.importedBy.name} on {formatDate(article.createdAt)} · revision{" "}
            {article.currentRevision.number}
          </span>
        </div>
        {can(membership.role, "article.delete") ? (
          <div className="row" style={{ marginBottom: "1.5rem" }}>
            <DeleteArticleButton workspaceId={workspaceId} articleId={article.id} title={article.title} />
          </div>
        ) : null}
      </header>
      <ArticleReader content={content} initialHtml={renderArticleHtml(content)} />
    </article>
  );
}
