import { z } from "zod";
import { text } from "@/lib/validations/storable";

export const MIN_PASSWORD_LENGTH = 10;

export const emailSchema = text()
  .trim()
  .toLowerCase()
  .max(254, "Email is too long.")
  .email("Enter a valid email address.");

export const passwordSchema = text()
  .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters.`)
  .max(200, "Use at most 200 characters.");

export const nameSchema = text().trim().min(1, "Enter your name.").max(100, "Use at most 100 characters.");

export const signUpSchema = z.object({
  name: nameSchema,
  email: emailSchema,
  password: passwordSchema,
});
export type SignUpInput = z.infer<typeof signUpSchema>;

export const signInSchema = z.object({
  email: emailSchema,
  password: text().min(1, "Enter your password.").max(200),
});

export const changePasswordSchema = z.object({
  currentPassword: text().min(1, "Enter your current password."),
  newPassword: passwordSchema,
});
