export type EmbeddedDatabaseOptions = {
  /** Where PGlite keeps its files; in memory when omitted. */
  dataDir?: string;
  /** @default "127.0.0.1" */
  host?: string;
  /** 0 picks a free port. @default 0 */
  port?: number;
  /** Use a free port when `port` is taken. @default false */
  fallbackToFreePort?: boolean;
  /** Connections the socket server accepts; keep pools below it. @default 8 */
  maxConnections?: number;
};

export type EmbeddedDatabase = {
  /** A `postgresql://` URL for pg, Prisma and psql. */
  url: string;
  port: number;
  /** Closes every connection, then shuts PGlite down cleanly. Idempotent. */
  stop(): Promise<void>;
};

export function startEmbeddedDatabase(options?: EmbeddedDatabaseOptions): Promise<EmbeddedDatabase>;
