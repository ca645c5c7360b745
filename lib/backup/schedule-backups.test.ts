import { describe, expect, it } from "vitest";
import { backupIntervalMs, nextBackupDelay } from "./schedule-backups";

describe("backup schedule", () => {
  it("reads BACKUP_SCHEDULE", () => {
    expect(backupIntervalMs(undefined)).toBe(86_400_000);
    expect(backupIntervalMs("daily")).toBe(86_400_000);
    expect(backupIntervalMs("6h")).toBe(21_600_000);
    expect(backupIntervalMs("off")).toBeNull();
    expect(() => backupIntervalMs("weekly")).toThrow(/BACKUP_SCHEDULE/);
  });

  it("takes the next backup one interval after the last, and soon when there is none or it is overdue", () => {
    const now = Date.UTC(2026, 11, 7, 12);
    const day = 86_400_000;
    expect(nextBackupDelay(undefined, day, now)).toBe(60_000);
    expect(nextBackupDelay(new Date(now - 3600_000), day, now)).toBe(day - 3600_000);
    expect(nextBackupDelay(new Date(now - 2 * day), day, now)).toBe(60_000);
  });
});
