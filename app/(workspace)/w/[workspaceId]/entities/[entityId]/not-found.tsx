"use client";

import Link from "next/link";
import { useParams } from "next/navigation";

export default function EntityNotFound() {
  const { workspaceId } = useParams<{ workspaceId: string }>();
  return (
    <div className="card empty">
      <h1>Entity not found</h1>
      <p>This entity does not exist in this workspace, or you do not have access to it.</p>
      <Link href={workspaceId ? `/w/${workspaceId}/entities` : "/workspaces"}>Back to the entities</Link>
    </div>
  );
}
