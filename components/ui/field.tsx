import type { ReactNode } from "react";

type FieldProps = {
  id: string;
  label: string;
  error?: string[];
  hint?: ReactNode;
  children: (props: { id: string; "aria-invalid": boolean; "aria-describedby"?: string }) => ReactNode;
};

/** A labelled form control with its hint and the server's error for it, announced to screen readers. */
export function Field({ id, label, error, hint, children }: FieldProps) {
  const describedBy =
    [hint ? `${id}-hint` : null, error?.length ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children({ id, "aria-invalid": Boolean(error?.length), "aria-describedby": describedBy })}
      {hint ? (
        <span className="hint" id={`${id}-hint`}>
          {hint}
        </span>
      ) : null}
      {error?.length ? (
        <p className="field-error" id={`${id}-error`} role="alert">
          {error.join(" ")}
        </p>
      ) : null}
    </div>
  );
}
