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

/** Whether `err` is a PostgreSQL data exception (SQLSTATE class 22: a value the column cannot hold). */
function isDataException(err: unknown): boolean {
  if (typeof err !== "object" || err === null) return false;
  const e = err as ErrorLike;
  if (e.code === "P2000" || e.code === "P2020") return true;
  return sqlState(e)?.startsWith("22") ?? false;
}

/** Maps any thrown value to an HTTP status and the one error body shape. */
export function toErrorPayload(err: unknown): { status: number; body: ErrorBody; headers?: Record<string, string> } {
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
  if (isDataException(err)) {
    return {
      status: 422,
      body: { error: { code: "UNPROCESSABLE", message: "A value in the request cannot be stored or searched for." } },
    };
  }
  console.error(err);
  return {
    status: 500,
    body: { error: { code: "INTERNAL", message: "Something went wrong on our side. Please try again." } },
  };
}

/** A JSON Response carrying the error body for `err`. */
export function toErrorResponse(err: unknown): Response {
  const { status, body, headers } = toErrorPayload(err);
  return Response.json(body, { status, headers });
}
