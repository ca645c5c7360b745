import type { NoValueReason } from "@/lib/agreement";

/** A figure as the agreement view shows it: three decimals, a true minus sign (never on zero), or a dash when undefined. */
export function formatFigure(value: number | null): string {
  if (value === null) return "—";
  const text = value.toFixed(3);
  // A tiny negative rounds to "-0.000": that is zero.
  if (/^-0\.0+$/.test(text)) return text.slice(1);
  return text.startsWith("-") ? `−${text.slice(1)}` : text;
}

/** Why a figure is undefined, in words. */
export const reasonText: Record<NoValueReason, string> = {
  "no-units": "nothing to compare",
  "single-annotator": "fewer than two analysts",
  "no-variation": "no variation: everyone used one label only",
};

/** Why a span F1, precision or recall is undefined (no spans on either or one side). */
export function spanReason(counts: { matched: number; onlyA: number; onlyB: number }): string {
  return counts.matched + counts.onlyA + counts.onlyB === 0 ? "no spans of this type" : "";
}

/** "1 span", "12 spans", with thousands separated. */
export function count(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;
}

/**
 * A cell's background for a figure between −1 and 1: the accent colour for
 * agreement, the danger colour below zero, stronger with the size (CSS).
 */
export function heat(value: number | null): string | undefined {
  if (value === null) return undefined;
  const v = Math.max(-1, Math.min(1, value));
  const color = v >= 0 ? "var(--accent)" : "var(--danger)";
  return `color-mix(in srgb, ${color} ${Math.round(Math.abs(v) * 28)}%, var(--surface))`;
}
