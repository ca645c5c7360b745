import { z } from "zod";
import { storableDate, text } from "@/lib/validations/storable";

/** Most analysts assigned to one article at once. */
export const MAX_ASSIGNEES = 50;

const id = text().min(1).max(64);

/** A calendar day (YYYY-MM-DD) or null for no due date. */
const dueDate = text()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date such as 2026-12-01.")
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), "Use a date such as 2026-12-01.")
  .refine(...storableDate)
  .nullable();

/** Assign an article to one or more analysts. */
export const createAssignmentsSchema = z.object({
  articleId: id,
  assigneeIds: z
    .array(id)
    .min(1, "Choose at least one analyst.")
    .max(MAX_ASSIGNEES, `At most ${MAX_ASSIGNEES} analysts at once.`),
  dueAt: dueDate.optional(),
  blind: z.boolean().default(false),
});
export type CreateAssignmentsInput = z.infer<typeof createAssignmentsSchema>;

/** Change an assignment's due date or blind mode. */
export const updateAssignmentSchema = z
  .object({ dueAt: dueDate.optional(), blind: z.boolean().optional() })
  .refine((v) => v.dueAt !== undefined || v.blind !== undefined, { message: "Nothing to change." });
export type UpdateAssignmentInput = z.infer<typeof updateAssignmentSchema>;

/** Filters of the assignment list. */
export const assignmentListQuerySchema = z.object({
  articleId: id.optional(),
  assigneeId: id.optional(),
});
