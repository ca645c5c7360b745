import "server-only";
import { backupDir, listBackups } from "@/lib/backup/backup-database";

export type LastBackup = { at: Date; bytes: number } | null;

/**
 * The newest backup of this installation's database in BACKUP_DIR (what `npm run backup` and
 * the embedded mode's schedule write), or null when there is none. Shown to workspace owners.
 */
export async function findLastBackup(): Promise<LastBackup> {
  const [last] = await listBackups(backupDir());
  return last ? { at: last.at, bytes: last.bytes } : null;
}
