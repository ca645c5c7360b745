/**
 * Unsent text kept in the browser's localStorage, per user and target (a
 * thread, a rejection, an article's Edit-text session), so a reload or a
 * navigation loses nothing: restored when the box opens again, cleared when
 * it is sent. Storage that is full or blocked only means no draft is kept.
 */
const PREFIX = "marginalia:draft:";

/** The storage key of `userId`'s draft for `target` (e.g. `comment:<annotationId>`). */
export function draftKey(userId: string, target: string): string {
  return `${PREFIX}${userId}:${target}`;
}

/** The draft kept under `key`, or null. */
export function readDraft<T>(key: string | null | undefined): T | null {
  if (!key || typeof window === "undefined") return null;
  try {
    const raw = window.localStorage.getItem(key);
    return raw === null ? null : ((JSON.parse(raw) as { value: T }).value ?? null);
  } catch {
    return null;
  }
}

/** Keeps `value` under `key`; null (nothing typed) removes the draft. */
export function saveDraft(key: string | null | undefined, value: unknown): void {
  if (!key || typeof window === "undefined") return;
  try {
    if (value === null || value === "") window.localStorage.removeItem(key);
    else window.localStorage.setItem(key, JSON.stringify({ value, savedAt: new Date().toISOString() }));
  } catch {
    // Full or blocked storage: the draft is simply not kept.
  }
}

/** Forgets the draft under `key` (it was sent or discarded). */
export function clearDraft(key: string | null | undefined): void {
  saveDraft(key, null);
}
