import { z } from "zod";
import { text } from "@/lib/validations/storable";
import { roles } from "@/lib/auth/permissions";

export const workspaceNameSchema = text().trim().min(1, "Enter a name.").max(80, "Use at most 80 characters.");

export const createWorkspaceSchema = z.object({ name: workspaceNameSchema });
/** A rename and/or the self-review setting (whether reviewers may decide on their own annotations). */
export const updateWorkspaceSchema = z
  .object({ name: workspaceNameSchema.optional(), selfReviewAllowed: z.boolean().optional() })
  .refine((v) => v.name !== undefined || v.selfReviewAllowed !== undefined, { message: "Nothing to change." });

export const roleSchema = z.enum(roles, { message: "Choose a role: OWNER, REVIEWER, ANALYST or VIEWER." });

export const updateMemberSchema = z.object({ role: roleSchema });

export const INVITATION_MAX_DAYS = 30;

export const createInvitationSchema = z.object({
  role: roleSchema,
  expiresInDays: z.coerce
    .number()
    .int()
    .min(1, "At least 1 day.")
    .max(INVITATION_MAX_DAYS, `At most ${INVITATION_MAX_DAYS} days.`)
    .default(7),
});
export type CreateInvitationInput = z.infer<typeof createInvitationSchema>;
