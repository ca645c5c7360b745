import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";

export const entitySelect = {
  id: true,
  name: true,
  aliases: true,
  description: true,
  externalId: true,
  mergedIntoId: true,
  version: true,
  createdAt: true,
  updatedAt: true,
  type: { select: { id: true, name: true, color: true } },
} satisfies Prisma.EntitySelect;

export type EntityView = Prisma.EntityGetPayload<{ select: typeof entitySelect }>;
