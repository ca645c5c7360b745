// POST /api/baseline — the bare route handler bench/api.mjs compares with: read the body, one Prisma insert
import { randomUUID } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../../../../../lib/generated/prisma/client";

const globalForPrisma = globalThis;

function db() {
  // The same adapter and pool size as lib/db.ts.
  globalForPrisma.baselinePrisma ??= new PrismaClient({
    adapter: new PrismaPg({
      connectionString: process.env.DATABASE_URL,
      max: Number(process.env.DATABASE_POOL_MAX ?? 10),
    }),
  });
  return globalForPrisma.baselinePrisma;
}

export async function POST(req) {
  const body = await req.text();
  const event = await db().activityEvent.create({
    data: { id: randomUUID(), action: "bench.baseline", data: { bytes: body.length } },
    select: { id: true },
  });
  return Response.json({ data: event }, { status: 201 });
}
