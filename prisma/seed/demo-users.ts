import type { Role } from "@/lib/generated/prisma/enums";

/** The demo password of every demo user (printed by `npm start` in demo mode). */
export const DEMO_PASSWORD = "margins-and-notes";

export const demoUsers: { name: string; email: string; role: Role }[] = [
  { name: "Olivia Owner", email: "owner@demo.marginalia.local", role: "OWNER" },
  { name: "Rafael Reviewer", email: "reviewer@demo.marginalia.local", role: "REVIEWER" },
  { name: "Ada Analyst", email: "analyst@demo.marginalia.local", role: "ANALYST" },
  { name: "Noor Analyst", email: "analyst2@demo.marginalia.local", role: "ANALYST" },
];
