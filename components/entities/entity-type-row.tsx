"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { api, ApiError } from "@/lib/client/api";
import { EntityTypeChip } from "./entity-type-chip";

export type EntityTypeRowItem = {
  id: string;
  name: string;
  color: string;
  shortcut: string | null;
  archived: boolean;
  version: number;
};

type EntityTypeRowProps = { workspaceId: string; type: EntityTypeRowItem };

/** One entity type: rename, recolour, change its shortcut (only what changed is sent), archive or unarchive. */
export function EntityTypeRow({ workspaceId, type }: EntityTypeRowProps) {
  const router = useRouter();
  const [error, setError] = useState<ApiError | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const prefix = `type-${type.id}`;

  async function patch(json: Record<string, unknown>, done: string) {
    setPending(true);
    setError(null);
    setStatus(null);
    try {
      await api(`/api/workspaces/${workspaceId}/entity-types/${type.id}`, {
        method: "PATCH",
        json: { ...json, version: type.version },
      });
      setStatus(done);
      router.refresh();
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, "INTERNAL", "Could not save the type."));
      // Someone else changed the type: the page takes its current state (and version) for the next try.
      if (err instanceof ApiError && err.details.current) router.refresh();
    } finally {
      setPending(false);
    }
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next = {
      name: String(form.get("name") ?? "").trim(),
      color: String(form.get("color") ?? "").toLowerCase(),
      shortcut:
        String(form.get("shortcut") ?? "")
          .trim()
          .toLowerCase() || null,
    };
    const changes = Object.fromEntries(
      Object.entries(next).filter(
        ([key, value]) => value !== (key === "color" ? type.color.toLowerCase() : type[key as keyof typeof next]),
      ),
    );
    if (!Object.keys(changes).length) {
      setError(null);
      setStatus("Nothing to save.");
      return;
    }
    patch(changes, "Saved.");
  }

  const fieldErrors = error?.fieldErrors ?? {};
  const known = ["name", "color", "shortcut", "archived"].some((f) => fieldErrors[f]);
  return (
    <li className={`entity-type-item${type.archived ? " entity-type-item-archived" : ""}`}>
      <form onSubmit={onSubmit} noValidate>
        <fieldset className="entity-type-fieldset" disabled={pending}>
          <legend>
            <EntityTypeChip type={type} />
            {type.archived ? <span className="muted small"> Archived</span> : null}
          </legend>
          <div className="entity-type-fields">
            <Field id={`${prefix}-name`} label="Name" error={fieldErrors.name}>
              {(p) => <input {...p} name="name" type="text" defaultValue={type.name} maxLength={200} required />}
            </Field>
            <Field id={`${prefix}-color`} label="Colour" error={fieldErrors.color}>
              {(p) => (
                <input {...p} name="color" type="color" className="entity-color-input" defaultValue={type.color} />
              )}
            </Field>
            <Field id={`${prefix}-shortcut`} label="Shortcut" error={fieldErrors.shortcut}>
              {(p) => (
                <input
                  {...p}
                  name="shortcut"
                  type="text"
                  className="entity-shortcut-input"
                  defaultValue={type.shortcut ?? ""}
                  maxLength={1}
                  autoCapitalize="none"
                  autoComplete="off"
                  spellCheck={false}
                />
              )}
            </Field>
            <div className="row entity-type-actions">
              <button className="button button-small" type="submit">
                Save
              </button>
              <button
                className="button button-secondary button-small"
                type="button"
                onClick={() => patch({ archived: !type.archived }, type.archived ? "Unarchived." : "Archived.")}
              >
                {type.archived ? "Unarchive" : "Archive"}
              </button>
            </div>
          </div>
          <FormError message={error && !known ? error.message : null} />
          <p role="status" className="muted small entity-type-status">
            {status}
          </p>
        </fieldset>
      </form>
    </li>
  );
}
