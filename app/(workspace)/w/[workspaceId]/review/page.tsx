import type { Metadata } from "next";
import { CurationArticles } from "@/components/curation/curation-articles";
import { ReviewQueue } from "@/components/review/review-queue";
import { requireWorkspacePage } from "@/lib/auth/page";
import { can } from "@/lib/auth/permissions";
import { findCurationArticles } from "@/lib/server/agreement/find-curation-articles";
import { findArticles } from "@/lib/server/articles/find-articles";
import { findEntityTypes } from "@/lib/server/entity-types/find-entity-types";
import { findMembers } from "@/lib/server/members/find-members";
import { articleListQuerySchema } from "@/lib/validations/article";
import "@/components/curation/curation.css";

export const metadata: Metadata = { title: "Review" };

type ReviewPageProps = { params: Promise<{ workspaceId: string }> };

/** The workspace's review queue (reviewers and owners). */
export default async function ReviewPage({ params }: ReviewPageProps) {
  const { workspaceId } = await params;
  const { user, membership } = await requireWorkspacePage(workspaceId, {
    returnTo: `/w/${workspaceId}/review`,
    permission: "annotation.review",
  });
  const [articles, entityTypes, members, curation] = await Promise.all([
    findArticles({ workspaceId, query: articleListQuerySchema.parse({ sort: "title", limit: 100 }) }),
    findEntityTypes({ workspaceId }),
    findMembers({ workspaceId }),
    findCurationArticles({ workspaceId }),
  ]);
  return (
    <>
      <h1>Review</h1>
      <p className="muted">
        One annotation at a time: <kbd>J</kbd>/<kbd>K</kbd> next and previous, <kbd>A</kbd> accept, <kbd>R</kbd> reject
        with a reason, <kbd>E</kbd> change the entity, <kbd>C</kbd> comment. Every decision can be undone for ten
        seconds.
      </p>
      <CurationArticles workspaceId={workspaceId} articles={curation} />
      <ReviewQueue
        workspaceId={workspaceId}
        me={{ id: user.id, name: user.name }}
        entityTypes={entityTypes.map(({ id, name, color, shortcut }) => ({ id, name, color, shortcut }))}
        articles={articles.items.map((a) => ({ id: a.id, title: a.title }))}
        authors={members.filter((m) => m.role !== "VIEWER").map((m) => ({ id: m.userId, name: m.name }))}
        can={{ moderate: can(membership.role, "comment.hide"), resolve: can(membership.role, "thread.resolve") }}
      />
    </>
  );
}
