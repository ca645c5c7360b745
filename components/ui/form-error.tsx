type FormErrorProps = { message?: string | null };

/** The form-level error (not tied to one field), announced when it appears. */
export function FormError({ message }: FormErrorProps) {
  if (!message) return null;
  return (
    <div className="alert alert-error" role="alert">
      {message}
    </div>
  );
}
