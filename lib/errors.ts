import { ZodError } from "zod";

/** Every error code the API can answer with, and its HTTP status. */
export const errorStatus = {
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNPROCESSABLE: 422,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;

/** Field name → messages, as returned in `details.fieldErrors`. */
export type FieldErrors = Record<string, string[]>;

export type ErrorBody = {
  error: { code: ErrorCode; message: string; details?: Record<string, unknown> };
};

/**
 * The one application error. Its message is shown to users, so it must never
 * carry internals; `details` may name the fields at fault.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: Record<string, unknown>;
  readonly headers?: Record<string, string>;

  constructor(
    code: ErrorCode,
    message: string,
    options: { details?: Record<string, unknown>; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.details = options.details;
    this.headers = options.headers;
  }

  get status(): number {
    return errorStatus[this.code];
  }
}

/**
 * 409 for an edit made on an older version of `what` than `current`'s: nothing was written, and the
 * answer carries the current one so the client can show it.
 */
export function staleEdit(what: string, current: { version: number }, yourVersion: number): AppError {
  return new AppError(
    "CONFLICT",
    `Someone else changed this ${what} since you loaded it. It has been reloaded; check it and try again.`,
    { details: { current, yourVersion, currentVersion: current.version } },
  );
}

/** A 404 that never hints whether the resource exists elsewhere. */
export function notFound(what = "Resource"): AppError {
  return new AppError("NOT_FOUND", `${what} not found.`);
}

/** Flattens a ZodError into `{ field: [messages] }` keyed by dotted path. */
export function zodFieldErrors(error: ZodError): FieldErrors {
  const fieldErrors: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join(".") : "_";
    (fieldErrors[key] ??= []).push(issue.message);
  }
  return fieldErrors;
}

function isPrismaKnownError(err: unknown): err is { code: string; meta?: Record<string, unknown> } {
  return (
    typeof err === "object" &&
    err !== null &&
    "code" in err &&
    typeof (err as { code: unknown }).code === "string" &&
    /^P\d{4}$/.test((err as { code: string }).code)
  );
}

type ErrorLike = { code?: unknown; message?: unknown; meta?: { driverAdapterError?: { cause?: DriverCause } } };
type DriverCause = { kind?: string; code?: string; originalCode?: string };

/** The PostgreSQL SQLSTATE of an error from pg or from Prisma's driver adapter, if it carries one. */
function sqlState(err: ErrorLike): string | undefined {
  const cause = err.meta?.driverAdapterError?.cause;
  const code = cause?.originalCode ?? cause?.code ?? err.code;
  return typeof code === "string" && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

/** Seconds a client should wait before retrying while the database is unreachable. */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

/** Prisma's codes for an unreachable or closed database, or no connection within its timeout. */
const PRISMA_UNAVAILABLE = new Set(["P1001", "P1002", "P1008", "P1017", "P2024"]);
/** The driver adapter's kinds for the same. */
const ADAPTER_UNAVAILABLE = new Set([
  "DatabaseNotReachable",
  "ConnectionClosed",
  "SocketTimeout",
  "TooManyConnections",
]);
/** Socket errors of node-postgres. */
const SOCKET_UNAVAILABLE = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "ENOTFOUND", "EPIPE", "EHOSTUNREACH"]);
/** node-postgres's own messages when a connection ends or cannot be had in time. */
const PG_UNAVAILABLE_MESSAGE =
  /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error)/;

/**
 * Whether `err` says the database cannot be reached right now: connection
 * refused or reset, a connection or pool timeout, SQLSTATE class 08
 * (connection exception), 57P01–57P03 (admin or crash shutdown, cannot
 * connect now) or 53300 (too many connections), as pg raises them or as
 * Prisma wraps them.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  if (typeof err !== "object" || err === null) return false;
  const e = err as ErrorLike;
  if (typeof e.code === "string" && (PRISMA_UNAVAILABLE.has(e.code) || SOCKET_UNAVAILABLE.has(e.code))) return true;
  const kind = e.meta?.driverAdapterError?.cause?.kind;
  if (kind && ADAPTER_UNAVAILABLE.has(kind)) return true;
  const state = sqlState(e);
  if (state && (state.startsWith("08") || /^57P0[123]$/.test(state) || state === "53300")) return true;
  return typeof e.message === "string" && PG_UNAVAILABLE_MESSAGE.test(e.message);
}

/** Whether `err` is a PostgreSQL data exception (SQLSTATE class 22: a value the column cannot hold). */
function isDataException(err: unknown): boolean {
  if (typeof err !== "object" || err === null) return false;
  const e = err as ErrorLike;
  if (e.code === "P2000" || e.code === "P2020") return true;
  return sqlState(e)?.startsWith("22") ?? false;
}

/**
 * Maps any thrown value to an HTTP status and the one error body shape. A 500 says
 * nothing of the error itself; given the request's id, it carries that (in its message
 * and `details.requestId`) for the user to report. Logging is the caller's (withAuth).
 */
export function toErrorPayload(
  err: unknown,
  options: { requestId?: string } = {},
): { status: number; body: ErrorBody; headers?: Record<string, string> } {
  if (err instanceof AppError) {
    const body: ErrorBody = { error: { code: err.code, message: err.message } };
    if (err.details) body.error.details = err.details;
    return { status: err.status, body, headers: err.headers };
  }
  if (err instanceof ZodError) {
    const fieldErrors = zodFieldErrors(err);
    const first = err.issues[0];
    const message = first
      ? `${first.path.length ? `${first.path.join(".")}: ` : ""}${first.message}`
      : "The request is not valid.";
    return {
      status: 422,
      body: { error: { code: "UNPROCESSABLE", message, details: { fieldErrors } } },
    };
  }
  if (isPrismaKnownError(err)) {
    if (err.code === "P2025") {
      return { status: 404, body: { error: { code: "NOT_FOUND", message: "Resource not found." } } };
    }
    if (err.code === "P2002") {
      return {
        status: 409,
        body: { error: { code: "CONFLICT", message: "That already exists." } },
      };
    }
  }
  if (isDatabaseUnavailable(err)) {
    return {
      status: 503,
      body: {
        error: { code: "UNAVAILABLE", message: "The service is briefly unavailable. Please try again shortly." },
      },
      headers: { "retry-after": String(UNAVAILABLE_RETRY_AFTER_SECONDS) },
    };
  }
  if (isDataException(err)) {
    return {
      status: 422,
      body: { error: { code: "UNPROCESSABLE", message: "A value in the request cannot be stored or searched for." } },
    };
  }
  const { requestId } = options;
  const body: ErrorBody = {
    error: {
      code: "INTERNAL",
      message: requestId
        ? `Something went wrong on our side. Please try again. If it goes on, report request id ${requestId}.`
        : "Something went wrong on our side. Please try again.",
    },
  };
  if (requestId) body.error.details = { requestId };
  return { status: 500, body };
}

/** A JSON Response carrying the error body for `err`. */
export function toErrorResponse(err: unknown, options: { requestId?: string } = {}): Response {
  const { status, body, headers } = toErrorPayload(err, options);
  return Response.json(body, { status, headers });
}
