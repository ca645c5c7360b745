import Link from "next/link";

export default function WorkspaceNotFound() {
  return (
    <div className="card empty">
      <h1>Not found</h1>
      <p>This page does not exist, or you do not have access to it.</p>
      <Link href="/workspaces">Go to your workspaces</Link>
    </div>
  );
}
