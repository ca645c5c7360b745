"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { FormError } from "@/components/ui/form-error";
import { api, ApiError } from "@/lib/client/api";
import { createRelationTypeSchema } from "@/lib/validations/relation";
import { RelationTypeFields, type EntityTypeOption } from "./relation-type-fields";
import { clientFieldErrors, readRelationTypeForm, type RelationTypeFormValues } from "./relation-type-format";

type AddRelationTypeFormProps = { workspaceId: string; entityTypes: EntityTypeOption[] };

const EMPTY: RelationTypeFormValues = {
  name: "",
  inverseLabel: null,
  directed: true,
  sourceTypeIds: [],
  targetTypeIds: [],
  color: "#7c3aed",
  shortcut: null,
};
const FIELDS = ["name", "inverseLabel", "directed", "sourceTypeIds", "targetTypeIds", "color", "shortcut"];

/** Adds a relation type: name, inverse label, direction, allowed ends, colour and an optional shortcut. */
export function AddRelationTypeForm({ workspaceId, entityTypes }: AddRelationTypeFormProps) {
  const router = useRouter();
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  // Remounts the fields after an addition, so the direction toggle starts over with the form.
  const [added, setAdded] = useState(0);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const input = readRelationTypeForm(new FormData(event.currentTarget));
    setFieldErrors({});
    setFormError(null);
    setStatus(null);
    const invalid = clientFieldErrors(createRelationTypeSchema, input);
    if (invalid) {
      setFieldErrors(invalid);
      return;
    }
    setPending(true);
    try {
      await api(`/api/workspaces/${workspaceId}/relation-types`, { method: "POST", json: input });
      setAdded((n) => n + 1);
      setStatus(`Added “${input.name}”.`);
      router.refresh();
    } catch (err) {
      const error = err instanceof ApiError ? err : new ApiError(0, "INTERNAL", "Could not add the type.");
      setFieldErrors(error.fieldErrors);
      setFormError(FIELDS.some((f) => error.fieldErrors[f]) ? null : error.message);
    } finally {
      setPending(false);
    }
  }

  return (
    <form className="stack entity-type-add" onSubmit={onSubmit} noValidate aria-labelledby="add-relation-type-heading">
      <h3 id="add-relation-type-heading">Add a relation type</h3>
      <fieldset className="relation-type-add-fieldset" disabled={pending}>
        <RelationTypeFields
          key={added}
          prefix="new-relation-type"
          defaults={EMPTY}
          entityTypes={entityTypes}
          fieldErrors={fieldErrors}
        />
        <div className="row entity-type-actions relation-type-actions">
          <button className="button button-small" type="submit">
            {pending ? "Adding…" : "Add relation type"}
          </button>
        </div>
      </fieldset>
      <FormError message={formError} />
      <p role="status" className="muted small entity-type-status">
        {status}
      </p>
    </form>
  );
}
