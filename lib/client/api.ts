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

/** Calls our API and returns `data`, or throws ApiError with the server's message. */
export async function api<T = unknown>(url: string, init: RequestInit & { json?: unknown } = {}): Promise<T> {
  return (await apiBody<{ data: T }>(url, init))?.data as T;
}

/** Like `api`, but returns the whole answer (for routes that send more than `data`, e.g. counts). */
export async function apiBody<T = unknown>(url: string, init: RequestInit & { json?: unknown } = {}): Promise<T> {
  const { json, ...rest } = init;
  let res: Response;
  try {
    res = await fetch(url, {
      ...rest,
      headers: json !== undefined ? { "content-type": "application/json", ...rest.headers } : rest.headers,
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
