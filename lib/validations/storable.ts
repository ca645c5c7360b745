import { z } from "zod";

/*
 * What PostgreSQL can store exactly. Every schema in lib/validations builds
 * its strings and dates from here, so input it would refuse (U+0000 in text:
 * 22021/22P05; a year it cannot hold: 22008) is a 422 naming the field, never
 * a database error; and text with half of a surrogate pair (which would be
 * stored as U+FFFD, not as sent) is refused the same way.
 */

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const UNSTORABLE_TEXT_MESSAGE =
  "The text contains a character that cannot be stored (U+0000 or half of a pair).";
export const UNSTORABLE_DATE_MESSAGE = "Use a date between the years 1 and 9999.";

/** `value` without unpaired surrogates (e.g. a context cut inside an emoji by a tool counting code units). */
export function withoutLoneSurrogates(value: string): string {
  return value.replace(new RegExp(LONE_SURROGATE.source, "g"), "");
}

/** Whether `value` holds no U+0000 and no unpaired surrogate. */
export function isStorableText(value: string): boolean {
  return !value.includes("\u0000") && !LONE_SURROGATE.test(value);
}

/** Deepest nesting of JSON objects and arrays a request may carry. */
export const MAX_JSON_DEPTH = 200;

/** Whether a parsed JSON value nests objects and arrays deeper than `max` (walked without recursion). */
export function isNestedDeeperThan(value: unknown, max = MAX_JSON_DEPTH): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [item, depth] = stack.pop()!;
    if (item === null || typeof item !== "object") continue;
    if (depth >= max) return true;
    for (const child of Object.values(item)) stack.push([child, depth + 1]);
  }
  return false;
}

/** Whether a date string names an instant PostgreSQL's `timestamp`/`date` columns hold (years 1–9999). */
export function isStorableDate(value: string): boolean {
  const time = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(time)) return true; // the format check of the schema names that problem
  const year = new Date(time).getUTCFullYear();
  return year >= 1 && year <= 9999;
}

/** A string PostgreSQL stores as sent; use instead of `z.string()` in every schema. */
export const text = () => z.string().refine(isStorableText, UNSTORABLE_TEXT_MESSAGE);

/** The one date refinement: add to every date or date-time string schema. */
export const storableDate = [isStorableDate, UNSTORABLE_DATE_MESSAGE] as const;
