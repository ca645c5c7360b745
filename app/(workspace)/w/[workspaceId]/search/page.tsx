import type { Metadata } from "next";
import { SearchResults } from "@/components/search/search-results";
import { ReviewResultsPanel } from "@/components/search/review-results-panel";
import { AnnotationResultsPanel } from "@/components/search/annotation-results-panel";
import { SavedSearches, SaveSearchButton } from "@/components/search/saved-searches";
import { TagMatchesPanel } from "@/components/search/tag-matches-panel";
import { can } from "@/lib/auth/permissions";
import { findEntityTypes } from "@/lib/server/entity-types/find-entity-types";
import { findSavedSearches } from "@/lib/server/saved-searches/find-saved-searches";
import { requireWorkspacePage } from "@/lib/auth/page";
import { searchWorkspace } from "@/lib/server/search/search-workspace";
import { isEmptySearch, parseSearchQuery } from "@/lib/search/parse-query";
import { searchQuerySchema } from "@/lib/validations/search";

export const metadata: Metadata = { title: "Search" };

type SearchPageProps = {
  params: Promise<{ workspaceId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export default async function SearchPage({ params, searchParams }: SearchPageProps) {
  const { workspaceId } = await params;
  const raw = await searchParams;
  const { user, membership } = await requireWorkspacePage(workspaceId, { returnTo: `/w/${workspaceId}/search` });
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const parsed = searchQuerySchema.safeParse({ q: one(raw.q) ?? "", kind: one(raw.kind), cursor: one(raw.cursor) });
  const params_ = parsed.success ? parsed.data : { q: "", kind: undefined, cursor: undefined, limit: 20 };
  const q = params_.q;
  const query = parseSearchQuery(q);
  const errors = parsed.success ? Object.values(query.errors) : ["The search is not valid."];
  const offset = params_.cursor ? Number(params_.cursor) : 0;
  const viewer = { id: user.id, role: membership.role };
  const [result, saved] = await Promise.all([
    !errors.length && !isEmptySearch(query)
      ? searchWorkspace({ workspaceId, viewer, query, text: q, kind: params_.kind, limit: 20, offset })
      : null,
    findSavedSearches({ workspaceId, viewer }),
  ]);
  const sidebar = <SavedSearches workspaceId={workspaceId} items={saved} />;

  const canTag = Boolean(result?.facets.kind.passage) && can(membership.role, "annotation.create");
  const canChangeEntity = Boolean(result?.facets.kind.annotation) && can(membership.role, "annotation.update");
  const entityTypes = canTag || canChangeEntity ? await findEntityTypes({ workspaceId }) : [];
  const typeItems = entityTypes.map((t) => ({ id: t.id, name: t.name, color: t.color, shortcut: t.shortcut }));
  const tagPanel = canTag ? (
    <TagMatchesPanel
      workspaceId={workspaceId}
      q={q}
      entityTypes={typeItems}
      initialName={
        query.filters.entity[0] ??
        query.groups
          .flat()
          .map((t) => t.text)
          .join(" ")
      }
    />
  ) : undefined;

  return (
    <div className="stack search-page">
      <form role="search" action={`/w/${workspaceId}/search`} method="get" className="search-form">
        <label htmlFor="search-q" className="visually-hidden">
          Search
        </label>
        <input
          id="search-q"
          name="q"
          type="search"
          defaultValue={q}
          placeholder='Words, "a phrase", OR, -exclude, entity:"…", type:, author:, status:, before:, kind:'
          autoComplete="off"
        />
        <button type="submit" className="button">
          Search
        </button>
      </form>
      {result && !result.tooCommon.length ? <SaveSearchButton key={q} workspaceId={workspaceId} q={q} /> : null}
      {errors.length ? (
        <p role="alert" className="alert alert-error">
          {errors[0]}
        </p>
      ) : null}
      {result ? (
        <SearchResults
          workspaceId={workspaceId}
          q={q}
          kind={params_.kind}
          result={result}
          offset={offset}
          sidebar={sidebar}
          tagPanel={tagPanel}
          annotationsSelectable={canChangeEntity}
          annotationPanel={(items) => (
            <AnnotationResultsPanel
              workspaceId={workspaceId}
              q={q}
              items={items}
              entityTypes={typeItems}
              canChangeEntity={canChangeEntity}
            />
          )}
          reviewPanel={
            can(membership.role, "annotation.review")
              ? (items) => <ReviewResultsPanel workspaceId={workspaceId} items={items} />
              : undefined
          }
        />
      ) : (
        <div className="search-layout">
          <aside className="search-facets">{sidebar}</aside>
          {!errors.length ? (
            <p className="muted">
              Search the articles&apos; text, annotations, comments and entities. Press Ctrl+K (⌘K) anywhere to jump.
            </p>
          ) : null}
        </div>
      )}
    </div>
  );
}
