import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";

/** What a token's owner sees of it: never the secret, nor its hash. */
export const apiTokenSelect = {
  id: true,
  name: true,
  scope: true,
  prefix: true,
  createdAt: true,
  lastUsedAt: true,
  revokedAt: true,
  workspace: { select: { id: true, name: true } },
} satisfies Prisma.ApiTokenSelect;

export type ApiTokenView = Prisma.ApiTokenGetPayload<{ select: typeof apiTokenSelect }>;
