import type { Metadata } from "next";
import Link from "next/link";
import { EntityNetworkView } from "@/components/entity-network/entity-network-view";
import { requireWorkspacePage } from "@/lib/auth/page";
import { findEntityNetwork, findNetworkArticles } from "@/lib/server/entities/find-entity-network";
import { findAnnotationVisibility } from "@/lib/server/assignments/visible-authors";
import "@/components/entity-network/entity-network.css";

export const metadata: Metadata = { title: "Entity network" };

type EntityNetworkPageProps = { params: Promise<{ workspaceId: string }> };

export default async function EntityNetworkPage({ params }: EntityNetworkPageProps) {
  const { workspaceId } = await params;
  const { user, membership } = await requireWorkspacePage(workspaceId, {
    returnTo: `/w/${workspaceId}/entities/network`,
    permission: "entity.list",
  });
  const visibility = await findAnnotationVisibility({ workspaceId, viewer: { id: user.id, role: membership.role } });
  const [network, articles] = await Promise.all([
    findEntityNetwork({ workspaceId, visibility }),
    findNetworkArticles(workspaceId, visibility),
  ]);

  return (
    <div className="stack">
      <nav aria-label="Breadcrumb" className="small">
        <Link href={`/w/${workspaceId}/entities`}>Entities</Link>
      </nav>
      <div className="page-header">
        <div>
          <h1>Entity network</h1>
          <p>Entities tagged in the same paragraph, linked by how often they appear together.</p>
        </div>
      </div>
      {network.nodes.length ? (
        <EntityNetworkView workspaceId={workspaceId} articles={articles} initial={network} />
      ) : (
        <div className="card empty">
          <p>No entities are tagged yet. The network appears as soon as someone tags a mention in an article.</p>
          <Link href={`/w/${workspaceId}`}>Go to the articles</Link>
        </div>
      )}
    </div>
  );
}
