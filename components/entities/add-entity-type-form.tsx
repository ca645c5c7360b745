"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { api, ApiError } from "@/lib/client/api";

type AddEntityTypeFormProps = { workspaceId: string };

/** Adds an entity type: a name, a colour and an optional one-key shortcut for the reader. */
export function AddEntityTypeForm({ workspaceId }: AddEntityTypeFormProps) {
  const router = useRouter();
  const [error, setError] = useState<ApiError | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const name = String(form.get("name") ?? "").trim();
    setPending(true);
    setError(null);
    setStatus(null);
    try {
      await api(`/api/workspaces/${workspaceId}/entity-types`, {
        method: "POST",
        json: {
          name,
          color: String(form.get("color") ?? "").toLowerCase(),
          shortcut:
            String(form.get("shortcut") ?? "")
              .trim()
              .toLowerCase() || null,
        },
      });
      formElement.reset();
      setStatus(`Added “${name}”.`);
      router.refresh();
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, "INTERNAL", "Could not add the type."));
    } finally {
      setPending(false);
    }
  }

  const fieldErrors = error?.fieldErrors ?? {};
  const known = ["name", "color", "shortcut"].some((f) => fieldErrors[f]);
  return (
    <form className="stack entity-type-add" onSubmit={onSubmit} noValidate aria-labelledby="add-type-heading">
      <h3 id="add-type-heading">Add a type</h3>
      <div className="entity-type-fields">
        <Field id="new-type-name" label="Name" error={fieldErrors.name}>
          {(p) => <input {...p} name="name" type="text" maxLength={200} required />}
        </Field>
        <Field id="new-type-color" label="Colour" error={fieldErrors.color}>
          {(p) => <input {...p} name="color" type="color" className="entity-color-input" defaultValue="#c2410c" />}
        </Field>
        <Field id="new-type-shortcut" label="Shortcut" error={fieldErrors.shortcut}>
          {(p) => (
            <input
              {...p}
              name="shortcut"
              type="text"
              className="entity-shortcut-input"
              maxLength={1}
              autoCapitalize="none"
              autoComplete="off"
              spellCheck={false}
            />
          )}
        </Field>
        <div className="row entity-type-actions">
          <button className="button button-small" type="submit" disabled={pending}>
            {pending ? "Adding…" : "Add type"}
          </button>
        </div>
      </div>
      <FormError message={error && !known ? error.message : null} />
      <p role="status" className="muted small entity-type-status">
        {status}
      </p>
    </form>
  );
}
