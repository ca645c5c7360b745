/**
 * Diffs that come from the edit itself rather than from comparing texts.
 *
 * Comparing two texts cannot tell which copy of a repeated passage an edit
 * removed: deleting the first or the second "Kabul" of "Kabul Kabul" gives
 * the same text. The editor knows; it records the edit as replaced regions
 * of the document (`prosemirror-changeset`), and these become the equal runs
 * of a {@link TextDiff} over canonical text that re-anchoring follows
 * exactly. A diff sent by a client is only trusted after
 * {@link checkTextDiff}: every run it claims equal must be equal.
 */
import type { CanonicalTextMap } from "./canonical-text";
import { posToTextOffset } from "./prosemirror-map";
import type { EqualRun, TextDiff } from "./text-diff";

/** A replaced region, in positions of the old (A) and the new (B) document, as `prosemirror-changeset`'s `Change`. */
export type DocChange = { fromA: number; toA: number; fromB: number; toB: number };

/** A replacement of old text `[from, to)` by `text`. */
export type TextEdit = { from: number; to: number; text: string };

/** Runs in wire form: `[oldStart, newStart, length]` triples. */
export type RunTriple = [number, number, number];

/**
 * The canonical-text diff of an edit recorded as document changes (sorted,
 * disjoint, as a change set holds them). Text between two changes is equal
 * in both documents; block separators next to a change count as changed.
 * Null when the maps do not fit the changes (a document other than the one
 * the changes were recorded on).
 */
export function textDiffOfDocChanges(
  oldMap: CanonicalTextMap,
  newMap: CanonicalTextMap,
  changes: readonly DocChange[],
  sizes: { oldDocSize: number; newDocSize: number },
): TextDiff | null {
  const runs: EqualRun[] = [];
  let a = 0;
  let b = 0;
  const stretches: Array<[number, number, number]> = [];
  for (const change of changes) {
    if (change.fromA < a || change.fromB < b || change.fromA - a !== change.fromB - b) return null;
    stretches.push([a, b, change.fromA - a]);
    a = change.toA;
    b = change.toB;
  }
  if (sizes.oldDocSize - a !== sizes.newDocSize - b || sizes.oldDocSize < a) return null;
  stretches.push([a, b, sizes.oldDocSize - a]);

  // Each stretch's text, piece by piece (a text node, a hard break), is the
  // same in both versions; separators between two of its pieces are too.
  for (const [fromA, fromB, length] of stretches) {
    let stretchRun: EqualRun | undefined;
    for (const segment of oldMap.segments) {
      const from = Math.max(fromA, segment.pmStart);
      const to = Math.min(fromA + length, segment.pmStart + segment.length);
      if (to <= from) continue;
      const oldStart = segment.textStart + (from - segment.pmStart);
      const newStart = posToTextOffset(newMap, from - fromA + fromB, 1);
      const piece = { oldStart, newStart, length: to - from };
      if (stretchRun && canJoin(oldMap.text, newMap.text, stretchRun, piece)) {
        stretchRun.length = piece.oldStart + piece.length - stretchRun.oldStart;
      } else {
        if (stretchRun) addRun(runs, stretchRun.oldStart, stretchRun.newStart, stretchRun.length);
        stretchRun = piece;
      }
    }
    if (stretchRun) addRun(runs, stretchRun.oldStart, stretchRun.newStart, stretchRun.length);
  }
  extendOverLineBreaks(oldMap.text, newMap.text, runs, sizesOf(oldMap.text, newMap.text));
  return checkTextDiff(oldMap.text, newMap.text, runs);
}

const sizesOf = (oldText: string, newText: string) => ({ oldLength: oldText.length, newLength: newText.length });

/**
 * Block separators and line breaks have no document position of their own:
 * one next to a change (a paragraph inserted after it, text typed at the
 * start of the next block) is left out of the stretches, though the edit left
 * it alone. Runs take in the line breaks either side of them that both
 * versions have there.
 */
function extendOverLineBreaks(
  oldText: string,
  newText: string,
  runs: EqualRun[],
  { oldLength, newLength }: { oldLength: number; newLength: number },
) {
  for (let i = 0; i < runs.length; i++) {
    const run = runs[i];
    const previous = runs[i - 1];
    const next = runs[i + 1];
    const oldLimit = next ? next.oldStart : oldLength;
    const newLimit = next ? next.newStart : newLength;
    while (
      run.oldStart + run.length < oldLimit &&
      run.newStart + run.length < newLimit &&
      oldText[run.oldStart + run.length] === "\n" &&
      newText[run.newStart + run.length] === "\n"
    ) {
      run.length++;
    }
    const oldFloor = previous ? previous.oldStart + previous.length : 0;
    const newFloor = previous ? previous.newStart + previous.length : 0;
    while (
      run.oldStart > oldFloor &&
      run.newStart > newFloor &&
      oldText[run.oldStart - 1] === "\n" &&
      newText[run.newStart - 1] === "\n"
    ) {
      run.oldStart--;
      run.newStart--;
      run.length++;
    }
  }
}

/** Whether the text between `run` and `piece` is the same in both versions, so they make one run. */
function canJoin(oldText: string, newText: string, run: EqualRun, piece: EqualRun): boolean {
  const oldGap = oldText.slice(run.oldStart + run.length, piece.oldStart);
  const newGap = newText.slice(run.newStart + run.length, piece.newStart);
  return piece.oldStart - run.oldStart === piece.newStart - run.newStart && oldGap === newGap;
}

/** The diff of text edits (sorted, disjoint replacements of the old text), as the property tests make them. */
export function textDiffOfEdits(oldText: string, edits: readonly TextEdit[]): TextDiff {
  const runs: EqualRun[] = [];
  let oldAt = 0;
  let newAt = 0;
  for (const { from, to, text } of edits) {
    addRun(runs, oldAt, newAt, from - oldAt);
    newAt += from - oldAt + text.length;
    oldAt = to;
  }
  addRun(runs, oldAt, newAt, oldText.length - oldAt);
  return { oldLength: oldText.length, newLength: newAt + oldText.length - oldAt, runs };
}

/**
 * `runs` as a diff of `oldText` to `newText` if they are one: ascending in
 * both texts, inside both, and each run's text the same on both sides
 * (adjacent runs are merged). Else null.
 */
export function checkTextDiff(oldText: string, newText: string, runs: ReadonlyArray<EqualRun>): TextDiff | null {
  const checked: EqualRun[] = [];
  let oldAt = 0;
  let newAt = 0;
  for (const { oldStart, newStart, length } of runs) {
    if (![oldStart, newStart, length].every(Number.isSafeInteger) || length < 0) return null;
    if (oldStart < oldAt || newStart < newAt) return null;
    if (oldStart + length > oldText.length || newStart + length > newText.length) return null;
    if (oldText.slice(oldStart, oldStart + length) !== newText.slice(newStart, newStart + length)) return null;
    addRun(checked, oldStart, newStart, length);
    oldAt = oldStart + length;
    newAt = newStart + length;
  }
  return { oldLength: oldText.length, newLength: newText.length, runs: checked };
}

export function runsToTriples(diff: TextDiff): RunTriple[] {
  return diff.runs.map((run) => [run.oldStart, run.newStart, run.length]);
}

export function triplesToRuns(triples: ReadonlyArray<readonly [number, number, number]>): EqualRun[] {
  return triples.map(([oldStart, newStart, length]) => ({ oldStart, newStart, length }));
}

function addRun(runs: EqualRun[], oldStart: number, newStart: number, length: number) {
  if (length <= 0) return;
  const last = runs[runs.length - 1];
  if (last && last.oldStart + last.length === oldStart && last.newStart + last.length === newStart) {
    last.length += length;
  } else {
    runs.push({ oldStart, newStart, length });
  }
}
