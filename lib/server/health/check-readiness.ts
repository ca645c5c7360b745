import "server-only";
import { db } from "@/lib/db";
import { defaultMigrationsDir, readMigrations } from "@/lib/migrate";
import { isStopping, isWarmingUp } from "@/lib/observability/lifecycle.mjs";
import { liveHub } from "@/lib/server/live/live-hub";

/** How long one check may take before it counts as failed. */
const CHECK_TIMEOUT_MS = 3000;

export type ReadinessCheck = { ok: boolean; message?: string };

export type Readiness = {
  ready: boolean;
  checks: {
    database: ReadinessCheck;
    migrations: ReadinessCheck;
    liveUpdates: ReadinessCheck;
    warmUp: ReadinessCheck;
    shutdown: ReadinessCheck;
  };
};

const expectedMigrations = new Map<string, Promise<string[]>>();

async function within<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`${what} did not answer within ${CHECK_TIMEOUT_MS} ms`)),
          CHECK_TIMEOUT_MS,
        );
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

async function checkDatabase(): Promise<ReadinessCheck> {
  try {
    await within(db.$queryRaw`SELECT 1`, "The database");
    return { ok: true };
  } catch (err) {
    const timedOut = err instanceof Error && err.message.includes("did not answer");
    return { ok: false, message: timedOut ? err.message : "The database cannot be reached." };
  }
}

/** Every migration of this build is recorded as applied (and none failed). */
async function checkMigrations(migrationsDir: string): Promise<ReadinessCheck> {
  try {
    if (!expectedMigrations.has(migrationsDir)) {
      expectedMigrations.set(
        migrationsDir,
        readMigrations(migrationsDir).then((all) => all.map((m) => m.name)),
      );
    }
    const expected = await expectedMigrations.get(migrationsDir)!;
    const rows = await within(
      db.$queryRaw<{ migration_name: string }[]>`
        SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
      "The database",
    );
    const applied = new Set(rows.map((r) => r.migration_name));
    const pending = expected.filter((name) => !applied.has(name));
    if (pending.length === 0) return { ok: true };
    return { ok: false, message: `${pending.length} migration(s) not applied: ${pending.join(", ")}` };
  } catch {
    return { ok: false, message: "The migration history cannot be read." };
  }
}

async function checkLiveUpdates(): Promise<ReadinessCheck> {
  const hub = liveHub();
  try {
    await within(hub.ready(), "The live-update listener");
  } catch {
    return { ok: false, message: "The live-update listener could not start." };
  }
  const status = hub.status();
  if (status.connected) return { ok: true };
  return { ok: false, message: "The live-update listener (LISTEN) is not connected; it is reconnecting." };
}

/**
 * Whether this instance can serve: its database answers, every migration of this
 * build is applied, its live-update listener is connected, it has warmed up (its
 * first requests' code is loaded: scripts/server.mjs), and it is not stopping
 * (after SIGTERM it answers not ready so that a load balancer sends requests
 * elsewhere while it drains). Messages never carry connection strings or secrets.
 */
export async function checkReadiness(options: { migrationsDir?: string } = {}): Promise<Readiness> {
  const shutdown: ReadinessCheck = isStopping()
    ? { ok: false, message: "This instance is shutting down." }
    : { ok: true };
  const database = await checkDatabase();
  const [migrations, liveUpdates] = database.ok
    ? await Promise.all([checkMigrations(options.migrationsDir ?? defaultMigrationsDir), checkLiveUpdates()])
    : [
        { ok: false, message: "Not checked: the database cannot be reached." },
        { ok: false, message: "Not checked: the database cannot be reached." },
      ];
  const warmUp: ReadinessCheck = isWarmingUp()
    ? { ok: false, message: "This instance is still loading the code of its first requests." }
    : { ok: true };
  const checks = { database, migrations, liveUpdates, warmUp, shutdown };
  return { ready: Object.values(checks).every((c) => c.ok), checks };
}
