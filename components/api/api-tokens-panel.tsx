"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { RelativeTime } from "@/components/ui/relative-time";
import { api, ApiError } from "@/lib/client/api";
import { formatDateTime } from "@/lib/format";
import { apiTokenScopeLabels, apiTokenScopes } from "@/lib/validations/api-token";
import { CopyButton } from "@/components/ui/copy-button";

type Scope = (typeof apiTokenScopes)[number];

export type ApiTokenRow = {
  id: string;
  name: string;
  scope: Scope;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  workspace: { id: string; name: string };
};

type ApiTokensPanelProps = {
  tokens: ApiTokenRow[];
  workspaces: { id: string; name: string }[];
};

const scopeHints: Record<Scope, string> = {
  READ: "GET requests only: list and read articles, annotations and entities.",
  READ_WRITE: "Also create, change and delete, as far as your role allows.",
};

/** Personal API tokens: create one (its secret shown once), see when each was last used, revoke. */
export function ApiTokensPanel({ tokens, workspaces }: ApiTokensPanelProps) {
  const router = useRouter();
  const [created, setCreated] = useState<{ token: string; name: string; workspace: string } | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    setPending(true);
    setError(null);
    try {
      const token = await api<{ token: string; name: string; workspace: { name: string } }>(
        `/api/workspaces/${String(form.get("workspaceId"))}/api-tokens`,
        { method: "POST", json: { name: form.get("name"), scope: form.get("scope") } },
      );
      setCreated({ token: token.token, name: token.name, workspace: token.workspace.name });
      formElement.reset();
      router.refresh();
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, "INTERNAL", "Could not create the token."));
    } finally {
      setPending(false);
    }
  }

  async function revoke(token: ApiTokenRow) {
    if (!window.confirm(`Revoke “${token.name}”? Scripts using it stop working at once.`)) return;
    try {
      await api(`/api/account/api-tokens/${token.id}`, { method: "DELETE" });
      router.refresh();
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, "INTERNAL", "Could not revoke the token."));
    }
  }

  return (
    <section className="card stack" aria-labelledby="api-tokens-heading">
      <div className="row" style={{ justifyContent: "space-between", alignItems: "baseline" }}>
        <h2 id="api-tokens-heading">API tokens</h2>
        <Link href="/api-docs" className="small">
          API documentation
        </Link>
      </div>
      <p className="muted small" style={{ margin: 0 }}>
        A token lets a script use the API as you, in one workspace, with at most your role there. Send it as{" "}
        <code>Authorization: Bearer &lt;token&gt;</code>.
      </p>
      {workspaces.length ? (
        <form className="stack" onSubmit={onSubmit} noValidate aria-label="Create an API token">
          <div className="row" style={{ alignItems: "flex-start", flexWrap: "wrap" }}>
            <Field id="token-name" label="Name" error={error?.fieldErrors.name}>
              {(p) => (
                <input {...p} type="text" name="name" placeholder="e.g. Nightly export" maxLength={80} required />
              )}
            </Field>
            <Field id="token-workspace" label="Workspace">
              {(p) => (
                <select {...p} name="workspaceId" defaultValue={workspaces[0].id} style={{ width: "auto" }}>
                  {workspaces.map((w) => (
                    <option key={w.id} value={w.id}>
                      {w.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
          <fieldset className="token-scopes">
            <legend>Access</legend>
            {apiTokenScopes.map((scope) => (
              <label key={scope} className="token-scope">
                <input type="radio" name="scope" value={scope} defaultChecked={scope === "READ"} />
                <span>
                  <strong>{apiTokenScopeLabels[scope]}</strong>
                  <span className="muted small"> — {scopeHints[scope]}</span>
                </span>
              </label>
            ))}
            {error?.fieldErrors.scope ? (
              <p className="field-error" role="alert">
                {error.fieldErrors.scope.join(" ")}
              </p>
            ) : null}
          </fieldset>
          <div>
            <button className="button" type="submit" disabled={pending}>
              {pending ? "Creating…" : "Create token"}
            </button>
          </div>
        </form>
      ) : (
        <p className="muted small">Join or create a workspace to create API tokens for it.</p>
      )}
      <FormError message={error && !Object.keys(error.fieldErrors).length ? error.message : null} />
      {created ? (
        <div className="alert alert-success stack" role="status">
          <p style={{ margin: 0 }}>
            Token <strong>{created.name}</strong> for {created.workspace} is ready. Copy it now: it is shown only once.
          </p>
          <div className="code-box" data-testid="new-api-token">
            {created.token}
          </div>
          <div className="row">
            <CopyButton text={created.token} label="Copy token" />
            <button type="button" className="link-button small" onClick={() => setCreated(null)}>
              I have saved it
            </button>
          </div>
        </div>
      ) : null}
      {tokens.length ? (
        <table className="table api-tokens-table">
          <caption className="visually-hidden">Your API tokens</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Workspace</th>
              <th scope="col">Access</th>
              <th scope="col">Last used</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((t) => (
              <tr key={t.id} className={t.revokedAt ? "token-revoked" : undefined}>
                <td>
                  <div style={{ fontWeight: 600 }}>{t.name}</div>
                  <div className="muted small">
                    <code>{t.prefix}…</code> · created <RelativeTime date={t.createdAt} />
                  </div>
                </td>
                <td>{t.workspace.name}</td>
                <td>
                  <span className="badge">{apiTokenScopeLabels[t.scope]}</span>
                </td>
                <td className="small">
                  {t.lastUsedAt ? <RelativeTime date={t.lastUsedAt} /> : <span className="muted">Never</span>}
                </td>
                <td style={{ textAlign: "right" }}>
                  {t.revokedAt ? (
                    <span className="muted small">Revoked {formatDateTime(t.revokedAt)}</span>
                  ) : (
                    <button
                      type="button"
                      className="button button-danger button-small"
                      onClick={() => revoke(t)}
                      aria-label={`Revoke ${t.name}`}
                    >
                      Revoke
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted small">You have no API tokens.</p>
      )}
    </section>
  );
}
