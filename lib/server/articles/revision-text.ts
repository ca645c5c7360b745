import "server-only";
import { db } from "@/lib/db";
import { createLru } from "@/lib/lru";

/*
 * A bounded in-process cache of revisions' canonical text, so that checking a
 * highlight's offsets does not fetch up to a million characters per request.
 * Safe with any number of app instances because a revision's text never
 * changes: editing an article creates a new revision (revise-article.ts).
 */

/** At most about 64 MB (2 bytes per UTF-16 unit): hundreds of typical articles, dozens of the longest. */
export const DEFAULT_MAX_CHARS = 32_000_000;

export type RevisionTextCache = {
  /** The revision's text, or null when there is no such revision. */
  get(revisionId: string): Promise<string | null>;
  /** Characters currently held. */
  readonly size: number;
};

/** A cache over `load` that forgets the least recently used texts beyond `maxChars` characters in total. */
export function createRevisionTextCache(options: {
  load: (revisionId: string) => Promise<string | null>;
  maxChars?: number;
}): RevisionTextCache {
  const texts = createLru<string, string>({ maxWeight: options.maxChars ?? DEFAULT_MAX_CHARS, weigh: (t) => t.length });
  // Concurrent misses of one revision (a burst of highlights right after start-up) share one query.
  const loading = new Map<string, Promise<string | null>>();
  return {
    get size() {
      return texts.weight;
    },
    async get(revisionId) {
      const cached = texts.get(revisionId);
      if (cached !== undefined) return cached;
      let pending = loading.get(revisionId);
      if (!pending) {
        // A missing revision is not remembered: it may be one being created right now.
        pending = options.load(revisionId).then((text) => {
          if (text !== null) texts.set(revisionId, text);
          return text;
        });
        loading.set(revisionId, pending);
        void pending.finally(() => loading.delete(revisionId)).catch(() => undefined);
      }
      return pending;
    },
  };
}

const cache = createRevisionTextCache({
  load: async (id) => (await db.articleRevision.findUnique({ where: { id }, select: { text: true } }))?.text ?? null,
});

/**
 * The canonical text of a revision of any article (null when there is none),
 * from memory after the first read. Callers scope by workspace themselves.
 */
export function revisionText(revisionId: string): Promise<string | null> {
  return cache.get(revisionId);
}
