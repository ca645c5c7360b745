"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { api, ApiError } from "@/lib/client/api";
import { parseAliases } from "./entity-format";

type EditableEntity = {
  id: string;
  name: string;
  typeId: string;
  aliases: string[];
  description: string | null;
  externalId: string | null;
  version: number;
};

type EditEntityFormProps = {
  workspaceId: string;
  entity: EditableEntity;
  /** The workspace's types; archived ones are offered only while the entity still has one. */
  types: { id: string; name: string; archived: boolean }[];
};

const fields = ["name", "typeId", "aliases", "description", "externalId"] as const;
type FieldName = (typeof fields)[number];

const toValues = (e: EditableEntity) => ({
  name: e.name,
  typeId: e.typeId,
  aliases: e.aliases.join("\n"),
  description: e.description ?? "",
  externalId: e.externalId ?? "",
});

/** The server's messages per form field ("aliases.2" counts as aliases). */
function errorsByField(error: ApiError | null): Partial<Record<FieldName, string[]>> {
  const out: Partial<Record<FieldName, string[]>> = {};
  for (const [key, messages] of Object.entries(error?.fieldErrors ?? {})) {
    const field = fields.find((f) => key === f || key.startsWith(`${f}.`));
    if (field) out[field] = [...(out[field] ?? []), ...messages];
  }
  return out;
}

/** Edits an entity's catalog record; sends only what changed. For owners and reviewers. */
export function EditEntityForm({ workspaceId, entity, types }: EditEntityFormProps) {
  const router = useRouter();
  const [saved, setSaved] = useState(entity);
  const [values, setValues] = useState(() => toValues(entity));
  const [error, setError] = useState<ApiError | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const fieldErrors = errorsByField(error);
  const set = (field: FieldName) => (e: { target: { value: string } }) => {
    setValues((v) => ({ ...v, [field]: e.target.value }));
    setStatus(null);
  };

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const next = {
      name: values.name.trim(),
      typeId: values.typeId,
      aliases: parseAliases(values.aliases, values.name),
      description: values.description.trim() || null,
      externalId: values.externalId.trim() || null,
    };
    const changes = Object.fromEntries(
      fields.filter((f) => JSON.stringify(next[f]) !== JSON.stringify(saved[f])).map((f) => [f, next[f]] as const),
    );
    setError(null);
    if (!Object.keys(changes).length) {
      setStatus("Nothing to save.");
      return;
    }
    setPending(true);
    try {
      const updated = await api<EditableEntity & { type: { id: string } }>(
        `/api/workspaces/${workspaceId}/entities/${entity.id}`,
        { method: "PATCH", json: { ...changes, version: saved.version } },
      );
      const record = { ...updated, typeId: updated.type.id };
      setSaved(record);
      setValues(toValues(record));
      setStatus("Saved.");
      router.refresh();
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, "INTERNAL", "Could not save the entity."));
      // Someone else changed the entity: the fields edited here keep what was typed, the others show
      // what they saved, and their version is the base of the next try: nothing typed is lost, and
      // nothing of theirs is overwritten unseen.
      const current =
        err instanceof ApiError
          ? (err.details.current as (EditableEntity & { type: { id: string } }) | undefined)
          : undefined;
      if (current) {
        const record = { ...current, typeId: current.type.id };
        const [loaded, theirs] = [toValues(saved), toValues(record)];
        setValues((mine) => {
          const merged = { ...mine };
          for (const field of fields) if (mine[field] === loaded[field]) merged[field] = theirs[field];
          return merged;
        });
        setSaved(record);
        router.refresh();
      }
    } finally {
      setPending(false);
    }
  }

  const typeOptions = types.filter((t) => !t.archived || t.id === saved.typeId);
  return (
    <section className="card" aria-labelledby="edit-entity-heading">
      <h2 id="edit-entity-heading">Edit entity</h2>
      <form className="stack" onSubmit={onSubmit} noValidate>
        <FormError message={error && !Object.keys(fieldErrors).length ? error.message : null} />
        <Field id="entity-name" label="Name" error={fieldErrors.name}>
          {(p) => <input {...p} type="text" value={values.name} onChange={set("name")} maxLength={200} required />}
        </Field>
        <Field id="entity-type" label="Type" error={fieldErrors.typeId}>
          {(p) => (
            <select {...p} value={values.typeId} onChange={set("typeId")}>
              {typeOptions.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.archived ? `${t.name} (archived)` : t.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="entity-aliases" label="Aliases" hint="One per line." error={fieldErrors.aliases}>
          {(p) => (
            <textarea {...p} className="entity-textarea" rows={4} value={values.aliases} onChange={set("aliases")} />
          )}
        </Field>
        <Field id="entity-description" label="Description" error={fieldErrors.description}>
          {(p) => (
            <textarea
              {...p}
              className="entity-textarea"
              rows={4}
              maxLength={5000}
              value={values.description}
              onChange={set("description")}
            />
          )}
        </Field>
        <Field
          id="entity-external-id"
          label="External id"
          hint="A Wikidata id such as Q42, or an http(s) URL."
          error={fieldErrors.externalId}
        >
          {(p) => <input {...p} type="text" value={values.externalId} onChange={set("externalId")} />}
        </Field>
        <div className="row">
          <button className="button" type="submit" disabled={pending}>
            {pending ? "Saving…" : "Save changes"}
          </button>
          <span role="status" className="muted small">
            {status}
          </span>
        </div>
      </form>
    </section>
  );
}
