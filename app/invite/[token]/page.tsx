import type { Metadata } from "next";
import Link from "next/link";
import { AcceptInvitationButton } from "@/components/workspace/accept-invitation-button";
import { currentUser } from "@/lib/auth/session";
import { roleLabels } from "@/lib/auth/permissions";
import { peekInvitation } from "@/lib/server/invitations/accept-invitation";

export const metadata: Metadata = { title: "Invitation" };

type InvitePageProps = { params: Promise<{ token: string }> };

export default async function InvitePage({ params }: InvitePageProps) {
  const { token } = await params;
  const [invitation, user] = await Promise.all([peekInvitation({ token }), currentUser()]);
  const here = `/invite/${encodeURIComponent(token)}`;
  return (
    <main id="main" className="auth-shell">
      <div className="auth-card card stack">
        {invitation ? (
          <>
            <h1>Join “{invitation.workspaceName}”</h1>
            <p>
              You are invited as <strong>{roleLabels[invitation.role].toLowerCase()}</strong>.
            </p>
            {user ? (
              <AcceptInvitationButton token={token} />
            ) : (
              <p>
                <Link className="button" href={`/signin?callbackUrl=${encodeURIComponent(here)}`}>
                  Sign in to accept
                </Link>{" "}
                or <Link href={`/signup?callbackUrl=${encodeURIComponent(here)}`}>create an account</Link>
              </p>
            )}
          </>
        ) : (
          <>
            <h1>Invitation not valid</h1>
            <p>This link has expired, been revoked or been used. Ask the workspace owner for a new one.</p>
            <Link href="/">Go to Marginalia</Link>
          </>
        )}
      </div>
    </main>
  );
}
