type MarkedSnippetProps = { snippet: string; highlights: [number, number][] };

/** A snippet with its matched words in `<mark>`: React text nodes only, never HTML from the server. */
export function MarkedSnippet({ snippet, highlights }: MarkedSnippetProps) {
  const parts: React.ReactNode[] = [];
  let at = 0;
  for (const [start, end] of highlights) {
    if (start < at || end > snippet.length || end <= start) continue;
    if (start > at) parts.push(snippet.slice(at, start));
    parts.push(<mark key={start}>{snippet.slice(start, end)}</mark>);
    at = end;
  }
  if (at < snippet.length) parts.push(snippet.slice(at));
  return <span className="search-snippet">{parts}</span>;
}
