import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { isCommonPassword } from "@/lib/auth/common-passwords";
import { hashPassword } from "@/lib/auth/password";
import { recordActivity } from "@/lib/server/activity/record-activity";
import { claimPlaceholder } from "@/lib/server/users/claim-placeholder";
import type { SignUpInput } from "@/lib/validations/auth";

/** Rejects passwords on the common-password list, with a field error. */
export function assertPasswordNotCommon(password: string, field = "password"): void {
  if (isCommonPassword(password)) {
    throw new AppError("UNPROCESSABLE", "That password is too common. Choose another.", {
      details: { fieldErrors: { [field]: ["That password is too common. Choose another."] } },
    });
  }
}

/**
 * Creates an account with an argon2id password hash and logs the sign-up; an email held by a
 * workspace archive's placeholder account claims that account instead.
 */
export async function createUser(input: SignUpInput): Promise<{ id: string; email: string; name: string }> {
  assertPasswordNotCommon(input.password);
  const passwordHash = await hashPassword(input.password);
  const existing = await db.user.findUnique({ where: { email: input.email }, select: { id: true } });
  if (existing) {
    // An archive import's placeholder for this email becomes this account (see claimPlaceholder).
    const claimed = await db.$transaction((tx) =>
      claimPlaceholder({ tx, email: input.email, name: input.name, passwordHash, via: "password" }),
    );
    if (claimed) return { id: claimed.id, email: claimed.email, name: claimed.name };
    throw new AppError("CONFLICT", "An account with this email already exists. Sign in instead.", {
      details: { fieldErrors: { email: ["An account with this email already exists."] } },
    });
  }
  return db.$transaction(async (tx) => {
    const user = await tx.user.create({
      data: { id: newId(), email: input.email, name: input.name, passwordHash },
      select: { id: true, email: true, name: true },
    });
    await recordActivity({ tx, action: "user.signed_up", actorId: user.id, target: { type: "user", id: user.id } });
    return user;
  });
}
