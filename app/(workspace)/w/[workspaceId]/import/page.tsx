import type { Metadata } from "next";
import { ImportArticleForm } from "@/components/articles/import-article-form";
import { requireWorkspacePage } from "@/lib/auth/page";
import { can } from "@/lib/auth/permissions";

export const metadata: Metadata = { title: "Import an article" };

type ImportPageProps = { params: Promise<{ workspaceId: string }> };

export default async function ImportPage({ params }: ImportPageProps) {
  const { workspaceId } = await params;
  const { membership } = await requireWorkspacePage(workspaceId);
  if (!can(membership.role, "article.import")) {
    return (
      <div className="alert alert-error" role="alert">
        Your role in this workspace (viewer) cannot import articles. Ask an owner for the analyst role.
      </div>
    );
  }
  return (
    <div className="stack" style={{ maxWidth: 760 }}>
      <div className="page-header">
        <div>
          <h1>Import an article</h1>
          <p>Upload a .txt, .md, .html or .docx file (up to 5 MB), or paste the text.</p>
        </div>
      </div>
      <ImportArticleForm workspaceId={workspaceId} />
    </div>
  );
}
