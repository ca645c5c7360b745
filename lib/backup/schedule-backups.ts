import { backupDatabase, listBackups, pruneBackups, type BackupResult } from "./backup-database";

const HOUR_MS = 3600_000;

/** BACKUP_SCHEDULE as milliseconds between backups, or null for `off`. */
export function backupIntervalMs(schedule: string | undefined): number | null {
  const value = schedule || "daily";
  if (value === "off") return null;
  if (value === "daily") return 24 * HOUR_MS;
  const hours = /^([1-9]\d*)h$/.exec(value);
  if (!hours)
    throw new Error(`BACKUP_SCHEDULE must be "off", "daily" or a number of hours such as "6h", got "${value}"`);
  return Number(hours[1]) * HOUR_MS;
}

/** How long to wait before the next backup: one interval after the last one, at least `minDelayMs` from now. */
export function nextBackupDelay(
  lastAt: Date | undefined,
  intervalMs: number,
  now: number,
  minDelayMs = 60_000,
): number {
  if (!lastAt) return minDelayMs;
  return Math.max(minDelayMs, lastAt.getTime() + intervalMs - now);
}

/**
 * Takes a backup every `intervalMs` (the first one interval after the newest backup already
 * in `dir`, or a minute after start when there is none), keeping the newest `keep`. Failures are
 * reported through `log` and tried again at the next time. Returns the function that stops it.
 */
export function scheduleBackups(options: {
  connectionString: string;
  dir: string;
  intervalMs: number;
  keep: number;
  log: (line: string) => void;
  onBackup?: (result: BackupResult) => void;
  /** The least wait before a backup (the first one, when none is in `dir`, comes after it). @default 60000 */
  minDelayMs?: number;
}): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  const plan = async () => {
    const [last] = await listBackups(options.dir);
    if (stopped) return;
    timer = setTimeout(run, nextBackupDelay(last?.at, options.intervalMs, Date.now(), options.minDelayMs));
    timer.unref?.();
  };
  const run = async () => {
    try {
      const result = await backupDatabase({ connectionString: options.connectionString, dir: options.dir });
      const pruned = await pruneBackups(options.dir, options.keep);
      options.log(
        `Scheduled backup written: ${result.file} (${(result.bytes / 1024 / 1024).toFixed(1)} MB, ${result.format === "pgdump" ? result.writtenBy : "logical format"})${pruned.length ? `; removed ${pruned.length} older` : ""}`,
      );
      options.onBackup?.(result);
    } catch (err) {
      options.log(`Scheduled backup failed: ${(err as Error).message}`);
    }
    if (!stopped) void plan();
  };
  void plan();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
