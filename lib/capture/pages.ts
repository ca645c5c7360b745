/** Where page `page` begins in a revision's canonical text (UTF-16 offset). Kept for revisions imported from PDFs. */
export type PageStart = { page: number; start: number };

/** The page of the text at `offset`, from a revision's page starts (ascending); null when it has none. */
export function pageAt(pages: readonly PageStart[] | null | undefined, offset: number): number | null {
  if (!Array.isArray(pages) || !pages.length) return null;
  let page = pages[0].page;
  for (const start of pages) {
    if (start.start > offset) break;
    page = start.page;
  }
  return page;
}

/** Reads a revision's stored `pages` JSON: page starts, or null when absent or malformed. */
export function pageStarts(value: unknown): PageStart[] | null {
  if (!Array.isArray(value)) return null;
  const starts = value.filter(
    (entry): entry is PageStart =>
      typeof entry === "object" &&
      entry !== null &&
      Number.isInteger((entry as PageStart).page) &&
      Number.isInteger((entry as PageStart).start),
  );
  return starts.length ? starts : null;
}
