import type { Metadata } from "next";
import type { JSONContent } from "@tiptap/core";
import { ArticleEditor } from "@/components/articles/article-editor";
import { orNotFound, requireWorkspacePage } from "@/lib/auth/page";
import { getArticle } from "@/lib/server/articles/get-article";
import { findEditingAnnotations } from "@/lib/server/articles/find-editing-annotations";

export const metadata: Metadata = { title: "Edit article" };

type EditArticlePageProps = { params: Promise<{ workspaceId: string; articleId: string }> };

export default async function EditArticlePage({ params }: EditArticlePageProps) {
  const { workspaceId, articleId } = await params;
  const { user } = await requireWorkspacePage(workspaceId, { permission: "article.revise" });
  const [article, annotations] = await Promise.all([
    orNotFound(getArticle({ workspaceId, articleId })),
    findEditingAnnotations({ workspaceId, articleId }),
  ]);
  return (
    <div className="stack">
      <div className="page-header">
        <div>
          <h1>Edit “{article.title}”</h1>
          <p>
            Revision {article.currentRevision.number}. Saving creates revision {article.currentRevision.number + 1};
            older revisions stay readable.
          </p>
        </div>
      </div>
      <ArticleEditor
        workspaceId={workspaceId}
        articleId={articleId}
        revisionId={article.currentRevision.id}
        meId={user.id}
        content={article.currentRevision.content as JSONContent}
        baseText={article.currentRevision.text}
        annotations={annotations}
      />
    </div>
  );
}
