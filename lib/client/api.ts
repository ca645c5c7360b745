import type { ErrorCode } from "@/lib/errors";

/** An error answered by our API, with the fields at fault. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | "NETWORK",
    message: string,
    readonly fieldErrors: Record<string, string[]> = {},
    /** The error's `details` as the server sent them (e.g. the current annotation on a 409). */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/**
 * `json`: a body to send as JSON. `idempotencyKey`: one per user action
 * (`newActionKey()`), sent as `Idempotency-Key` so a repeated creation gets
 * the first answer instead of creating twice.
 */
export type ApiInit = RequestInit & { json?: unknown; idempotencyKey?: string };

/** A fresh key for one user action. */
export function newActionKey(): string {
  return crypto.randomUUID();
}

/** Calls our API and returns `data`, or throws ApiError with the server's message. */
export async function api<T = unknown>(url: string, init: ApiInit = {}): Promise<T> {
  return (await apiBody<{ data: T }>(url, init))?.data as T;
}

/** Like `api`, but returns the whole answer (for routes that send more than `data`, e.g. counts). */
export async function apiBody<T = unknown>(url: string, init: ApiInit = {}): Promise<T> {
  const { json, idempotencyKey, ...rest } = init;
  const headers = new Headers(rest.headers);
  if (json !== undefined && !headers.has("content-type")) headers.set("content-type", "application/json");
  if (idempotencyKey) headers.set("Idempotency-Key", idempotencyKey);
  let res: Response;
  try {
    res = await fetch(url, {
      ...rest,
      headers,
      body: json !== undefined ? JSON.stringify(json) : rest.body,
    });
  } catch {
    throw new ApiError(0, "NETWORK", "Could not reach the server. Check your connection and try again.");
  }
  if (res.status === 204) return undefined as T;
  const body = await res.json().catch(() => null);
  if (!res.ok) {
    const error = body?.error;
    throw new ApiError(
      res.status,
      error?.code ?? "INTERNAL",
      error?.message ?? (res.status === 413 ? "That is too large to send." : `The server answered ${res.status}.`),
      error?.details?.fieldErrors ?? {},
      error?.details ?? {},
    );
  }
  return body as T;
}
