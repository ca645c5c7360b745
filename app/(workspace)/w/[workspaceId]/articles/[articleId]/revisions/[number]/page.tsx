import type { Metadata } from "next";
import Link from "next/link";
import type { JSONContent } from "@tiptap/core";
import { notFound } from "next/navigation";
import { ArticleReader } from "@/components/editor/article-reader";
import { orNotFound, requireWorkspacePage } from "@/lib/auth/page";
import { sanitizeContent } from "@/lib/content/sanitize-content";
import { formatDateTime } from "@/lib/format";
import { getRevision } from "@/lib/server/articles/find-revisions";

export const metadata: Metadata = { title: "Earlier revision" };

type RevisionPageProps = { params: Promise<{ workspaceId: string; articleId: string; number: string }> };

/** An article as it read in an earlier revision, read-only and without highlights. */
export default async function RevisionPage({ params }: RevisionPageProps) {
  const { workspaceId, articleId, number } = await params;
  await requireWorkspacePage(workspaceId);
  const n = Number(number);
  if (!Number.isInteger(n) || n < 1) notFound();
  const revision = await orNotFound(getRevision({ workspaceId, articleId, number: n }));
  const content = sanitizeContent(revision.content as JSONContent);
  const isCurrent = revision.article.currentRevisionId === revision.id;
  return (
    <article>
      <header>
        <h1 className="article-title">{revision.article.title}</h1>
        <div
          className={isCurrent ? "alert alert-info" : "alert alert-info"}
          role="note"
          style={{ marginBottom: "1.5rem" }}
        >
          Revision {revision.number}, saved by {revision.author.name} on {formatDateTime(revision.createdAt)}
          {isCurrent ? " (the current one)" : ". This is an earlier revision; highlights live on the current one."}{" "}
          <Link href={`/w/${workspaceId}/articles/${articleId}`}>Back to the current article</Link>
        </div>
      </header>
      <ArticleReader content={content} />
    </article>
  );
}
