import type { DestinationStream, Logger } from "pino";

export const REDACT_PATHS: string[];
export function createLogger(options?: { level?: string; destination?: DestinationStream; pretty?: boolean }): Logger;
export function logger(): Logger;
export function setLogger(instance: Logger): void;
