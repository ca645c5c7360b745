"use client";

import { signOut } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { api, ApiError } from "@/lib/client/api";
import { MIN_PASSWORD_LENGTH } from "@/lib/validations/auth";

/** Password change and "sign out everywhere"; both end every session, this one included, and revoke every API token. */
export function AccountSecurity() {
  const [error, setError] = useState<ApiError | null>(null);
  const [pending, setPending] = useState(false);

  async function changePassword(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    try {
      await api("/api/account/password", {
        method: "POST",
        json: { currentPassword: form.get("currentPassword"), newPassword: form.get("newPassword") },
      });
      await signOut({ callbackUrl: "/signin" });
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, "INTERNAL", "Could not change the password."));
      setPending(false);
    }
  }

  async function signOutEverywhere() {
    await api("/api/account/sessions", { method: "DELETE" }).catch(() => undefined);
    await signOut({ callbackUrl: "/signin" });
  }

  return (
    <>
      <section className="card stack" aria-labelledby="password-heading">
        <h2 id="password-heading">Change password</h2>
        <form className="stack" onSubmit={changePassword} noValidate>
          <FormError message={error && !Object.keys(error.fieldErrors).length ? error.message : null} />
          <Field id="currentPassword" label="Current password" error={error?.fieldErrors.currentPassword}>
            {(p) => <input {...p} name="currentPassword" type="password" autoComplete="current-password" required />}
          </Field>
          <Field
            id="newPassword"
            label="New password"
            error={error?.fieldErrors.newPassword}
            hint={`At least ${MIN_PASSWORD_LENGTH} characters.`}
          >
            {(p) => <input {...p} name="newPassword" type="password" autoComplete="new-password" required />}
          </Field>
          <p className="small muted">
            Changing your password signs you out on every device and revokes your API tokens.
          </p>
          <div>
            <button className="button" type="submit" disabled={pending}>
              Change password
            </button>
          </div>
        </form>
      </section>
      <section className="card stack" aria-labelledby="sessions-heading">
        <h2 id="sessions-heading">Sessions</h2>
        <p className="muted">Lost a device? End every session, including this one, and revoke all your API tokens.</p>
        <div>
          <button className="button button-danger" type="button" onClick={signOutEverywhere}>
            Sign out everywhere
          </button>
        </div>
      </section>
    </>
  );
}
