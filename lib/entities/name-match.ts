/**
 * How well `query` names `candidate`, case-insensitively: exact (100) >
 * prefix (80) > a word's prefix (60) > substring (40) > all letters in order
 * (20, e.g. "amsd" in "Ahmad Massoud") > no match (0). The server ranks
 * entity search results with it and the combobox explains alias matches.
 */
export function nameMatchScore(query: string, candidate: string): number {
  const q = query.toLowerCase();
  const c = candidate.toLowerCase();
  if (c === q) return 100;
  if (c.startsWith(q)) return 80;
  if (c.split(/[\s\-–—.,'’]+/).some((word) => word.startsWith(q))) return 60;
  if (c.includes(q)) return 40;
  let i = 0;
  for (const ch of c) if (ch === q[i]) i++;
  return i === q.length ? 20 : 0;
}
