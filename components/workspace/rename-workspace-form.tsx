"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { api, ApiError } from "@/lib/client/api";

type RenameWorkspaceFormProps = { workspaceId: string; name: string };

/** Renames the workspace. */
export function RenameWorkspaceForm({ workspaceId, name }: RenameWorkspaceFormProps) {
  const router = useRouter();
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    setSaved(false);
    try {
      await api(`/api/workspaces/${workspaceId}`, {
        method: "PATCH",
        json: { name: new FormData(event.currentTarget).get("name") },
      });
      setSaved(true);
      router.refresh();
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, "INTERNAL", "Could not save."));
    }
  }

  return (
    <form className="stack" onSubmit={onSubmit} noValidate>
      <FormError message={error && !error.fieldErrors.name ? error.message : null} />
      <Field id="workspace-name" label="Workspace name" error={error?.fieldErrors.name}>
        {(p) => <input {...p} name="name" type="text" defaultValue={name} maxLength={80} required />}
      </Field>
      <div className="row">
        <button className="button" type="submit">
          Save
        </button>
        {saved ? (
          <span role="status" className="muted">
            Saved.
          </span>
        ) : null}
      </div>
    </form>
  );
}
