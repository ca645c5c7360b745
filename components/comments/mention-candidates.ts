/** A workspace member as `GET /members` returns them (the fields mentions need). */
export type MentionCandidate = { userId: string; name: string; email: string };

const fold = (s: string) => s.normalize("NFKD").replace(/\p{M}/gu, "").toLocaleLowerCase("en");

/**
 * How well `query` matches a member: 0 is best (name starts with it), then a
 * word of the name, then the email's local part, then anywhere in name or
 * email; null for no match. Case and accents are ignored ("ana" finds "Ána").
 */
export function mentionScore(member: MentionCandidate, query: string): number | null {
  const q = fold(query.trim());
  if (!q) return 3;
  const name = fold(member.name);
  const email = fold(member.email);
  if (name.startsWith(q)) return 0;
  if (name.split(/[\s\-'’.]+/).some((word) => word.startsWith(q))) return 1;
  if (email.startsWith(q)) return 2;
  if (name.includes(q) || email.includes(q)) return 3;
  return null;
}

/** The members to offer for an @mention: matching `query` by name or email, best first, then by name. */
export function filterMentionCandidates<T extends MentionCandidate>(
  members: readonly T[],
  query: string,
  options: { excludeUserId?: string; limit?: number } = {},
): T[] {
  const { excludeUserId, limit = 8 } = options;
  return members
    .filter((m) => m.userId !== excludeUserId)
    .map((member) => ({ member, score: mentionScore(member, query) }))
    .filter((x): x is { member: T; score: number } => x.score !== null)
    .sort((a, b) => a.score - b.score || a.member.name.localeCompare(b.member.name, "en"))
    .slice(0, limit)
    .map((x) => x.member);
}
