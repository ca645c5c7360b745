// Rebuilds reading order and paragraphs from a PDF's positioned text items
// (as pdfjs-dist's getTextContent gives them). Pure: runs on a worker thread
// of lib/server/compute-pool.ts and in unit tests on synthetic pages.

/** One run of text, positioned in PDF units (origin at the page's bottom left). */
export type PdfTextItem = { str: string; x: number; y: number; w: number; h: number; dir?: string };
export type PdfPage = { width: number; height: number; items: PdfTextItem[] };

/** A paragraph in reading order, with the page it starts on and where later pages begin inside it. */
export type PdfParagraph = {
  text: string;
  page: number;
  /** Offsets into `text` where a later page's text begins, with that page's number. */
  pageBreaks: { at: number; page: number }[];
};

type Line = { text: string; x: number; y: number; h: number; right: number; page: number; items: PdfTextItem[] };

const PAGE_NUMBER = /^[\s\-–—|·]*(?:page\s+)?\d{1,4}(?:\s*(?:of|\/)\s*\d{1,4})?[\s\-–—|·]*$/i;

function median(values: number[]): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Items grouped into lines (same baseline within half a line height), each line's items ordered. */
function linesOf(items: PdfTextItem[], page: number): Line[] {
  const sorted = items.filter((item) => item.str.trim() !== "").sort((a, b) => b.y - a.y || a.x - b.x);
  const groups: PdfTextItem[][] = [];
  for (const item of sorted) {
    const group = groups[groups.length - 1];
    const height = Math.max(item.h, 1);
    if (group && Math.abs(group[0].y - item.y) < height * 0.5) group.push(item);
    else groups.push([item]);
  }
  return groups.map((group) => {
    const rtl = group.filter((item) => item.dir === "rtl").length > group.length / 2;
    const ordered = [...group].sort((a, b) => (rtl ? b.x - a.x : a.x - b.x));
    let text = "";
    let previous: PdfTextItem | null = null;
    for (const item of ordered) {
      if (previous) {
        const gap = rtl ? previous.x - (item.x + item.w) : item.x - (previous.x + previous.w);
        const spaced = /\s$/.test(text) || /^\s/.test(item.str);
        if (!spaced && gap > Math.max(item.h, 1) * 0.15) text += " ";
      }
      text += item.str;
      previous = item;
    }
    const h = median(group.map((item) => item.h));
    return {
      text: text.replace(/\s+/g, " ").trim(),
      x: Math.min(...group.map((item) => item.x)),
      right: Math.max(...group.map((item) => item.x + item.w)),
      y: group[0].y,
      h,
      page,
      items: group,
    };
  });
}

type Box = { x: number; right: number };

/**
 * A vertical gutter splitting the page into two columns: the widest x range
 * in the middle of the page that (almost) no text crosses, if there is
 * enough text on both sides of it to be columns.
 */
function gutterOf(boxes: Box[], width: number): number | null {
  if (boxes.length < 6) return null;
  const covered = new Uint16Array(Math.ceil(width) + 2);
  for (const box of boxes) {
    for (let x = Math.max(0, Math.floor(box.x)); x <= Math.min(width, Math.ceil(box.right)); x++) covered[x]++;
  }
  // Titles and other full-width lines may cross the gutter; a few of them.
  const allowed = Math.max(1, Math.floor(boxes.length * 0.1));
  let best: { from: number; to: number } | null = null;
  let from = -1;
  for (let x = Math.floor(width * 0.3); x <= Math.ceil(width * 0.7); x++) {
    if (covered[x] <= allowed) {
      if (from < 0) from = x;
      if (!best || x - from > best.to - best.from) best = { from, to: x };
    } else {
      from = -1;
    }
  }
  if (!best || best.to - best.from < 6) return null;
  const gutter = (best.from + best.to) / 2;
  const left = boxes.filter((box) => box.right <= gutter).length;
  const right = boxes.filter((box) => box.x >= gutter).length;
  return left >= 3 && right >= 3 ? gutter : null;
}

/**
 * A page's kept text as blocks of lines in reading order: text crossing the
 * gutter above the columns (a title), the left column, the right one, then
 * what crosses the gutter below them.
 */
function readingOrder(lines: Line[], width: number, page: number): Line[][] {
  const items = lines.flatMap((line) => line.items);
  const gutter = gutterOf(
    items.map((item) => ({ x: item.x, right: item.x + item.w })),
    width,
  );
  if (gutter === null) return [lines];
  const left = items.filter((item) => item.x + item.w <= gutter);
  const right = items.filter((item) => item.x >= gutter);
  const spanning = items.filter((item) => item.x + item.w > gutter && item.x < gutter);
  const columnTop = Math.max(...[...left, ...right].map((item) => item.y));
  const above = spanning.filter((item) => item.y > columnTop);
  const below = spanning.filter((item) => item.y <= columnTop);
  return [above, left, right, below].filter((block) => block.length > 0).map((block) => linesOf(block, page));
}

/** The normalized form of a running header or footer: digits do not matter ("Page 3" = "Page 4"). */
const runningKey = (text: string) => text.replace(/\d+/g, "#").toLowerCase();

/**
 * Lines repeated at the top or bottom of most pages (running headers and
 * footers) and bare page numbers there: removed from the text.
 */
function runningLines(pages: Line[][]): Set<Line> {
  const drop = new Set<Line>();
  const edges = pages.map((lines) => {
    if (!lines.length) return [];
    const sorted = [...lines].sort((a, b) => b.y - a.y);
    return [...sorted.slice(0, 2), ...sorted.slice(-2)];
  });
  const counts = new Map<string, number>();
  for (const lines of edges) {
    for (const key of new Set(lines.map((line) => runningKey(line.text)))) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const enough = Math.max(2, Math.ceil(pages.length * 0.5));
  for (const lines of edges) {
    for (const line of lines) {
      const repeated = pages.length >= 2 && (counts.get(runningKey(line.text)) ?? 0) >= enough;
      if (repeated || PAGE_NUMBER.test(line.text)) drop.add(line);
    }
  }
  return drop;
}

/** Joins a line to the paragraph so far: a hyphen at a line's end joins the halves of a word. */
function join(paragraph: string, line: string): string {
  if (!paragraph) return line;
  if (/\p{L}-$/u.test(paragraph) && /^\p{Ll}/u.test(line)) return paragraph.slice(0, -1) + line;
  return `${paragraph} ${line}`;
}

/**
 * Paragraphs of a PDF in reading order. Lines are found by position, columns
 * by a vertical gutter, paragraphs by a gap larger than the usual line
 * spacing (or a line starting well right of the column's left edge);
 * hyphenated line ends are joined; running headers, footers and page numbers
 * are dropped. A paragraph that continues on the next page stays one
 * paragraph and records where that page begins in it.
 */
export function layoutPdf(pages: PdfPage[]): PdfParagraph[] {
  const pageLines = pages.map((page, index) => linesOf(page.items, index + 1));
  const drop = runningLines(pageLines);
  const paragraphs: PdfParagraph[] = [];
  let current: PdfParagraph | null = null;
  let previous: Line | null = null;
  let lineGap = 0;

  pageLines.forEach((lines, index) => {
    const kept = lines.filter((line) => !drop.has(line));
    const gaps: number[] = [];
    for (let i = 1; i < kept.length; i++) {
      const gap = kept[i - 1].y - kept[i].y;
      if (gap > 0) gaps.push(gap);
    }
    if (gaps.length) lineGap = median(gaps);
    for (const block of readingOrder(kept, pages[index].width, index + 1)) {
      const left = Math.min(...block.map((line) => line.x));
      for (const line of block) {
        const newPage = previous !== null && line.page !== previous.page;
        const gap = previous && !newPage ? previous.y - line.y : 0;
        const columnJump = previous && !newPage && gap < 0;
        const indented = line.x - left > line.h * 1.5;
        // A new page or column continues the paragraph unless the last one ended a sentence.
        const continues = newPage || columnJump;
        const breaks =
          !current ||
          (!continues && (gap > Math.max(lineGap, line.h) * 1.45 || indented)) ||
          (continues && /[.!?:"”»)]$/.test(current.text));
        if (breaks || !current) {
          current = { text: line.text, page: line.page, pageBreaks: [] };
          paragraphs.push(current);
        } else {
          const before = current.text.length;
          current.text = join(current.text, line.text);
          if (newPage) {
            const at = current.text.length - line.text.length;
            current.pageBreaks.push({ at: Math.max(at, before), page: line.page });
          }
        }
        previous = line;
      }
    }
  });
  return paragraphs.filter((paragraph) => paragraph.text.trim() !== "");
}
