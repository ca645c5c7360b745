import type { Metadata } from "next";
import { InvitePanel } from "@/components/workspace/invite-panel";
import { LeaveWorkspaceButton } from "@/components/workspace/leave-workspace-button";
import { MemberRow } from "@/components/workspace/member-row";
import { requireWorkspacePage } from "@/lib/auth/page";
import { can } from "@/lib/auth/permissions";
import { findOpenInvitations } from "@/lib/server/invitations/find-invitations";
import { findMembers } from "@/lib/server/members/find-members";

export const metadata: Metadata = { title: "Members" };

type MembersPageProps = { params: Promise<{ workspaceId: string }> };

export default async function MembersPage({ params }: MembersPageProps) {
  const { workspaceId } = await params;
  const { user, membership } = await requireWorkspacePage(workspaceId);
  const canManage = can(membership.role, "member.manage");
  const [members, invitations] = await Promise.all([
    findMembers({ workspaceId }),
    can(membership.role, "invitation.manage") ? findOpenInvitations({ workspaceId }) : Promise.resolve(null),
  ]);
  const ownerCount = members.filter((m) => m.role === "OWNER").length;
  return (
    <div className="stack">
      <div className="page-header">
        <div>
          <h1>Members</h1>
          <p>{members.length === 1 ? "1 member" : `${members.length} members`}</p>
        </div>
        <LeaveWorkspaceButton workspaceId={workspaceId} isLastOwner={membership.role === "OWNER" && ownerCount === 1} />
      </div>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Role</th>
            {canManage ? <th scope="col">Actions</th> : null}
          </tr>
        </thead>
        <tbody>
          {members.map((m) => (
            <MemberRow
              key={m.userId}
              workspaceId={workspaceId}
              member={{ ...m, joinedAt: m.joinedAt.toISOString() }}
              canManage={canManage}
              isSelf={m.userId === user.id}
              isLastOwner={m.role === "OWNER" && ownerCount === 1}
            />
          ))}
        </tbody>
      </table>
      {invitations ? (
        <InvitePanel
          workspaceId={workspaceId}
          invitations={invitations.map((i) => ({
            ...i,
            createdAt: i.createdAt.toISOString(),
            expiresAt: i.expiresAt.toISOString(),
          }))}
        />
      ) : null}
    </div>
  );
}
