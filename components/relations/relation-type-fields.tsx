"use client";

import { useState } from "react";
import { Field } from "@/components/ui/field";
import type { RelationTypeFormValues } from "./relation-type-format";

/** An entity type a relation type's ends may be restricted to. */
export type EntityTypeOption = { id: string; name: string; color: string; archived: boolean };

type RelationTypeFieldsProps = {
  /** Makes the ids of this form's controls unique on the page. */
  prefix: string;
  defaults: RelationTypeFormValues;
  entityTypes: EntityTypeOption[];
  fieldErrors: Record<string, string[]>;
};

/**
 * The controls of a relation type (read back by readRelationTypeForm): name,
 * inverse label, direction, the entity types allowed at each end (none
 * checked: any annotation), colour and one-key shortcut.
 */
export function RelationTypeFields({ prefix, defaults, entityTypes, fieldErrors }: RelationTypeFieldsProps) {
  const [directed, setDirected] = useState(defaults.directed);
  return (
    <>
      <div className="relation-type-fields">
        <Field id={`${prefix}-name`} label="Name" error={fieldErrors.name}>
          {(p) => <input {...p} name="name" type="text" defaultValue={defaults.name} maxLength={200} required />}
        </Field>
        <Field
          id={`${prefix}-inverse`}
          label="Inverse label"
          error={fieldErrors.inverseLabel}
          hint={directed ? "Read from the target, e.g. “led by”." : "Symmetric: the same both ways."}
        >
          {(p) => (
            <input
              {...p}
              name="inverseLabel"
              type="text"
              defaultValue={defaults.inverseLabel ?? ""}
              maxLength={200}
              disabled={!directed}
            />
          )}
        </Field>
        <Field id={`${prefix}-color`} label="Colour" error={fieldErrors.color}>
          {(p) => (
            <input {...p} name="color" type="color" className="entity-color-input" defaultValue={defaults.color} />
          )}
        </Field>
        <Field id={`${prefix}-shortcut`} label="Shortcut" error={fieldErrors.shortcut}>
          {(p) => (
            <input
              {...p}
              name="shortcut"
              type="text"
              className="entity-shortcut-input"
              defaultValue={defaults.shortcut ?? ""}
              maxLength={1}
              autoCapitalize="none"
              autoComplete="off"
              spellCheck={false}
            />
          )}
        </Field>
      </div>
      <div className="relation-type-choices">
        <fieldset className="relation-type-choice relation-type-direction">
          <legend>Direction</legend>
          <label>
            <input
              type="radio"
              name="direction"
              value="directed"
              defaultChecked={defaults.directed}
              onChange={() => setDirected(true)}
            />{" "}
            Directed (source → target)
          </label>
          <label>
            <input
              type="radio"
              name="direction"
              value="symmetric"
              defaultChecked={!defaults.directed}
              onChange={() => setDirected(false)}
            />{" "}
            Symmetric (both ways)
          </label>
          <FieldErrors id={`${prefix}-directed-error`} errors={fieldErrors.directed} />
        </fieldset>
        <EndTypesChoice
          prefix={`${prefix}-source`}
          name="sourceTypeIds"
          legend="Source entity types"
          checked={defaults.sourceTypeIds}
          entityTypes={entityTypes}
          errors={fieldErrors.sourceTypeIds}
        />
        <EndTypesChoice
          prefix={`${prefix}-target`}
          name="targetTypeIds"
          legend="Target entity types"
          checked={defaults.targetTypeIds}
          entityTypes={entityTypes}
          errors={fieldErrors.targetTypeIds}
        />
      </div>
    </>
  );
}

type EndTypesChoiceProps = {
  prefix: string;
  name: "sourceTypeIds" | "targetTypeIds";
  legend: string;
  checked: string[];
  entityTypes: EntityTypeOption[];
  errors?: string[];
};

/** Checkboxes of the workspace's entity types for one end; archived types only while still checked. */
function EndTypesChoice({ prefix, name, legend, checked, entityTypes, errors }: EndTypesChoiceProps) {
  const offered = entityTypes.filter((t) => !t.archived || checked.includes(t.id));
  const errorId = `${prefix}-error`;
  return (
    <fieldset className="relation-type-choice" aria-describedby={errors?.length ? errorId : `${prefix}-hint`}>
      <legend>{legend}</legend>
      {offered.map((type) => (
        <label key={type.id}>
          <input type="checkbox" name={name} value={type.id} defaultChecked={checked.includes(type.id)} />{" "}
          <span className="entity-dot" style={{ background: type.color }} aria-hidden="true" />
          {type.name}
          {type.archived ? <span className="muted small"> (archived)</span> : null}
        </label>
      ))}
      <span className="hint" id={`${prefix}-hint`}>
        None checked: any annotation.
      </span>
      <FieldErrors id={errorId} errors={errors} />
    </fieldset>
  );
}

function FieldErrors({ id, errors }: { id: string; errors?: string[] }) {
  if (!errors?.length) return null;
  return (
    <p className="field-error" id={id} role="alert">
      {errors.join(" ")}
    </p>
  );
}
