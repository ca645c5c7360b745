import type { Metadata } from "next";
import Link from "next/link";
import { CurationArticles } from "@/components/curation/curation-articles";
import { RelationReviewQueue } from "@/components/review/relation-review-queue";
import { ReviewQueue } from "@/components/review/review-queue";
import { requireWorkspacePage } from "@/lib/auth/page";
import { can } from "@/lib/auth/permissions";
import { findCurationArticles } from "@/lib/server/agreement/find-curation-articles";
import { findArticles } from "@/lib/server/articles/find-articles";
import { findEntityTypes } from "@/lib/server/entity-types/find-entity-types";
import { findMembers } from "@/lib/server/members/find-members";
import { findRelationTypes } from "@/lib/server/relation-types/find-relation-types";
import { articleListQuerySchema } from "@/lib/validations/article";
import "@/components/curation/curation.css";

export const metadata: Metadata = { title: "Review" };

type ReviewPageProps = {
  params: Promise<{ workspaceId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/** The workspace's review queue (reviewers and owners): annotations, or relations with `?kind=relations`. */
export default async function ReviewPage({ params, searchParams }: ReviewPageProps) {
  const { workspaceId } = await params;
  const relations = (await searchParams).kind === "relations";
  const { user, membership } = await requireWorkspacePage(workspaceId, {
    returnTo: `/w/${workspaceId}/review`,
    permission: "annotation.review",
  });
  const [articles, entityTypes, members, curation, relationTypes] = await Promise.all([
    findArticles({ workspaceId, query: articleListQuerySchema.parse({ sort: "title", limit: 100 }) }),
    findEntityTypes({ workspaceId }),
    findMembers({ workspaceId }),
    findCurationArticles({ workspaceId }),
    relations ? findRelationTypes({ workspaceId }) : Promise.resolve([]),
  ]);
  const authors = members.filter((m) => m.role !== "VIEWER").map((m) => ({ id: m.userId, name: m.name }));
  const articleOptions = articles.items.map((a) => ({ id: a.id, title: a.title }));
  return (
    <>
      <h1>Review</h1>
      <nav className="review-kinds" aria-label="What to review">
        <Link href={`/w/${workspaceId}/review`} aria-current={relations ? undefined : "page"}>
          Annotations
        </Link>
        <Link href={`/w/${workspaceId}/review?kind=relations`} aria-current={relations ? "page" : undefined}>
          Relations
        </Link>
      </nav>
      {relations ? (
        <>
          <p className="muted">
            One relation at a time, source → type → target with both passages: <kbd>J</kbd>/<kbd>K</kbd> next and
            previous, <kbd>A</kbd> accept, <kbd>R</kbd> reject with a reason. Every decision can be undone for ten
            seconds.
          </p>
          <RelationReviewQueue
            workspaceId={workspaceId}
            entityTypes={entityTypes.map(({ id, name, color }) => ({ id, name, color }))}
            relationTypes={relationTypes.map(({ id, name }) => ({ id, name }))}
            articles={articleOptions}
            authors={authors}
          />
        </>
      ) : (
        <>
          <p className="muted">
            One annotation at a time: <kbd>J</kbd>/<kbd>K</kbd> next and previous, <kbd>A</kbd> accept, <kbd>R</kbd>{" "}
            reject with a reason, <kbd>E</kbd> change the entity, <kbd>C</kbd> comment. Every decision can be undone for
            ten seconds.
          </p>
          <CurationArticles workspaceId={workspaceId} articles={curation} />
          <ReviewQueue
            workspaceId={workspaceId}
            me={{ id: user.id, name: user.name }}
            entityTypes={entityTypes.map(({ id, name, color, shortcut }) => ({ id, name, color, shortcut }))}
            articles={articleOptions}
            authors={authors}
            can={{ moderate: can(membership.role, "comment.hide"), resolve: can(membership.role, "thread.resolve") }}
          />
        </>
      )}
    </>
  );
}
