import type { Metadata } from "next";
import { AccountSecurity } from "@/components/auth/account-security";
import { AppHeader } from "@/components/workspace/app-header";
import { requirePageUser } from "@/lib/auth/page";
import { findWorkspaces } from "@/lib/server/workspaces/find-workspaces";

export const metadata: Metadata = { title: "Account" };

export default async function AccountPage() {
  const user = await requirePageUser("/account");
  const workspaces = await findWorkspaces({ userId: user.id });
  return (
    <>
      <AppHeader user={user} workspaces={workspaces} />
      <main id="main" className="page page-narrow stack">
        <h1>Account</h1>
        <p className="muted">
          Signed in as {user.name} ({user.email}).
        </p>
        <AccountSecurity />
      </main>
    </>
  );
}
