export type EmbeddedDatabaseOptions = {
  /** The cluster's folder; a temporary one (removed on stop) when omitted. */
  dataDir?: string;
  /** A free port when omitted. */
  port?: number;
  /** Use a free port when `port` is taken. @default false */
  fallbackToFreePort?: boolean;
  /** No fsync, and `stop()` removes the cluster: for tests. @default true without `dataDir` */
  ephemeral?: boolean;
  /** Receives a line for each notable step (creating the cluster, stopping a server left running). */
  log?: (line: string) => void;
};

export type EmbeddedDatabase = {
  /** A `postgresql://` URL of the app's database (`marginalia`) for pg, Prisma and psql. */
  url: string;
  /** The same server's `postgres` database as its superuser, for creating and dropping databases. */
  serverUrl: string;
  port: number;
  /** The server process. */
  pid: number;
  /** The cluster's folder. */
  dataDir: string;
  /** Fast shutdown (nothing committed is lost); removes an ephemeral cluster. Idempotent. */
  stop(): Promise<void>;
};

/** The database the app uses inside the embedded cluster. */
export const EMBEDDED_DATABASE: string;

export function startEmbeddedDatabase(options?: EmbeddedDatabaseOptions): Promise<EmbeddedDatabase>;
