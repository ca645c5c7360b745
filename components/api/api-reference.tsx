import type { ReactNode } from "react";

// Renders the OpenAPI document (lib/openapi) as a readable page: no client
// code and nothing loaded from elsewhere.

type Schema = {
  $ref?: string;
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  allOf?: Schema[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  additionalProperties?: Schema | boolean;
  description?: string;
  default?: unknown;
  example?: unknown;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  maxItems?: number;
  pattern?: string;
};
type Parameter = { name: string; in: string; required?: boolean; description?: string; schema?: Schema };
type Operation = {
  tags?: string[];
  summary?: string;
  description?: string;
  security?: Record<string, string[]>[];
  "x-permission"?: string;
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, { description: string; content?: Record<string, { schema: Schema }> }>;
};
export type OpenApiDoc = {
  info: { title: string; version: string; description?: string };
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
};

const refName = (ref: string) => ref.split("/").pop() ?? ref;
export const operationAnchor = (method: string, path: string) =>
  `op-${method}${path.replace(/[{}]/g, "").replace(/[^a-zA-Z0-9]+/g, "-")}`;

/** Inline code in `backticks`, as the descriptions use it. */
function Text({ children }: { children?: string }) {
  if (!children) return null;
  return (
    <>
      {children
        .split(/(`[^`]+`)/)
        .map((part, i) =>
          part.startsWith("`") && part.endsWith("`") ? <code key={i}>{part.slice(1, -1)}</code> : part,
        )}
    </>
  );
}

function Paragraphs({ text }: { text?: string }) {
  if (!text) return null;
  return (
    <>
      {text.split(/\n\n+/).map((p, i) => (
        <p key={i}>
          <Text>{p}</Text>
        </p>
      ))}
    </>
  );
}

/** A schema's type in a few words, linking named schemas. */
function TypeLabel({ schema }: { schema?: Schema }): ReactNode {
  if (!schema) return "any";
  if (schema.$ref) {
    const name = refName(schema.$ref);
    return <a href={`#schema-${name}`}>{name}</a>;
  }
  if (schema.allOf) {
    return schema.allOf.map((s, i) => (
      <span key={i}>
        {i ? " + " : ""}
        <TypeLabel schema={s} />
      </span>
    ));
  }
  const union = schema.anyOf ?? schema.oneOf;
  if (union) {
    return union.map((s, i) => (
      <span key={i}>
        {i ? " | " : ""}
        <TypeLabel schema={s} />
      </span>
    ));
  }
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  const parts = types.map((t) => {
    if (t === "array") {
      return (
        <span key={t}>
          array of <TypeLabel schema={schema.items} />
        </span>
      );
    }
    if (t === "string" && schema.format) return `string (${schema.format})`;
    return t;
  });
  if (schema.enum) {
    return (
      <>
        {schema.enum.map((v, i) => (
          <span key={String(v)}>
            {i ? " | " : ""}
            <code>{JSON.stringify(v)}</code>
          </span>
        ))}
        {types.includes("null") ? " | null" : null}
      </>
    );
  }
  if (!parts.length) return "any";
  return parts.map((p, i) => (
    <span key={i}>
      {i ? " | " : ""}
      {p}
    </span>
  ));
}

function constraints(schema?: Schema): string[] {
  if (!schema) return [];
  const out: string[] = [];
  if (schema.minLength !== undefined) out.push(`min length ${schema.minLength}`);
  if (schema.maxLength !== undefined) out.push(`max length ${schema.maxLength}`);
  if (schema.minimum !== undefined) out.push(`≥ ${schema.minimum}`);
  if (schema.maximum !== undefined) out.push(`≤ ${schema.maximum}`);
  if (schema.maxItems !== undefined) out.push(`at most ${schema.maxItems} items`);
  if (schema.default !== undefined) out.push(`default ${JSON.stringify(schema.default)}`);
  return out;
}

/** An object's properties as a table, nested objects indented below their property. */
function Properties({ schema }: { schema: Schema }) {
  const rows: ReactNode[] = [];
  const walk = (s: Schema, level: number, prefix: string) => {
    const required = new Set(s.required ?? []);
    for (const [name, prop] of Object.entries(s.properties ?? {})) {
      const nested = prop.properties ? prop : prop.items?.properties ? prop.items : null;
      rows.push(
        <tr key={`${prefix}${name}`}>
          <td style={{ paddingLeft: `${0.85 + level * 1.1}rem` }}>
            <code>{name}</code>
            {required.has(name) ? (
              <span className="api-required" title="Required">
                {" "}
                required
              </span>
            ) : null}
          </td>
          <td>{nested ? prop.items ? "array of object" : "object" : <TypeLabel schema={prop} />}</td>
          <td>
            <Text>{prop.description}</Text>
            {constraints(prop).length ? <span className="muted small"> ({constraints(prop).join(", ")})</span> : null}
          </td>
        </tr>,
      );
      if (nested && level < 4) walk(nested, level + 1, `${prefix}${name}.`);
    }
  };
  walk(schema, 0, "");
  if (!rows.length) return <p className="muted small">Any JSON object.</p>;
  return (
    <table className="table api-table">
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">Type</th>
          <th scope="col">About</th>
        </tr>
      </thead>
      <tbody>{rows}</tbody>
    </table>
  );
}

/** A body schema: a named one by link, an inline object by its fields. */
function SchemaBlock({ schema }: { schema: Schema }) {
  if (schema.properties) return <Properties schema={schema} />;
  return (
    <p className="small">
      <TypeLabel schema={schema} />
    </p>
  );
}

function OperationCard({ method, path, op }: { method: string; path: string; op: Operation }) {
  const tokens = op.security?.some((s) => "bearerAuth" in s);
  const params = op.parameters ?? [];
  const bodyTypes = Object.keys(op.requestBody?.content ?? {});
  // JSON first; an upload (the file itself as JSON) shows its form's fields.
  const bodyType = ["application/json", "multipart/form-data"].find(
    (t) => bodyTypes.includes(t) && op.requestBody?.content[t]?.schema.format !== "binary",
  );
  const body = bodyType ? op.requestBody?.content[bodyType]?.schema : undefined;
  return (
    <article className="card stack api-operation" id={operationAnchor(method, path)}>
      <h3 className="api-operation-title">
        <span className={`api-method api-method-${method}`}>{method.toUpperCase()}</span>
        <code className="api-path">{path}</code>
      </h3>
      <p className="api-summary">{op.summary}</p>
      <div className="api-description">
        <Paragraphs text={op.description} />
      </div>
      <p className="small">
        {op["x-permission"] && op["x-permission"] !== "user" && op["x-permission"] !== "public" ? (
          <span className="badge" title="Permission of lib/auth/permissions.ts">
            {op["x-permission"]}
          </span>
        ) : null}{" "}
        <span className={`badge ${tokens ? "api-badge-token" : ""}`}>
          {tokens ? "API token or session" : "Session only"}
        </span>
      </p>
      {params.length ? (
        <>
          <h4>Parameters</h4>
          <table className="table api-table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">In</th>
                <th scope="col">Type</th>
                <th scope="col">About</th>
              </tr>
            </thead>
            <tbody>
              {params.map((p) => (
                <tr key={`${p.in}-${p.name}`}>
                  <td>
                    <code>{p.name}</code>
                    {p.required ? <span className="api-required"> required</span> : null}
                  </td>
                  <td>{p.in}</td>
                  <td>
                    <TypeLabel schema={p.schema} />
                  </td>
                  <td>
                    <Text>{p.description}</Text>
                    {constraints(p.schema).length ? (
                      <span className="muted small"> ({constraints(p.schema).join(", ")})</span>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
      {bodyTypes.length ? (
        <>
          <h4>{bodyTypes.length === 1 && bodyType === "application/json" ? "Request body (JSON)" : "Request body"}</h4>
          {bodyTypes.length > 1 || !bodyType ? (
            <p className="small">
              As <MediaTypes types={bodyTypes} />
              {bodyType ? (
                <>
                  ; <code>{bodyType}</code> takes:
                </>
              ) : null}
            </p>
          ) : null}
          {body ? <SchemaBlock schema={body} /> : null}
        </>
      ) : null}
      <h4>Responses</h4>
      <ul className="api-responses">
        {Object.entries(op.responses).map(([status, response]) => {
          const schema = response.content?.["application/json"]?.schema;
          const files = Object.keys(response.content ?? {}).filter((t) => t !== "application/json");
          return (
            <li key={status}>
              <span className={`api-status api-status-${status[0]}`}>{status}</span> <Text>{response.description}</Text>
              {schema && status.startsWith("2") ? (
                <span className="small">
                  {" "}
                  — <ResponseShape schema={schema} />
                </span>
              ) : null}
              {files.length && status.startsWith("2") ? (
                <span className="small">
                  {" "}
                  — <MediaTypes types={files} />
                </span>
              ) : null}
            </li>
          );
        })}
      </ul>
    </article>
  );
}

/** Media types as a list of codes, e.g. of a download's formats. */
function MediaTypes({ types }: { types: string[] }) {
  return (
    <>
      {types.map((type, i) => (
        <span key={type}>
          {i ? ", " : ""}
          <code>{type}</code>
        </span>
      ))}
    </>
  );
}

/** `{ data: X }` and `{ data: [X], nextCursor }` in words. */
function ResponseShape({ schema }: { schema: Schema }) {
  const data = schema.properties?.data;
  if (!data) return <TypeLabel schema={schema} />;
  return (
    <>
      <code>data</code>: <TypeLabel schema={data} />
      {schema.properties?.nextCursor ? (
        <>
          , <code>nextCursor</code>
        </>
      ) : null}
    </>
  );
}

/** The whole reference: operations grouped by tag, then the named schemas. */
export function ApiReference({ doc }: { doc: OpenApiDoc }) {
  const byTag = new Map<string, { method: string; path: string; op: Operation }[]>();
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const tag = op.tags?.[0] ?? "Other";
      byTag.set(tag, [...(byTag.get(tag) ?? []), { method, path, op }]);
    }
  }
  const schemas = Object.entries(doc.components?.schemas ?? {});
  return (
    <div className="api-reference">
      <nav className="api-toc card" aria-label="API reference contents">
        {[...byTag.entries()].map(([tag, ops]) => (
          <div key={tag} className="api-toc-group">
            <a href={`#tag-${tag.replace(/\W+/g, "-")}`} className="api-toc-tag">
              {tag}
            </a>
            <ul>
              {ops.map(({ method, path, op }) => (
                <li key={`${method} ${path}`}>
                  <a href={`#${operationAnchor(method, path)}`}>
                    <span className={`api-method api-method-${method} api-method-small`}>{method.toUpperCase()}</span>{" "}
                    {op.summary}
                  </a>
                </li>
              ))}
            </ul>
          </div>
        ))}
        <div className="api-toc-group">
          <a href="#schemas" className="api-toc-tag">
            Schemas
          </a>
        </div>
      </nav>
      <div className="stack api-body">
        {[...byTag.entries()].map(([tag, ops]) => (
          <section key={tag} className="stack" aria-labelledby={`tag-${tag.replace(/\W+/g, "-")}`}>
            <h2 id={`tag-${tag.replace(/\W+/g, "-")}`}>{tag}</h2>
            {ops.map(({ method, path, op }) => (
              <OperationCard key={`${method} ${path}`} method={method} path={path} op={op} />
            ))}
          </section>
        ))}
        <section className="stack" aria-labelledby="schemas">
          <h2 id="schemas">Schemas</h2>
          {schemas.map(([name, schema]) => (
            <article key={name} id={`schema-${name}`} className="card stack">
              <h3>
                <code>{name}</code>
              </h3>
              {schema.allOf ? (
                <p className="small">
                  <TypeLabel schema={{ allOf: schema.allOf.filter((s) => s.$ref) }} /> with:
                </p>
              ) : null}
              {schema.properties ? (
                <Properties schema={schema} />
              ) : schema.allOf ? (
                schema.allOf.filter((s) => s.properties).map((s, i) => <Properties key={i} schema={s} />)
              ) : (
                <p className="small">
                  <TypeLabel schema={schema} />
                </p>
              )}
            </article>
          ))}
        </section>
      </div>
    </div>
  );
}
