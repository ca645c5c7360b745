import "server-only";
import { createLru } from "@/lib/lru";
import type { ImportProgress } from "@/lib/validations/annotation-import";

/**
 * How far the imports in progress on this server have got (annotation files and
 * workspace archives), by the user and the key their dialog chose, for the
 * dialog to poll while its request runs.
 * In memory: another instance behind a load balancer knows nothing of it and
 * answers "unknown", which the dialog shows as work without a count.
 */
const progress = createLru<string, ImportProgress & { at: number }>({ maxWeight: 10_000 });

/** Entries older than this are forgotten (an abandoned or crashed import). */
const STALE_MS = 10 * 60_000;

const keyOf = (userId: string, key: string) => `${userId}\0${key}`;

/** A reporter for one import; a no-op without a key. */
export function importProgressReporter(userId: string, key: string | undefined): (update: ImportProgress) => void {
  if (!key) return () => {};
  return (update) => progress.set(keyOf(userId, key), { ...update, at: Date.now() });
}

export function readImportProgress(userId: string, key: string): ImportProgress | null {
  const entry = progress.get(keyOf(userId, key));
  if (!entry || Date.now() - entry.at > STALE_MS) return null;
  const { at: _at, ...update } = entry;
  return update;
}
