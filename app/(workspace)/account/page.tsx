import type { Metadata } from "next";
import { ApiTokensPanel } from "@/components/api/api-tokens-panel";
import { CaptureTools } from "@/components/account/capture-tools";
import { AccountSecurity } from "@/components/auth/account-security";
import { AppHeader } from "@/components/workspace/app-header";
import { requirePageUser } from "@/lib/auth/page";
import { findApiTokens } from "@/lib/server/api-tokens/find-api-tokens";
import { findWorkspaces } from "@/lib/server/workspaces/find-workspaces";

export const metadata: Metadata = { title: "Account" };

export default async function AccountPage() {
  const user = await requirePageUser("/account");
  const [workspaces, tokens] = await Promise.all([
    findWorkspaces({ userId: user.id }),
    findApiTokens({ userId: user.id }),
  ]);
  return (
    <>
      <AppHeader user={user} workspaces={workspaces} />
      <main id="main" className="page stack" style={{ maxWidth: 760 }}>
        <h1>Account</h1>
        <p className="muted">
          Signed in as {user.name} ({user.email}).
        </p>
        <AccountSecurity />
        <CaptureTools />
        <ApiTokensPanel
          workspaces={workspaces.map((w) => ({ id: w.id, name: w.name }))}
          tokens={tokens.map((t) => ({
            ...t,
            createdAt: t.createdAt.toISOString(),
            lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
            revokedAt: t.revokedAt?.toISOString() ?? null,
          }))}
        />
      </main>
    </>
  );
}
