import { ApiError } from "@/lib/client/api";

/** A user-facing sentence for a failed request: the server's message and its field errors, or `fallback`. */
export function errorMessage(err: unknown, fallback: string): string {
  if (!(err instanceof ApiError)) return fallback;
  const parts = [err.message, ...Object.values(err.fieldErrors).flat()].filter(Boolean);
  return [...new Set(parts)].join(" ") || fallback;
}
