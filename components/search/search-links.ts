import type { SearchResult, SuggestItem } from "@/lib/validations/search";

/** Where a search result opens: the reader at the passage, annotation or thread, the entity, the article. */
export function searchResultHref(workspaceId: string, r: SearchResult): string {
  const w = `/w/${workspaceId}`;
  switch (r.kind) {
    case "passage":
      return `${w}/articles/${r.articleId}${r.range ? `?match=${r.range[0]}-${r.range[1]}` : ""}`;
    case "annotation":
      return `${w}/articles/${r.articleId}?annotation=${encodeURIComponent(r.id)}`;
    case "comment":
      // A relation's thread opens as a notification about it does: the relation selected, its thread open.
      return r.relationId
        ? `${w}/articles/${r.articleId}?relation=${encodeURIComponent(r.relationId)}&comment=${encodeURIComponent(r.id)}`
        : `${w}/articles/${r.articleId}?annotation=${encodeURIComponent(r.annotationId ?? "")}&comment=${encodeURIComponent(r.id)}`;
    case "entity":
      return `${w}/entities/${r.id}`;
    case "article":
      return `${w}/articles/${r.id}`;
  }
}

/** Where a palette suggestion goes. */
export function suggestionHref(workspaceId: string, s: SuggestItem): string {
  const w = `/w/${workspaceId}`;
  switch (s.kind) {
    case "entity":
      return `${w}/entities/${s.id}`;
    case "article":
      return `${w}/articles/${s.id}`;
    case "member":
      return `${w}/members`;
    case "annotation":
      return `${w}/articles/${s.articleId}?annotation=${encodeURIComponent(s.id)}`;
    case "passage":
      return `${w}/articles/${s.articleId}${s.range ? `?match=${s.range[0]}-${s.range[1]}` : ""}`;
  }
}

/** The search page for a query (and optionally one kind). */
export function searchPageHref(workspaceId: string, q: string, kind?: string): string {
  const params = new URLSearchParams({ q });
  if (kind) params.set("kind", kind);
  return `/w/${workspaceId}/search?${params}`;
}

/** `q` with a filter added (quoted when the value has spaces). */
export function withFilter(q: string, name: string, value: string): string {
  const v = /[\s"]/.test(value) ? `"${value.replace(/"/g, "")}"` : value;
  return `${q.trim()} ${name}:${v}`.trim();
}
