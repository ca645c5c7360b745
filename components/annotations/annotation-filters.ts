import { entityTypeName, type AnnotationItem, type EntityTypeItem } from "./types";

export type AnnotationStatus = AnnotationItem["status"];

/** The panel's filters; an empty string means "any". */
export type AnnotationFilters = {
  typeId: string;
  entityId: string;
  authorId: string;
  status: AnnotationStatus | "";
  /** Only those a revision moved ("please check") or orphaned. */
  anchor: AnchorFilter;
};

export type AnchorFilter = "" | "MOVED" | "ORPHANED";

export const anchorLabels: Record<Exclude<AnchorFilter, "">, string> = {
  MOVED: "Moved (please check)",
  ORPHANED: "Orphaned",
};

/** The `typeId` filter value that keeps annotations without an entity. */
export const UNTAGGED = "untagged";

export const noFilters: AnnotationFilters = { typeId: "", entityId: "", authorId: "", status: "", anchor: "" };

export const statusLabels: Record<AnnotationStatus, string> = {
  PROPOSED: "Proposed",
  ACCEPTED: "Accepted",
  REJECTED: "Rejected",
};

export type FilterOption = { value: string; label: string };

/** True when at least one filter narrows the list. */
export function hasActiveFilters(filters: AnnotationFilters): boolean {
  return Boolean(filters.typeId || filters.entityId || filters.authorId || filters.status || filters.anchor);
}

/** Returns the annotations in reading order: by start, then end (id breaks ties so the order is stable). */
export function sortByReadingOrder(annotations: readonly AnnotationItem[]): AnnotationItem[] {
  return [...annotations].sort(
    (a, b) => a.start - b.start || a.end - b.end || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

/** Splits annotations into those placed in the article (reading order) and the orphaned ones. */
export function splitByAnchor(annotations: readonly AnnotationItem[]): {
  placed: AnnotationItem[];
  orphaned: AnnotationItem[];
} {
  const sorted = sortByReadingOrder(annotations);
  return {
    placed: sorted.filter((a) => a.anchorState !== "ORPHANED"),
    orphaned: sorted.filter((a) => a.anchorState === "ORPHANED"),
  };
}

/** Keeps the annotations that match every active filter, in their given order. */
export function filterAnnotations(
  annotations: readonly AnnotationItem[],
  filters: AnnotationFilters,
): AnnotationItem[] {
  return annotations.filter(
    (a) =>
      (!filters.typeId || (filters.typeId === UNTAGGED ? !a.entity : a.entity?.type?.id === filters.typeId)) &&
      (!filters.entityId || a.entity?.id === filters.entityId) &&
      (!filters.authorId || a.author.id === filters.authorId) &&
      (!filters.status || a.status === filters.status) &&
      (!filters.anchor || a.anchorState === filters.anchor),
  );
}

const byLabel = (a: FilterOption, b: FilterOption) => a.label.localeCompare(b.label);

/**
 * The choices of each filter: the workspace's entity types (plus any archived
 * type still used, and "Untagged"), the entities of the chosen type that are
 * tagged in these annotations, and their authors; all sorted by name.
 */
export function filterOptions(
  annotations: readonly AnnotationItem[],
  entityTypes: readonly EntityTypeItem[],
  typeId: string,
): { types: FilterOption[]; entities: FilterOption[]; authors: FilterOption[] } {
  const types = new Map(entityTypes.map((t) => [t.id, t.name]));
  const entities = new Map<string, string>();
  const authors = new Map<string, string>();
  for (const a of annotations) {
    authors.set(a.author.id, a.author.name);
    if (!a.entity) continue;
    const type = a.entity.type;
    if (type && !types.has(type.id)) types.set(type.id, type.name);
    if (!typeId || type?.id === typeId) entities.set(a.entity.id, a.entity.name);
  }
  const options = (map: Map<string, string>) => [...map].map(([value, label]) => ({ value, label })).sort(byLabel);
  return {
    types: [...options(types), { value: UNTAGGED, label: "Untagged" }],
    entities: typeId === UNTAGGED ? [] : options(entities),
    authors: options(authors),
  };
}

/** Applies one filter change; choosing another type clears an entity that is not of that type. */
export function updateFilters(
  filters: AnnotationFilters,
  change: Partial<AnnotationFilters>,
  annotations: readonly AnnotationItem[],
): AnnotationFilters {
  const next = { ...filters, ...change };
  if (change.typeId !== undefined && next.entityId) {
    const entity = annotations.find((a) => a.entity?.id === next.entityId)?.entity;
    if (next.typeId && entity?.type?.id !== next.typeId) next.entityId = "";
  }
  return next;
}

/** The words around a quote, at most `max` characters on each side, each with "…" where the text goes on. */
export function quoteContext(
  a: Pick<AnnotationItem, "prefix" | "suffix">,
  max = 40,
): { before: string; after: string } {
  const prefix = (a.prefix ?? "").slice(-max).trimStart();
  const suffix = (a.suffix ?? "").slice(0, max).trimEnd();
  return { before: prefix ? `…${prefix}` : "", after: suffix ? `${suffix}…` : "" };
}

/** A quote cut to `max` characters, for accessible names. */
export function shortQuote(exact: string, max = 60): string {
  const text = exact.replace(/\s+/g, " ").trim();
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}

/** What a screen reader announces for an annotation row: quote, entity, author, status, and the moved warning. */
export function describeAnnotation(a: AnnotationItem): string {
  const entity = a.entity ? `${a.entity.name} (${entityTypeName(a.entity)})` : "Untagged";
  const moved = a.anchorState === "MOVED" ? ", moved, please check" : "";
  return `“${shortQuote(a.exact, 200)}”, ${entity}, by ${a.author.name}, ${statusLabels[a.status]}${moved}`;
}
