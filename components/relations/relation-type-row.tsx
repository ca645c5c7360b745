"use client";

import { useRouter } from "next/navigation";
import { useRef, useState, type FormEvent } from "react";
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

export type RelationTypeRowItem = RelationTypeItem & { archived: boolean; version: number };

type RelationTypeRowProps = { workspaceId: string; type: RelationTypeRowItem; entityTypes: EntityTypeOption[] };

const FIELDS = ["name", "inverseLabel", "directed", "sourceTypeIds", "targetTypeIds", "color", "shortcut", "archived"];

/**
 * One relation type: a summary line (colour, name, inverse, ends, key) with
 * Edit and Archive. Edit opens its form; only what changed is sent. Archiving
 * keeps the type's relations; it is only no longer offered for new links.
 */
export function RelationTypeRow({ workspaceId, type, entityTypes }: RelationTypeRowProps) {
  const router = useRouter();
  const [editing, setEditing] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  const formId = `relation-type-${type.id}-form`;
  const nameOf = (id: string) => entityTypes.find((t) => t.id === id)?.name ?? "an unknown type";
  const inverse = describeInverse(type);

  function clearMessages() {
    setFieldErrors({});
    setFormError(null);
    setStatus(null);
  }

  function close() {
    clearMessages();
    setEditing(false);
    editButton.current?.focus();
  }

  /** Sends `json`; true when the server took it. */
  async function patch(json: Record<string, unknown>, done: string): Promise<boolean> {
    setPending(true);
    try {
      await api(`/api/workspaces/${workspaceId}/relation-types/${type.id}`, {
        method: "PATCH",
        json: { ...json, version: type.version },
      });
      setStatus(done);
      router.refresh();
      return true;
    } catch (err) {
      const error = err instanceof ApiError ? err : new ApiError(0, "INTERNAL", "Could not save the type.");
      // Someone else changed the type: the page takes its current state (and version) for the next try.
      if (error.details.current) router.refresh();
      const known = FIELDS.some((f) => error.fieldErrors[f]);
      setFieldErrors(error.fieldErrors);
      setFormError(
        known ? null : error.status === 404 ? "This type no longer exists. Reload the page." : error.message,
      );
      return false;
    } finally {
      setPending(false);
    }
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    clearMessages();
    const changes = changedRelationTypeFields(type, readRelationTypeForm(new FormData(event.currentTarget)));
    if (!Object.keys(changes).length) {
      setStatus("Nothing to save.");
      return;
    }
    const invalid = clientFieldErrors(updateRelationTypeSchema, { ...changes, version: type.version });
    if (invalid) {
      setFieldErrors(invalid);
      return;
    }
    if (await patch(changes, `Saved “${changes.name ?? type.name}”.`)) {
      setEditing(false);
      editButton.current?.focus();
    }
  }

  function onArchive() {
    clearMessages();
    void patch({ archived: !type.archived }, type.archived ? "Unarchived." : "Archived.");
  }

  return (
    <li className={`relation-type-item${type.archived ? " relation-type-item-archived" : ""}`}>
      <div className="relation-type-head">
        {/* Each "·" is glued to the word before it (no-break space): a wrapped line starts with a word, not "·". */}
        <p className="relation-type-summary" data-testid="relation-type-summary">
          <span>
            <span className="relation-type-swatch" style={{ background: type.color }} aria-hidden="true" />{" "}
            <strong>{type.name}</strong>
            {"\u00a0·"}
          </span>{" "}
          {inverse ? (
            <>
              <span className="muted">{`${inverse}\u00a0·`}</span>{" "}
            </>
          ) : null}
          <span className="muted">{describeRelationEnds(type, nameOf)}</span>
          {type.shortcut ? (
            <span>
              <span className="visually-hidden"> · key</span> <kbd>{type.shortcut}</kbd>
            </span>
          ) : null}
          {type.archived ? (
            <span>
              <span className="visually-hidden"> ·</span> <span className="badge">Archived</span>
            </span>
          ) : null}
        </p>
        <div className="row relation-type-buttons">
          <button
            ref={editButton}
            className="button button-secondary button-small"
            type="button"
            aria-expanded={editing}
            aria-controls={editing ? formId : undefined}
            onClick={() => {
              if (editing) return close();
              clearMessages();
              setEditing(true);
            }}
          >
            Edit<span className="visually-hidden"> {type.name}</span>
          </button>
          <button className="button button-secondary button-small" type="button" onClick={onArchive} disabled={pending}>
            {type.archived ? "Unarchive" : "Archive"}
            <span className="visually-hidden"> {type.name}</span>
          </button>
        </div>
      </div>
      {editing ? (
        <form
          id={formId}
          className="relation-type-form"
          onSubmit={onSubmit}
          noValidate
          aria-label={`Edit ${type.name}`}
        >
          <fieldset className="relation-type-add-fieldset" disabled={pending}>
            <RelationTypeFields
              prefix={`relation-type-${type.id}`}
              defaults={type}
              entityTypes={entityTypes}
              fieldErrors={fieldErrors}
            />
            <div className="row relation-type-actions">
              <button className="button button-small" type="submit">
                Save
              </button>
              <button className="button button-secondary button-small" type="button" onClick={close}>
                Cancel
              </button>
            </div>
          </fieldset>
          <FormError message={formError} />
        </form>
      ) : (
        // Archive/unarchive answers land here (e.g. unarchiving onto a shortcut another type took meanwhile).
        <FormError message={formError ?? (Object.values(fieldErrors).flat().join(" ") || null)} />
      )}
      <p role="status" className="muted small entity-type-status">
        {status}
      </p>
    </li>
  );
}
