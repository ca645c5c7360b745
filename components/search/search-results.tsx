import Link from "next/link";
import { MarkedSnippet } from "@/components/search/marked-snippet";
import { searchPageHref, searchResultHref, withFilter } from "@/components/search/search-links";
import type { SearchKind } from "@/lib/search/parse-query";
import type { SearchResponse, SearchResult } from "@/lib/validations/search";

const kindLabels: Record<SearchKind, string> = {
  passage: "Passages",
  annotation: "Annotations",
  comment: "Comments",
  entity: "Entities",
  article: "Articles",
};
const kindOrder: SearchKind[] = ["passage", "annotation", "comment", "entity", "article"];

type SearchResultsProps = {
  workspaceId: string;
  /** Shown above the facets (the saved searches). */
  sidebar?: React.ReactNode;
  /** Shown above the passages when the viewer may tag them (find and annotate). */
  tagPanel?: React.ReactNode;
  /** Shown above the annotations for reviewers, given the annotations shown. */
  reviewPanel?: (items: { id: string; version: number }[]) => React.ReactNode;
  /** Shown above the annotations: Change entity and Export these, given the annotations shown. */
  annotationPanel?: (items: { id: string; version: number }[]) => React.ReactNode;
  /** Whether annotation results get a tick box (Change entity applies to the ticked ones). */
  annotationsSelectable?: boolean;
  q: string;
  kind?: SearchKind;
  result: SearchResponse;
  offset: number;
};

function ResultItem({
  workspaceId,
  r,
  selectable,
  similar,
}: {
  workspaceId: string;
  r: SearchResult;
  selectable: boolean;
  similar?: boolean;
}) {
  const context = [
    r.articleTitle && r.kind !== "article" ? r.articleTitle : null,
    r.relationLabel ? `on ${r.relationLabel}` : null,
    r.entityName && r.kind !== "entity" ? r.entityName : null,
    r.authorName,
    r.status ? r.status.toLowerCase() : null,
  ].filter(Boolean);
  return (
    <li className="search-result" data-kind={r.kind} data-similar={similar ? "" : undefined}>
      {selectable && r.kind === "passage" ? (
        <input type="checkbox" name="passage" value={r.id} aria-label="Tag this passage" className="search-pick" />
      ) : null}
      {selectable && r.kind === "annotation" ? (
        <input
          type="checkbox"
          name="annotation"
          value={r.id}
          aria-label="Select this annotation"
          className="search-pick"
        />
      ) : null}
      {similar ? <span className="search-similar-badge">similar</span> : null}
      <Link href={searchResultHref(workspaceId, r)} className="search-result-link">
        <MarkedSnippet snippet={r.snippet} highlights={r.highlights} />
      </Link>
      {context.length ? <div className="search-result-context">{context.join(" · ")}</div> : null}
    </li>
  );
}

/** Results grouped by kind with their counts, and the facets that narrow them. */
export function SearchResults({
  workspaceId,
  q,
  kind,
  result,
  offset,
  tagPanel,
  reviewPanel,
  annotationPanel,
  annotationsSelectable,
  sidebar,
}: SearchResultsProps) {
  const counts = result.facets.kind;
  const groups = kindOrder
    .map((k) => ({ kind: k, items: result.data.filter((r) => r.kind === k) }))
    .filter((g) => g.items.length);
  const facetList = (title: string, filter: string, values: { id: string; label: string; count: number }[]) =>
    values.length ? (
      <section className="search-facet" aria-label={title}>
        <h3>{title}</h3>
        <ul>
          {values.map((v) => (
            <li key={v.id}>
              <Link
                href={searchPageHref(
                  workspaceId,
                  withFilter(q, filter, filter === "status" ? v.id.toLowerCase() : v.label),
                  kind,
                )}
              >
                {v.label}
              </Link>{" "}
              <span className="search-count">{v.count}</span>
            </li>
          ))}
        </ul>
      </section>
    ) : null;

  return (
    <div className="search-layout">
      <aside className="search-facets" aria-label="Filters">
        {sidebar}
        {facetList("Entity type", "type", result.facets.entityType)}
        {facetList("Entity", "entity", result.facets.entity)}
        {facetList("Author", "author", result.facets.author)}
        {facetList("Review status", "status", result.facets.status)}
        {facetList("Article", "article", result.facets.article)}
        {result.facets.date.length ? (
          <section className="search-facet" aria-label="Date">
            <h3>Date</h3>
            <ul>
              {result.facets.date.map((d) => (
                <li key={d.id}>
                  <Link
                    href={searchPageHref(
                      workspaceId,
                      `${q} after:${d.id}-01-01 before:${Number(d.id) + 1}-01-01`.trim(),
                      kind,
                    )}
                  >
                    {d.label}
                  </Link>{" "}
                  <span className="search-count">{d.count}</span>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </aside>
      <div className="search-main">
        <nav className="search-kinds" aria-label="Kinds">
          <Link href={searchPageHref(workspaceId, q)} aria-current={!kind ? "page" : undefined}>
            All <span className="search-count">{result.total}</span>
          </Link>
          {kindOrder.map((k) => (
            <Link key={k} href={searchPageHref(workspaceId, q, k)} aria-current={kind === k ? "page" : undefined}>
              {kindLabels[k]}{" "}
              <span className="search-count" data-testid={`count-${k}`}>
                {counts[k] ?? 0}
              </span>
            </Link>
          ))}
        </nav>
        {result.didYouMean ? (
          <p className="search-did-you-mean">
            Did you mean <Link href={searchPageHref(workspaceId, result.didYouMean, kind)}>{result.didYouMean}</Link>?
          </p>
        ) : null}
        {groups.length === 0 && result.tooCommon.length ? (
          <p className="search-too-common" role="status">
            {result.tooCommon.map((w) => `“${w}”`).join(", ")}{" "}
            {result.tooCommon.length === 1 ? "is a word" : "are words"} too common to search for on{" "}
            {result.tooCommon.length === 1 ? "its" : "their"} own. Add more words, or put a phrase in quotes, such as{" "}
            <code>&quot;{result.tooCommon.join(" ")} Taliban&quot;</code>.
          </p>
        ) : groups.length === 0 && !result.similar.length ? (
          <p className="muted">Nothing found.</p>
        ) : null}
        {groups.map((g) => (
          <section key={g.kind} className="search-group" aria-label={kindLabels[g.kind]}>
            <h2>
              {kindLabels[g.kind]} <span className="search-count">{counts[g.kind] ?? 0}</span>
            </h2>
            {g.kind === "passage" ? tagPanel : null}
            {g.kind === "annotation" && annotationPanel
              ? annotationPanel(g.items.filter((r) => r.version).map((r) => ({ id: r.id, version: r.version! })))
              : null}
            {g.kind === "annotation" && reviewPanel
              ? reviewPanel(g.items.filter((r) => r.version).map((r) => ({ id: r.id, version: r.version! })))
              : null}
            <ol className="search-list">
              {g.items.map((r) => (
                <ResultItem
                  key={`${r.kind}:${r.id}`}
                  workspaceId={workspaceId}
                  r={r}
                  selectable={
                    (g.kind === "passage" && Boolean(tagPanel)) ||
                    (g.kind === "annotation" && Boolean(annotationsSelectable))
                  }
                />
              ))}
            </ol>
          </section>
        ))}
        {result.similar.length ? (
          <section className="search-group search-similar" aria-label="Similar names">
            <h2>
              Similar names <span className="search-count">{result.similar.length}</span>
            </h2>
            <p className="muted">Not what you typed, but names spelled closely to it.</p>
            <ol className="search-list">
              {result.similar.map((r) => (
                <ResultItem
                  key={`similar:${r.kind}:${r.id}`}
                  workspaceId={workspaceId}
                  r={r}
                  selectable={false}
                  similar
                />
              ))}
            </ol>
          </section>
        ) : null}
        {result.nextCursor ? (
          <Link
            className="button"
            href={`${searchPageHref(workspaceId, q, kind)}&cursor=${result.nextCursor}`}
            rel="next"
          >
            Next results
          </Link>
        ) : null}
        {offset > 0 ? (
          <Link className="button" href={searchPageHref(workspaceId, q, kind)}>
            First results
          </Link>
        ) : null}
      </div>
    </div>
  );
}
