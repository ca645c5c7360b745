import { formatDateTime } from "@/lib/format";

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

type BackupStatusProps = { lastBackup: { at: Date; bytes: number } | null };

/** The installation's last database backup, for owners (its time and size; how to make one when none). */
export function BackupStatus({ lastBackup }: BackupStatusProps) {
  return (
    <section className="card stack" aria-labelledby="backup-heading">
      <h2 id="backup-heading">Backups</h2>
      {lastBackup ? (
        <p data-testid="last-backup">
          Last backup of this installation:{" "}
          <time dateTime={lastBackup.at.toISOString()}>{formatDateTime(lastBackup.at)}</time> (
          {megabytes(lastBackup.bytes)}).
        </p>
      ) : (
        <p data-testid="last-backup">
          No backup of this installation yet. The embedded database is backed up daily; with your own PostgreSQL server,
          run <code>npm run backup</code> on a schedule.
        </p>
      )}
    </section>
  );
}
