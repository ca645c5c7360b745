"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { api, ApiError } from "@/lib/client/api";

/** Creates a workspace and opens it. */
export function CreateWorkspaceForm() {
  const router = useRouter();
  const [error, setError] = useState<ApiError | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    setError(null);
    try {
      const name = String(new FormData(event.currentTarget).get("name"));
      const workspace = await api<{ id: string }>("/api/workspaces", { method: "POST", json: { name } });
      router.push(`/w/${workspace.id}`);
      router.refresh();
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, "INTERNAL", "Could not create the workspace."));
      setPending(false);
    }
  }

  return (
    <form className="stack" onSubmit={onSubmit} noValidate>
      <FormError message={error && !error.fieldErrors.name ? error.message : null} />
      <Field id="workspace-name" label="Workspace name" error={error?.fieldErrors.name}>
        {(p) => <input {...p} name="name" type="text" required maxLength={80} placeholder="e.g. Central Asia desk" />}
      </Field>
      <div>
        <button className="button" type="submit" disabled={pending}>
          {pending ? "Creating…" : "Create workspace"}
        </button>
      </div>
    </form>
  );
}
