"use client";

import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { safeCallbackUrl, signInWithPassword } from "@/lib/client/sign-in";

/** Email and password sign-in; wrong email and wrong password get the same message. */
export function SignInForm() {
  const router = useRouter();
  const params = useSearchParams();
  const callbackUrl = safeCallbackUrl(
    params.get("callbackUrl"),
    typeof window === "undefined" ? undefined : window.location.origin,
  );
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const result = await signInWithPassword(String(form.get("email")), String(form.get("password")), callbackUrl);
    if (!result.ok) {
      setError(result.message);
      setPending(false);
      return;
    }
    router.replace(callbackUrl);
    router.refresh();
  }

  return (
    <form className="stack" onSubmit={onSubmit} noValidate>
      <FormError message={error} />
      <Field id="email" label="Email">
        {(p) => <input {...p} name="email" type="email" autoComplete="email" required autoFocus />}
      </Field>
      <Field id="password" label="Password">
        {(p) => <input {...p} name="password" type="password" autoComplete="current-password" required />}
      </Field>
      <button className="button" type="submit" disabled={pending} style={{ width: "100%" }}>
        {pending ? "Signing in…" : "Sign in"}
      </button>
      <p className="muted small" style={{ textAlign: "center" }}>
        New here?{" "}
        <Link href={`/signup${callbackUrl !== "/" ? `?callbackUrl=${encodeURIComponent(callbackUrl)}` : ""}`}>
          Create an account
        </Link>
      </p>
    </form>
  );
}
