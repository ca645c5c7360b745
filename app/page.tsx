import { redirect } from "next/navigation";
import { requirePageUser } from "@/lib/auth/page";
import { findWorkspaces } from "@/lib/server/workspaces/find-workspaces";

/** Home: the user's workspace if they have exactly one, otherwise the list. */
export default async function HomePage() {
  const user = await requirePageUser();
  const workspaces = await findWorkspaces({ userId: user.id });
  redirect(workspaces.length === 1 ? `/w/${workspaces[0].id}` : "/workspaces");
}
