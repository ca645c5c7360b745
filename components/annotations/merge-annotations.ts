import type { AnnotationItem } from "./types";

/** `list` with `items` replacing the annotations of the same id in place, the others appended. */
export function upsertAnnotations(list: readonly AnnotationItem[], items: readonly AnnotationItem[]): AnnotationItem[] {
  if (items.length === 0) return list as AnnotationItem[];
  const byId = new Map(items.map((a) => [a.id, a]));
  const next = list.map((a) => {
    const item = byId.get(a.id);
    if (item) byId.delete(a.id);
    return item ?? a;
  });
  return byId.size ? [...next, ...byId.values()] : next;
}

/**
 * Applies what the server says about `askedIds` (after a live event named
 * them): the annotations it returned are current and replace or join the
 * list; the asked ones it did not return are deleted (or were never there).
 * Returns `list` itself when nothing changed, so React skips the render.
 * An annotation whose version is older than the one shown is not taken: a
 * slower answer must not undo a newer local save.
 */
export function mergeAnnotationChanges(
  list: readonly AnnotationItem[],
  askedIds: readonly string[],
  returned: readonly AnnotationItem[],
): AnnotationItem[] {
  const current = new Map(list.map((a) => [a.id, a]));
  const fresh = returned.filter((a) => {
    const shown = current.get(a.id);
    return !shown || (a.version >= shown.version && !sameAnnotation(shown, a));
  });
  const returnedIds = new Set(returned.map((a) => a.id));
  const gone = new Set(askedIds.filter((id) => !returnedIds.has(id) && current.has(id)));
  if (fresh.length === 0 && gone.size === 0) return list as AnnotationItem[];
  const kept = gone.size ? list.filter((a) => !gone.has(a.id)) : list;
  return upsertAnnotations(kept, fresh);
}

/** Whether two copies of an annotation show the same thing (so no re-render is needed). */
function sameAnnotation(a: AnnotationItem, b: AnnotationItem): boolean {
  return (
    a.version === b.version &&
    a.start === b.start &&
    a.end === b.end &&
    a.exact === b.exact &&
    a.status === b.status &&
    a.anchorState === b.anchorState &&
    a.note === b.note &&
    (a.entity?.id ?? null) === (b.entity?.id ?? null) &&
    a.entity?.name === b.entity?.name &&
    a.entity?.type?.color === b.entity?.type?.color
  );
}
