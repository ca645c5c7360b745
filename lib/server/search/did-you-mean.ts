import "server-only";
import { db } from "@/lib/db";
import type { ParsedSearchQuery } from "@/lib/search/parse-query";
import { normalizeForSearch } from "@/lib/search/highlight";

/** Levenshtein distance, for ranking the trigram candidates. */
function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const next = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = next;
    }
  }
  return row[b.length];
}

/**
 * The words of the workspace's entity names and aliases closest to `word`
 * by trigram similarity ("masood" → "massoud"), best first, within a few edits.
 */
export async function findSimilarNames(workspaceId: string, word: string, limit = 3): Promise<string[]> {
  const normalized = normalizeForSearch(word);
  if (normalized.length < 4) return [];
  // Only the entities whose name or aliases have a close word (word_similarity, a C function, on the
  // lower-cased name: a few ms over thousands of rows) are normalized and split into words — doing
  // that to every name per query cost 150–200 ms on the benchmark workspace.
  const rows = await db.$queryRaw<{ w: string }[]>`
    WITH words AS (
      SELECT DISTINCT w FROM "SearchEntry" e,
             regexp_split_to_table("marginalia_search_normalize"(e.body), '[^[:alnum:]]+') AS w
       WHERE e."workspaceId" = ${workspaceId} AND e.kind = 'entity'
         AND word_similarity(${normalized}, lower(e.body)) > 0.2
    )
    SELECT w FROM words
     WHERE char_length(w) >= 3 AND w <> ${normalized} AND similarity(w, ${normalized}) > 0.2
     ORDER BY similarity(w, ${normalized}) DESC, w
     LIMIT 20`;
  const maxEdits = Math.max(1, Math.floor(normalized.length / 3));
  return rows
    .map((r) => ({ w: r.w, d: editDistance(r.w, normalized) }))
    .filter((c) => c.d <= maxEdits)
    .sort((a, b) => a.d - b.d || a.w.localeCompare(b.w))
    .slice(0, limit)
    .map((c) => c.w);
}

/**
 * `text` (the query as typed) with each plain word that has a close entity
 * name word replaced by it, or null when none has.
 */
export async function findDidYouMean(
  workspaceId: string,
  query: ParsedSearchQuery,
  text: string,
): Promise<string | null> {
  const words = query.groups
    .flat()
    .filter((t) => !t.phrase && /^[\p{Script=Latin}]{4,}$/u.test(t.text))
    .slice(0, 4);
  let result = text;
  for (const term of words) {
    const [best] = await findSimilarNames(workspaceId, term.text, 1);
    if (best) result = result.replace(new RegExp(`(?<![\\p{L}\\p{N}])${term.text}(?![\\p{L}\\p{N}])`, "u"), best);
  }
  return result === text ? null : result;
}
