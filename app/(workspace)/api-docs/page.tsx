import type { Metadata } from "next";
import Link from "next/link";
import { headers } from "next/headers";
import { ApiReference, type OpenApiDoc } from "@/components/api/api-reference";
import { AppHeader } from "@/components/workspace/app-header";
import { currentUser } from "@/lib/auth/session";
import { openApiDocument } from "@/lib/openapi/document";
import { findWorkspaces } from "@/lib/server/workspaces/find-workspaces";

export const metadata: Metadata = { title: "API documentation" };

/** The public API's reference, rendered from the same OpenAPI document as /api/openapi.json. */
export default async function ApiDocsPage() {
  const user = await currentUser();
  const workspaces = user ? await findWorkspaces({ userId: user.id }) : [];
  const doc = openApiDocument() as unknown as OpenApiDoc;
  const host = (await headers()).get("host") ?? "localhost:3000";
  const origin = process.env.NEXTAUTH_URL?.replace(/\/$/, "") || `http://${host}`;
  return (
    <>
      {user ? (
        <AppHeader user={user} workspaces={workspaces} />
      ) : (
        <header className="app-header">
          <Link href="/" className="brand">
            <span className="brand-mark" aria-hidden="true" /> Marginalia
          </Link>
          <span className="spacer" />
          <Link href="/signin">Sign in</Link>
        </header>
      )}
      <main id="main" className="page stack api-docs">
        <div className="page-header">
          <div>
            <h1>{doc.info.title}</h1>
            <p>
              Version {doc.info.version} · OpenAPI 3.1: <a href="/api/openapi.json">/api/openapi.json</a>
            </p>
          </div>
        </div>
        <section className="card stack api-intro" aria-labelledby="getting-started">
          <h2 id="getting-started">Getting started</h2>
          <p>
            Create a personal API token under{" "}
            {user ? <Link href="/account#api-tokens-heading">Account → API tokens</Link> : "Account → API tokens"}. A
            token belongs to one workspace and acts as you there: your current role decides what it may do, a{" "}
            <strong>Read</strong> token may only make <code>GET</code> requests, and a revoked token stops working at
            once.
          </p>
          <pre className="code-box api-curl">
            {`export TOKEN=mrg_…   # from Account → API tokens
curl -H "Authorization: Bearer $TOKEN" ${origin}/api/workspaces
curl -H "Authorization: Bearer $TOKEN" "${origin}/api/workspaces/<workspaceId>/annotations?limit=100"`}
          </pre>
          <ul className="api-facts">
            <li>
              Errors are always <code>{`{ "error": { "code", "message", "details"? } }`}</code>: 401 no valid token, 403
              not allowed (role or a read-only token), 404 not found or outside the token&apos;s workspace, 409
              conflict, 422 invalid input (<code>details.fieldErrors</code>), 429 rate limited (wait{" "}
              <code>Retry-After</code> seconds).
            </li>
            <li>
              Lists that can be long answer a page at a time: pass the answer&apos;s <code>nextCursor</code> as{" "}
              <code>cursor</code> until it is <code>null</code>.
            </li>
            <li>
              Offsets (<code>start</code>, <code>end</code>) are UTF-16 code units into the article revision&apos;s
              canonical text (<code>currentRevision.text</code>), <code>end</code> exclusive.
            </li>
          </ul>
        </section>
        <ApiReference doc={doc} />
      </main>
    </>
  );
}
