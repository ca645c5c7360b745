import type { Metadata } from "next";
import { ImportArticleForm } from "@/components/articles/import-article-form";
import { requireWorkspacePage } from "@/lib/auth/page";
import { can } from "@/lib/auth/permissions";

export const metadata: Metadata = { title: "Import an article" };

type ImportPageProps = {
  params: Promise<{ workspaceId: string }>;
  /** The bookmarklet opens this page with the page to capture and the selected text. */
  searchParams: Promise<{ url?: string | string[]; selection?: string | string[] }>;
};

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export default async function ImportPage({ params, searchParams }: ImportPageProps) {
  const { workspaceId } = await params;
  const query = await searchParams;
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
          <p>Upload a .txt, .md, .html, .docx or .pdf file (up to 5 MB), paste the text, or capture a web page.</p>
        </div>
      </div>
      <ImportArticleForm
        workspaceId={workspaceId}
        canRevise={can(membership.role, "article.revise")}
        captureUrl={first(query.url)?.slice(0, 2000)}
        captureSelection={first(query.selection)?.slice(0, 5000)}
      />
    </div>
  );
}
