import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { callRoute } from "@/test/call-route";
import { makeUser, makeWorkspace, sessionCookie } from "@/test/factories";

const route = {
  workspaces: "api/workspaces/route.ts",
  member: "api/workspaces/[workspaceId]/members/[userId]/route.ts",
  membership: "api/workspaces/[workspaceId]/membership/route.ts",
  invitations: "api/workspaces/[workspaceId]/invitations/route.ts",
  invitation: "api/workspaces/[workspaceId]/invitations/[invitationId]/route.ts",
  accept: "api/invitations/[token]/route.ts",
  workspace: "api/workspaces/[workspaceId]/route.ts",
};

async function invite(ownerCookie: string, workspaceId: string, role = "ANALYST") {
  const res = await callRoute({
    file: route.invitations,
    method: "POST",
    params: { workspaceId },
    cookie: ownerCookie,
    json: { role },
  });
  expect(res.status).toBe(201);
  const { data } = await res.json();
  return { id: data.id as string, token: new URL(data.url).pathname.split("/").pop()! };
}

describe("workspaces", () => {
  it("a creator becomes the owner; the workspace appears in their list with the activity logged", async () => {
    const user = await makeUser();
    const cookie = await sessionCookie(user);
    const created = await callRoute({ file: route.workspaces, method: "POST", cookie, json: { name: "  Desk  " } });
    expect(created.status).toBe(201);
    const { data } = await created.json();
    expect(data.name).toBe("Desk");
    const list = await (await callRoute({ file: route.workspaces, method: "GET", cookie })).json();
    expect(list.data).toEqual([expect.objectContaining({ id: data.id, role: "OWNER", memberCount: 1 })]);
    expect(
      await db.activityEvent.findFirst({ where: { workspaceId: data.id, action: "workspace.created" } }),
    ).not.toBeNull();
  });

  it("refuses an empty name with the field at fault", async () => {
    const cookie = await sessionCookie(await makeUser());
    const res = await callRoute({ file: route.workspaces, method: "POST", cookie, json: { name: "   " } });
    expect(res.status).toBe(422);
    expect((await res.json()).error.details.fieldErrors.name).toBeDefined();
  });
});

describe("invitations", () => {
  it("joins with the invited role, once; the secret is stored only as a hash", async () => {
    const owner = await makeUser();
    const workspaceId = await makeWorkspace([{ user: owner, role: "OWNER" }]);
    const ownerCookie = await sessionCookie(owner);
    const { id, token } = await invite(ownerCookie, workspaceId, "REVIEWER");
    const stored = await db.invitation.findUniqueOrThrow({ where: { id } });
    expect(stored.tokenHash).not.toContain(token);

    const guest = await makeUser();
    const accepted = await callRoute({
      file: route.accept,
      method: "POST",
      params: { token },
      cookie: await sessionCookie(guest),
    });
    expect(accepted.status).toBe(200);
    expect((await accepted.json()).data).toEqual({ workspaceId, role: "REVIEWER" });
    expect(await db.activityEvent.count({ where: { workspaceId, action: "member.joined", actorId: guest.id } })).toBe(
      1,
    );

    const third = await makeUser();
    const again = await callRoute({
      file: route.accept,
      method: "POST",
      params: { token },
      cookie: await sessionCookie(third),
    });
    expect(again.status).toBe(404);
  });

  it("a revoked or expired link does not work", async () => {
    const owner = await makeUser();
    const workspaceId = await makeWorkspace([{ user: owner, role: "OWNER" }]);
    const ownerCookie = await sessionCookie(owner);
    const revoked = await invite(ownerCookie, workspaceId);
    expect(
      (
        await callRoute({
          file: route.invitation,
          method: "DELETE",
          params: { workspaceId, invitationId: revoked.id },
          cookie: ownerCookie,
        })
      ).status,
    ).toBe(204);
    const expired = await invite(ownerCookie, workspaceId);
    await db.invitation.update({ where: { id: expired.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const guestCookie = await sessionCookie(await makeUser());
    for (const { token } of [revoked, expired]) {
      const res = await callRoute({ file: route.accept, method: "POST", params: { token }, cookie: guestCookie });
      expect(res.status).toBe(404);
    }
  });

  it("refuses an unknown role and an over-long expiry", async () => {
    const owner = await makeUser();
    const workspaceId = await makeWorkspace([{ user: owner, role: "OWNER" }]);
    const cookie = await sessionCookie(owner);
    const res = await callRoute({
      file: route.invitations,
      method: "POST",
      params: { workspaceId },
      cookie,
      json: { role: "ADMIN", expiresInDays: 365 },
    });
    expect(res.status).toBe(422);
    const { fieldErrors } = (await res.json()).error.details;
    expect(Object.keys(fieldErrors).sort()).toEqual(["expiresInDays", "role"]);
  });
});

describe("members", () => {
  it("the last owner can be neither demoted nor leave; with a second owner both work", async () => {
    const owner = await makeUser();
    const other = await makeUser();
    const workspaceId = await makeWorkspace([
      { user: owner, role: "OWNER" },
      { user: other, role: "ANALYST" },
    ]);
    const cookie = await sessionCookie(owner);
    const demote = await callRoute({
      file: route.member,
      method: "PATCH",
      params: { workspaceId, userId: owner.id },
      cookie,
      json: { role: "VIEWER" },
    });
    expect(demote.status).toBe(409);
    expect(
      (await callRoute({ file: route.membership, method: "DELETE", params: { workspaceId }, cookie })).status,
    ).toBe(409);

    expect(
      (
        await callRoute({
          file: route.member,
          method: "PATCH",
          params: { workspaceId, userId: other.id },
          cookie,
          json: { role: "OWNER" },
        })
      ).status,
    ).toBe(200);
    expect(
      (await callRoute({ file: route.membership, method: "DELETE", params: { workspaceId }, cookie })).status,
    ).toBe(204);
    expect((await callRoute({ file: route.workspace, method: "GET", params: { workspaceId }, cookie })).status).toBe(
      404,
    );
    const events = await db.activityEvent.findMany({ where: { workspaceId }, select: { action: true } });
    expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(["member.role_changed", "member.left"]));
  });

  it("a removed member loses access at once", async () => {
    const owner = await makeUser();
    const analyst = await makeUser();
    const workspaceId = await makeWorkspace([
      { user: owner, role: "OWNER" },
      { user: analyst, role: "ANALYST" },
    ]);
    const analystCookie = await sessionCookie(analyst);
    expect(
      (await callRoute({ file: route.workspace, method: "GET", params: { workspaceId }, cookie: analystCookie }))
        .status,
    ).toBe(200);
    const removed = await callRoute({
      file: route.member,
      method: "DELETE",
      params: { workspaceId, userId: analyst.id },
      cookie: await sessionCookie(owner),
    });
    expect(removed.status).toBe(204);
    expect(
      (await callRoute({ file: route.workspace, method: "GET", params: { workspaceId }, cookie: analystCookie }))
        .status,
    ).toBe(404);
  });

  it("a member of another workspace cannot touch this one's members (404)", async () => {
    const owner = await makeUser();
    const workspaceId = await makeWorkspace([{ user: owner, role: "OWNER" }]);
    const stranger = await makeUser();
    await makeWorkspace([{ user: stranger, role: "OWNER" }]);
    const res = await callRoute({
      file: route.member,
      method: "DELETE",
      params: { workspaceId, userId: owner.id },
      cookie: await sessionCookie(stranger),
    });
    expect(res.status).toBe(404);
  });
});
