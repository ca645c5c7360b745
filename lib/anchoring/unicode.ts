/**
 * Conversions between the two units offsets are counted in (ANCHORING.md).
 *
 * - **UTF-16 code units** — JavaScript string indices. Every offset Marginalia
 *   stores (`start`, `end`, exclusive) is in this unit, into the canonical text.
 * - **Unicode code points** — what the W3C `TextPositionSelector` counts, and
 *   what independent implementations (e.g. Apache Annotator) count.
 *
 * A character outside the Basic Multilingual Plane (most emoji, regional
 * indicator flags, many CJK extension ideographs) is one code point and two
 * code units (a surrogate pair). Grapheme clusters are not a unit here: a ZWJ
 * emoji sequence or a letter with combining marks is several code points.
 * A lone (unpaired) surrogate counts as one code point, as `Array.from` does.
 *
 * Functions throw a `RangeError` for offsets that are not integers, are out of
 * range, or fall between the two halves of a surrogate pair; such offsets are
 * never valid anchors, so they are bugs to surface rather than values to round.
 */

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** True if `offset` falls between the high and low halves of a surrogate pair. */
export function splitsSurrogatePair(text: string, offset: number): boolean {
  if (!Number.isInteger(offset) || offset <= 0 || offset >= text.length) return false;
  return isHighSurrogate(text.charCodeAt(offset - 1)) && isLowSurrogate(text.charCodeAt(offset));
}

function assertOffset(offset: number, max: number, unit: string): void {
  if (!Number.isInteger(offset) || offset < 0 || offset > max) {
    throw new RangeError(`${unit} offset ${offset} is outside 0..${max}`);
  }
}

/** Number of code points in `text`. */
export function codePointLength(text: string): number {
  let pairs = 0;
  for (let i = 0; i < text.length - 1; i++) {
    if (isHighSurrogate(text.charCodeAt(i)) && isLowSurrogate(text.charCodeAt(i + 1))) {
      pairs++;
      i++;
    }
  }
  return text.length - pairs;
}

/** Converts a UTF-16 code-unit offset into `text` to a code-point offset. */
export function utf16ToCodePoint(text: string, utf16Offset: number): number {
  assertOffset(utf16Offset, text.length, "UTF-16");
  if (splitsSurrogatePair(text, utf16Offset)) {
    throw new RangeError(`UTF-16 offset ${utf16Offset} splits a surrogate pair`);
  }
  let codePoints = 0;
  for (let i = 0; i < utf16Offset; i++) {
    if (isHighSurrogate(text.charCodeAt(i)) && isLowSurrogate(text.charCodeAt(i + 1))) i++;
    codePoints++;
  }
  return codePoints;
}

/** Converts a code-point offset into `text` to a UTF-16 code-unit offset. */
export function codePointToUtf16(text: string, cpOffset: number): number {
  if (!Number.isInteger(cpOffset) || cpOffset < 0) {
    throw new RangeError(`Code point offset ${cpOffset} is not a non-negative integer`);
  }
  let i = 0;
  for (let codePoints = 0; codePoints < cpOffset; codePoints++) {
    if (i >= text.length) {
      throw new RangeError(`Code point offset ${cpOffset} is outside 0..${codePoints}`);
    }
    i += isHighSurrogate(text.charCodeAt(i)) && isLowSurrogate(text.charCodeAt(i + 1)) ? 2 : 1;
  }
  return i;
}

/** Converts many offsets into one text, each in O(log n). */
export type OffsetConverter = {
  toCodePoint(utf16Offset: number): number;
  toUtf16(cpOffset: number): number;
};

/**
 * Indexes the surrogate pairs of `text` once, for exports and imports that
 * convert many offsets into the same text. Same results and errors as
 * {@link utf16ToCodePoint} and {@link codePointToUtf16}.
 */
export function createOffsetConverter(text: string): OffsetConverter {
  // UTF-16 index of the low half of each surrogate pair, ascending.
  const lowHalves: number[] = [];
  for (let i = 0; i < text.length - 1; i++) {
    if (isHighSurrogate(text.charCodeAt(i)) && isLowSurrogate(text.charCodeAt(i + 1))) {
      lowHalves.push(++i);
    }
  }
  const cpLength = text.length - lowHalves.length;

  /** Count of entries in the ascending array `xs` for which `below(x)` holds. */
  const countWhile = (below: (x: number, k: number) => boolean): number => {
    let lo = 0;
    let hi = lowHalves.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (below(lowHalves[mid], mid)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };

  return {
    toCodePoint(utf16Offset) {
      assertOffset(utf16Offset, text.length, "UTF-16");
      if (splitsSurrogatePair(text, utf16Offset)) {
        throw new RangeError(`UTF-16 offset ${utf16Offset} splits a surrogate pair`);
      }
      return utf16Offset - countWhile((low) => low < utf16Offset);
    },
    toUtf16(cpOffset) {
      if (!Number.isInteger(cpOffset) || cpOffset < 0) {
        throw new RangeError(`Code point offset ${cpOffset} is not a non-negative integer`);
      }
      assertOffset(cpOffset, cpLength, "Code point");
      // The k-th pair's low half sits at code point (low - 1 - k); pairs whose
      // high half starts before cpOffset each add one code unit.
      return cpOffset + countWhile((low, k) => low - 1 - k < cpOffset);
    },
  };
}
