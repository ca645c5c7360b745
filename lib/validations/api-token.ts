import { z } from "zod";
import { text } from "@/lib/validations/storable";

export const apiTokenScopes = ["READ", "READ_WRITE"] as const;

export const apiTokenScopeSchema = z.enum(apiTokenScopes, { message: "Choose a scope: READ or READ_WRITE." });

export const apiTokenScopeLabels: Record<(typeof apiTokenScopes)[number], string> = {
  READ: "Read",
  READ_WRITE: "Read and write",
};

/** A new personal API token for one workspace. */
export const createApiTokenSchema = z.object({
  name: text()
    .trim()
    .min(1, "Name the token, e.g. after the script that uses it.")
    .max(80, "Use at most 80 characters."),
  scope: apiTokenScopeSchema,
});
export type CreateApiTokenInput = z.infer<typeof createApiTokenSchema>;
