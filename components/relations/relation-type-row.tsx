"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { FormError } from "@/components/ui/form-error";
import { api, ApiError } from "@/lib/client/api";
import { updateRelationTypeSchema, type RelationTypeItem } from "@/lib/validations/relation";
import { RelationTypeFields, type EntityTypeOption } from "./relation-type-fields";
import {
  changedRelationTypeFields,
  clientFieldErrors,
  describeInverse,
  describeRelationEnds,
  readRelationTypeForm,
} from "./relation-type-format";

export type RelationTypeRowItem = RelationTypeItem & { archived: boolean };

type RelationTypeRowProps = { workspaceId: string; type: RelationTypeRowItem; entityTypes: EntityTypeOption[] };

const FIELDS = ["name", "inverseLabel", "directed", "sourceTypeIds", "targetTypeIds", "color", "shortcut", "archived"];

/**
 * One relation type: its summary (colour, name, inverse, ends, key) and a form
 * to change it (only what changed is sent), archive or unarchive it. Archiving
 * keeps the type's relations; it is only no longer offered for new links.
 */
export function RelationTypeRow({ workspaceId, type, entityTypes }: RelationTypeRowProps) {
  const router = useRouter();
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const nameOf = (id: string) => entityTypes.find((t) => t.id === id)?.name ?? "a deleted type";
  const inverse = describeInverse(type);

  async function patch(json: Record<string, unknown>, done: string) {
    setPending(true);
    try {
      await api(`/api/workspaces/${workspaceId}/relation-types/${type.id}`, { method: "PATCH", json });
      setStatus(done);
      router.refresh();
    } catch (err) {
      const error = err instanceof ApiError ? err : new ApiError(0, "INTERNAL", "Could not save the type.");
      const known = FIELDS.some((f) => error.fieldErrors[f]);
      setFieldErrors(error.fieldErrors);
      setFormError(
        known ? null : error.status === 404 ? "This type no longer exists. Reload the page." : error.message,
      );
    } finally {
      setPending(false);
    }
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFieldErrors({});
    setFormError(null);
    setStatus(null);
    const changes = changedRelationTypeFields(type, readRelationTypeForm(new FormData(event.currentTarget)));
    if (!Object.keys(changes).length) {
      setStatus("Nothing to save.");
      return;
    }
    const invalid = clientFieldErrors(updateRelationTypeSchema, changes);
    if (invalid) {
      setFieldErrors(invalid);
      return;
    }
    void patch(changes, "Saved.");
  }

  function onArchive() {
    setFieldErrors({});
    setFormError(null);
    setStatus(null);
    void patch({ archived: !type.archived }, type.archived ? "Unarchived." : "Archived.");
  }

  return (
    <li className={`entity-type-item${type.archived ? " entity-type-item-archived" : ""}`}>
      <form onSubmit={onSubmit} noValidate>
        <fieldset className="entity-type-fieldset" disabled={pending}>
          <legend className="relation-type-summary">
            <span className="relation-type-swatch" style={{ background: type.color }} aria-hidden="true" />
            <strong>{type.name}</strong>
            {inverse ? <span className="muted"> · {inverse}</span> : null}
            <span className="muted"> · {describeRelationEnds(type, nameOf)}</span>
            {type.shortcut ? (
              <>
                <span className="visually-hidden"> · key </span>
                <kbd>{type.shortcut}</kbd>
              </>
            ) : null}
            {type.archived ? <span className="muted small"> · Archived</span> : null}
          </legend>
          <RelationTypeFields
            prefix={`relation-type-${type.id}`}
            defaults={type}
            entityTypes={entityTypes}
            fieldErrors={fieldErrors}
          />
          <div className="row entity-type-actions relation-type-actions">
            <button className="button button-small" type="submit">
              Save
            </button>
            <button className="button button-secondary button-small" type="button" onClick={onArchive}>
              {type.archived ? "Unarchive" : "Archive"}
            </button>
          </div>
          <FormError message={formError} />
          <p role="status" className="muted small entity-type-status">
            {status}
          </p>
        </fieldset>
      </form>
    </li>
  );
}
