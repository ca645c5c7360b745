import pg from "pg";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { toErrorPayload } from "@/lib/errors";

// Issue 13, item 10: the one error mapper turns a data exception into 422.

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error("expected the database to fail");
}

describe("a data exception left to the database", () => {
  it("answers 422, raw or through Prisma", async () => {
    const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 1 });
    const errors = [
      await caught(db.$queryRawUnsafe("select 1/0")),
      await caught(db.workspace.findFirst({ where: { name: "a\u0000b" } })),
      await caught(pool.query("select $1::date", ["0000-01-01"])),
    ];
    await pool.end();
    for (const err of errors) {
      const { status, body } = toErrorPayload(err);
      expect({ status, code: body.error.code }, String(err)).toEqual({ status: 422, code: "UNPROCESSABLE" });
    }
  });
});
