"use client";

import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { api, ApiError } from "@/lib/client/api";
import { safeCallbackUrl, signInWithPassword } from "@/lib/client/sign-in";
import { MIN_PASSWORD_LENGTH } from "@/lib/validations/auth";

/** Creates an account, then signs in with it. */
export function SignUpForm() {
  const router = useRouter();
  const params = useSearchParams();
  const callbackUrl = safeCallbackUrl(
    params.get("callbackUrl"),
    typeof window === "undefined" ? undefined : window.location.origin,
  );
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const input = {
      name: String(form.get("name")),
      email: String(form.get("email")),
      password: String(form.get("password")),
    };
    setPending(true);
    setError(null);
    setFieldErrors({});
    try {
      await api("/api/auth/signup", { method: "POST", json: input });
    } catch (err) {
      const apiError = err instanceof ApiError ? err : null;
      setFieldErrors(apiError?.fieldErrors ?? {});
      setError(apiError && Object.keys(apiError.fieldErrors).length ? null : (apiError?.message ?? "Sign-up failed."));
      setPending(false);
      return;
    }
    const result = await signInWithPassword(input.email, input.password, callbackUrl);
    if (!result.ok) {
      router.replace("/signin");
      return;
    }
    router.replace(callbackUrl);
    router.refresh();
  }

  return (
    <form className="stack" onSubmit={onSubmit} noValidate>
      <FormError message={error} />
      <Field id="name" label="Name" error={fieldErrors.name}>
        {(p) => <input {...p} name="name" type="text" autoComplete="name" required autoFocus />}
      </Field>
      <Field id="email" label="Email" error={fieldErrors.email}>
        {(p) => <input {...p} name="email" type="email" autoComplete="email" required />}
      </Field>
      <Field
        id="password"
        label="Password"
        error={fieldErrors.password}
        hint={`At least ${MIN_PASSWORD_LENGTH} characters, not a common password.`}
      >
        {(p) => (
          <input
            {...p}
            name="password"
            type="password"
            autoComplete="new-password"
            minLength={MIN_PASSWORD_LENGTH}
            required
          />
        )}
      </Field>
      <button className="button" type="submit" disabled={pending} style={{ width: "100%" }}>
        {pending ? "Creating your account…" : "Create account"}
      </button>
      <p className="muted small" style={{ textAlign: "center" }}>
        Already have an account? <Link href="/signin">Sign in</Link>
      </p>
    </form>
  );
}
