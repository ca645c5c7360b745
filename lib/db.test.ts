import { afterEach, describe, expect, it } from "vitest";
import { preparedQuery } from "./db";
import { Prisma } from "./generated/prisma/client";

const zone = process.env.TZ;

afterEach(() => {
  if (zone === undefined) delete process.env.TZ;
  else process.env.TZ = zone;
});

describe("preparedQuery", () => {
  it("runs the same named statement with other values each time", async () => {
    const twice = (n: number) => preparedQuery<{ n: number }>("test-twice", Prisma.sql`SELECT ${n}::int * 2 AS n`);
    expect(await twice(2)).toEqual([{ n: 4 }]);
    expect(await twice(21)).toEqual([{ n: 42 }]);
  });

  it("keeps statements of different text under one name apart, on every connection", async () => {
    const one = () => preparedQuery<{ v: string }>("test-shared", Prisma.sql`SELECT 'one'::text AS v`);
    const two = () => preparedQuery<{ v: string }>("test-shared", Prisma.sql`SELECT 'two'::text AS v, 2 AS n`);
    // More rounds than the pool has connections, so both texts meet on the same connections.
    for (let i = 0; i < 12; i++) {
      const [a, b] = await Promise.all([one(), two()]);
      expect(a).toEqual([{ v: "one" }]);
      expect(b).toEqual([{ v: "two", n: 2 }]);
    }
  });

  it("sends and reads timestamps as UTC, as Prisma does, whatever the process's time zone", async () => {
    process.env.TZ = "America/New_York";
    const at = new Date("2026-01-02T03:04:05.678Z");
    const [row] = await preparedQuery<{ t: Date; s: string }>(
      "test-utc",
      Prisma.sql`SELECT ${at}::timestamp(3) AS t, ${at}::timestamp(3)::text AS s`,
    );
    expect(row.t.toISOString()).toBe(at.toISOString());
    expect(row.s).toBe("2026-01-02 03:04:05.678");
  });
});
