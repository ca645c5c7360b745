const rtf = new Intl.RelativeTimeFormat("en", { numeric: "auto", style: "long" });
const dayMonth = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short" });
const dayMonthYear = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric" });

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * "just now", "5 minutes ago", "3 hours ago", "yesterday", "4 days ago", then
 * the date ("12 Mar", or "12 Mar 2024" in another year). Times slightly in the
 * future (clock skew between machines) read as "just now".
 */
export function formatRelativeTime(date: Date | string, now: Date = new Date()): string {
  const then = new Date(date);
  const ago = now.getTime() - then.getTime();
  if (ago < 45_000) return "just now";
  if (ago < HOUR) return rtf.format(-Math.max(1, Math.round(ago / MINUTE)), "minute");
  if (ago < DAY) return rtf.format(-Math.round(ago / HOUR), "hour");
  if (ago < 7 * DAY) return rtf.format(-Math.round(ago / DAY), "day");
  return (then.getFullYear() === now.getFullYear() ? dayMonth : dayMonthYear).format(then);
}
