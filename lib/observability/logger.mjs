// The one pino logger of the process, shared by the web server (scripts/server.mjs) and the app
// (bundled by Next.js): it lives on globalThis, so both get the same instance.
import pino from "pino";
import pinoPretty from "pino-pretty";

const KEY = Symbol.for("marginalia.logger");

/** Paths pino replaces with "[redacted]" wherever they occur in a log line. */
export const REDACT_PATHS = [
  "password",
  "*.password",
  "token",
  "*.token",
  "secret",
  "*.secret",
  "cookie",
  "*.cookie",
  "authorization",
  "*.authorization",
  "headers.cookie",
  "headers.authorization",
  "req.headers.cookie",
  "req.headers.authorization",
];

/**
 * A new logger: JSON lines on `destination` (stdout by default) at `LOG_LEVEL` (info), human-readable
 * when stdout is a terminal (unless `LOG_FORMAT=json`).
 * @param {{ level?: string, destination?: import("pino").DestinationStream, pretty?: boolean }} [options]
 */
export function createLogger(options = {}) {
  const level = options.level ?? process.env.LOG_LEVEL ?? "info";
  const pretty = options.pretty ?? (!options.destination && process.stdout.isTTY && process.env.LOG_FORMAT !== "json");
  const settings = {
    level,
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACT_PATHS, censor: "[redacted]" },
    serializers: { err: pino.stdSerializers.err },
  };
  if (pretty) {
    // In-process (not a transport's worker thread), so it works the same inside Next.js's server.
    return pino(settings, pinoPretty({ colorize: true, translateTime: "SYS:HH:MM:ss.l", ignore: "pid,hostname" }));
  }
  return options.destination ? pino(settings, options.destination) : pino(settings);
}

/** The process's logger (created on first use). */
export function logger() {
  globalThis[KEY] ??= createLogger();
  return globalThis[KEY];
}

/** Replaces the process's logger (tests). */
export function setLogger(instance) {
  globalThis[KEY] = instance;
}
