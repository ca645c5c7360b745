"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { api, ApiError } from "@/lib/client/api";
import { roleDescriptions, roleLabels, roles } from "@/lib/auth/permissions";
import type { Role } from "@/lib/generated/prisma/enums";
import { formatDateTime } from "@/lib/format";
import { CopyButton } from "@/components/ui/copy-button";

type InvitePanelProps = {
  workspaceId: string;
  invitations: { id: string; role: Role; createdBy: string; createdAt: string; expiresAt: string }[];
};

/** Creates invitation links (shown once) and lists the open ones, each revocable. */
export function InvitePanel({ workspaceId, invitations }: InvitePanelProps) {
  const router = useRouter();
  const [created, setCreated] = useState<{ url: string; role: Role; expiresAt: string } | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    try {
      const invitation = await api<{ url: string; role: Role; expiresAt: string }>(
        `/api/workspaces/${workspaceId}/invitations`,
        {
          method: "POST",
          json: { role: form.get("role"), expiresInDays: Number(form.get("expiresInDays")) },
        },
      );
      setCreated(invitation);
      router.refresh();
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, "INTERNAL", "Could not create the link."));
    } finally {
      setPending(false);
    }
  }

  async function revoke(id: string) {
    try {
      await api(`/api/workspaces/${workspaceId}/invitations/${id}`, { method: "DELETE" });
      router.refresh();
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, "INTERNAL", "Could not revoke the link."));
    }
  }

  return (
    <section className="card stack" aria-labelledby="invite-heading">
      <h2 id="invite-heading">Invite people</h2>
      <form className="row" onSubmit={onSubmit} style={{ alignItems: "flex-end" }}>
        <Field id="invite-role" label="Role" error={error?.fieldErrors.role}>
          {(p) => (
            <select {...p} name="role" defaultValue="ANALYST" style={{ width: "auto" }}>
              {roles.map((r) => (
                <option key={r} value={r} title={roleDescriptions[r]}>
                  {roleLabels[r]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="invite-expiry" label="Expires after" error={error?.fieldErrors.expiresInDays}>
          {(p) => (
            <select {...p} name="expiresInDays" defaultValue="7" style={{ width: "auto" }}>
              <option value="1">1 day</option>
              <option value="7">7 days</option>
              <option value="30">30 days</option>
            </select>
          )}
        </Field>
        <button className="button" type="submit" disabled={pending}>
          {pending ? "Creating…" : "Create invitation link"}
        </button>
      </form>
      <FormError message={error && !Object.keys(error.fieldErrors).length ? error.message : null} />
      {created ? (
        <div className="alert alert-success stack" role="status">
          <p style={{ margin: 0 }}>
            Invitation link for a new <strong>{roleLabels[created.role].toLowerCase()}</strong>, valid until{" "}
            {formatDateTime(created.expiresAt)}. Copy it now: it is shown only once and works for one person.
          </p>
          <div className="code-box" data-testid="invitation-url">
            {created.url}
          </div>
          <div>
            <CopyButton text={created.url} label="Copy link" />
          </div>
        </div>
      ) : null}
      {invitations.length ? (
        <table className="table">
          <caption className="visually-hidden">Open invitation links</caption>
          <thead>
            <tr>
              <th scope="col">Role</th>
              <th scope="col">Created by</th>
              <th scope="col">Expires</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {invitations.map((i) => (
              <tr key={i.id}>
                <td>{roleLabels[i.role]}</td>
                <td>{i.createdBy}</td>
                <td>{formatDateTime(i.expiresAt)}</td>
                <td>
                  <button type="button" className="button button-danger button-small" onClick={() => revoke(i.id)}>
                    Revoke
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted small">No open invitation links.</p>
      )}
    </section>
  );
}
