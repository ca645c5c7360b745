const dateFormat = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  year: "numeric",
  timeZone: "UTC",
});
const dateTimeFormat = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "UTC",
  timeZoneName: "short",
});

/** "24 Sept 2021" — dates are stored as UTC days. */
export function formatDate(date: Date | string): string {
  return dateFormat.format(new Date(date));
}

/** "24 Sept 2021, 14:05 UTC". */
export function formatDateTime(date: Date | string): string {
  return dateTimeFormat.format(new Date(date));
}
