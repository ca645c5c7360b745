import { Field } from "@/components/ui/field";

type ArticleMetadataFieldsProps = { fieldErrors: Record<string, string[]> };

/** Title, source, authors, date, URL and language inputs, named as the API expects. */
export function ArticleMetadataFields({ fieldErrors }: ArticleMetadataFieldsProps) {
  return (
    <fieldset className="stack" style={{ border: "none", padding: 0, margin: 0 }}>
      <legend className="small muted" style={{ marginBottom: "0.5rem" }}>
        Details (optional: the title defaults to the first line or the file name)
      </legend>
      <Field id="title" label="Title" error={fieldErrors.title}>
        {(p) => <input {...p} name="title" type="text" maxLength={300} />}
      </Field>
      <div className="grid-2">
        <Field id="source" label="Source / publication" error={fieldErrors.source}>
          {(p) => <input {...p} name="source" type="text" maxLength={200} />}
        </Field>
        <Field id="authors" label="Author(s)" error={fieldErrors.authors} hint="Separate several with commas.">
          {(p) => <input {...p} name="authors" type="text" />}
        </Field>
        <Field id="publishedAt" label="Publication date" error={fieldErrors.publishedAt}>
          {(p) => <input {...p} name="publishedAt" type="date" />}
        </Field>
        <Field id="language" label="Language" error={fieldErrors.language} hint="A code such as en, fr or pt-BR.">
          {(p) => <input {...p} name="language" type="text" maxLength={35} />}
        </Field>
      </div>
      <Field id="originalUrl" label="Original URL" error={fieldErrors.originalUrl}>
        {(p) => <input {...p} name="originalUrl" type="url" placeholder="https://" />}
      </Field>
    </fieldset>
  );
}
