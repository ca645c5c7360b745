import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { AppHeader } from "@/components/workspace/app-header";
import { requirePageUser } from "@/lib/auth/page";
import { can } from "@/lib/auth/permissions";
import { findWorkspaces } from "@/lib/server/workspaces/find-workspaces";

export const metadata: Metadata = { title: "Capture a page" };

type CapturePageProps = { searchParams: Promise<{ url?: string | string[]; selection?: string | string[] }> };

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/**
 * Where the bookmarklet lands: with one workspace that may import, straight
 * to its Import → From URL with the page filled in; with several, a choice.
 */
export default async function CapturePage({ searchParams }: CapturePageProps) {
  const query = await searchParams;
  const params = new URLSearchParams();
  const url = first(query.url)?.slice(0, 2000);
  const selection = first(query.selection)?.slice(0, 2000);
  if (url) params.set("url", url);
  if (selection) params.set("selection", selection);
  const user = await requirePageUser(`/capture?${params}`);
  const workspaces = (await findWorkspaces({ userId: user.id })).filter((w) => can(w.role, "article.import"));
  if (workspaces.length === 1) redirect(`/w/${workspaces[0].id}/import?${params}`);
  return (
    <>
      <AppHeader user={user} workspaces={workspaces} />
      <main id="main" className="page stack" style={{ maxWidth: 760 }}>
        <h1>Capture a page</h1>
        {url ? (
          <p>
            Capture <code>{url}</code> into which workspace?
          </p>
        ) : (
          <p>Use the bookmarklet from your Account page on the page you want to capture.</p>
        )}
        {workspaces.length ? (
          <ul>
            {workspaces.map((w) => (
              <li key={w.id}>
                <Link href={`/w/${w.id}/import?${params}`}>{w.name}</Link>
              </li>
            ))}
          </ul>
        ) : (
          <p className="alert alert-info">You have no workspace where you may import articles.</p>
        )}
      </main>
    </>
  );
}
