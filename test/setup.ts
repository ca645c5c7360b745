// Runs before every test file: points lib/db (and anything else reading
// DATABASE_URL) at this run's migrated test database, with a small pool since
// several test files run at once.
import { inject } from "vitest";

process.env.DATABASE_URL = inject("databaseUrl");
process.env.DATABASE_POOL_MAX = "3";

// Session cookies in tests are minted and read with this secret.
process.env.NEXTAUTH_SECRET ??= "test-secret-for-vitest-only-0123456789abcdef";

// Sign-ups are limited per IP, and in-process calls all come from "unknown": the tests of that limit set their own.
process.env.SIGNUP_IP_LIMIT ??= "100000";
