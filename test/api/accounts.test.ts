import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { verifyPassword } from "@/lib/auth/password";
import { assertSignInAllowed, clearFailedSignIns, recordFailedSignIn } from "@/lib/auth/rate-limit";
import { verifyCredentials } from "@/lib/server/users/verify-credentials";
import { callRoute } from "@/test/call-route";
import { makeUser, makeWorkspace, sessionCookie } from "@/test/factories";

const signup = (json: unknown) => callRoute({ file: "api/auth/signup/route.ts", method: "POST", json });
const email = () => `signup-${Math.random().toString(36).slice(2)}@test.marginalia.local`;

describe("sign-up", () => {
  it("creates the account with an argon2id hash and logs it", async () => {
    const address = email();
    const res = await signup({ name: "  Ada  ", email: address.toUpperCase(), password: "a-long-enough-secret" });
    expect(res.status).toBe(201);
    const user = await db.user.findUniqueOrThrow({ where: { email: address } });
    expect(user.name).toBe("Ada");
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(user.passwordHash, "a-long-enough-secret")).toBe(true);
    expect(await db.activityEvent.count({ where: { actorId: user.id, action: "user.signed_up" } })).toBe(1);
  });

  it.each([
    [{ name: "A", email: "not-an-email", password: "a-long-enough-secret" }, "email"],
    [{ name: "A", email: email(), password: "short" }, "password"],
    [{ name: "", email: email(), password: "a-long-enough-secret" }, "name"],
  ])("refuses bad input with 422 and the field at fault (%#)", async (input, field) => {
    const res = await signup(input);
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(body.error.code).toBe("UNPROCESSABLE");
    expect(body.error.details.fieldErrors[field]).toBeDefined();
  });

  it("refuses common passwords even when long enough", async () => {
    const res = await signup({ name: "A", email: email(), password: "password123" });
    expect(res.status).toBe(422);
    expect((await res.json()).error.details.fieldErrors.password[0]).toMatch(/too common/);
  });

  it("refuses a second account for the same email with 409", async () => {
    const address = email();
    expect((await signup({ name: "A", email: address, password: "a-long-enough-secret" })).status).toBe(201);
    const res = await signup({ name: "B", email: address, password: "another-long-secret" });
    expect(res.status).toBe(409);
    expect(await db.user.count({ where: { email: address } })).toBe(1);
  });

  it("answers malformed JSON with 400, not 500", async () => {
    const res = await callRoute({
      file: "api/auth/signup/route.ts",
      method: "POST",
      body: "{nope",
      headers: { "content-type": "application/json" },
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe("BAD_REQUEST");
  });
});

describe("credentials", () => {
  it("wrong password and unknown email look the same", async () => {
    const address = email();
    await signup({ name: "A", email: address, password: "a-long-enough-secret" });
    expect(await verifyCredentials({ email: address, password: "a-long-enough-secret" })).toMatchObject({
      email: address,
    });
    expect(await verifyCredentials({ email: address, password: "wrong-password!" })).toBeNull();
    expect(await verifyCredentials({ email: email(), password: "a-long-enough-secret" })).toBeNull();
  });

  it("limits failed sign-ins per email with 429 and Retry-After, and forgets them after success", async () => {
    const address = email();
    for (let i = 0; i < 10; i++) {
      await assertSignInAllowed(address, "203.0.113.9");
      await recordFailedSignIn(address, `198.51.100.${i}`);
    }
    const blocked = await assertSignInAllowed(address, "203.0.113.9").catch((e) => e);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers["Retry-After"])).toBeGreaterThan(800);
    await clearFailedSignIns(address);
    await expect(assertSignInAllowed(address, "203.0.113.9")).resolves.toBeUndefined();
  });
});

describe("sessions are checked against the database on every request", () => {
  it("signing out everywhere ends existing sessions at once", async () => {
    const user = await makeUser();
    const cookie = await sessionCookie(user);
    expect((await callRoute({ file: "api/workspaces/route.ts", method: "GET", cookie })).status).toBe(200);
    expect((await callRoute({ file: "api/account/sessions/route.ts", method: "DELETE", cookie })).status).toBe(200);
    expect((await callRoute({ file: "api/workspaces/route.ts", method: "GET", cookie })).status).toBe(401);
  });

  it("changing the password ends existing sessions", async () => {
    const address = email();
    await signup({ name: "A", email: address, password: "a-long-enough-secret" });
    const user = await db.user.findUniqueOrThrow({ where: { email: address } });
    const cookie = await sessionCookie(user);
    const wrong = await callRoute({
      file: "api/account/password/route.ts",
      method: "POST",
      cookie,
      json: { currentPassword: "nope-nope-nope", newPassword: "brand-new-secret-1" },
    });
    expect(wrong.status).toBe(422);
    const res = await callRoute({
      file: "api/account/password/route.ts",
      method: "POST",
      cookie,
      json: { currentPassword: "a-long-enough-secret", newPassword: "brand-new-secret-1" },
    });
    expect(res.status).toBe(200);
    expect((await callRoute({ file: "api/workspaces/route.ts", method: "GET", cookie })).status).toBe(401);
    expect(await verifyCredentials({ email: address, password: "brand-new-secret-1" })).not.toBeNull();
  });

  it("a user removed from the platform loses every session", async () => {
    const user = await makeUser();
    const cookie = await sessionCookie(user);
    await db.user.update({ where: { id: user.id }, data: { disabledAt: new Date() } });
    expect((await callRoute({ file: "api/workspaces/route.ts", method: "GET", cookie })).status).toBe(401);
  });

  it("on workspace routes, where session and membership are read together: 401, then 404 for a deleted workspace", async () => {
    const [member, outsider, disabled] = await Promise.all([makeUser(), makeUser(), makeUser()]);
    const workspaceId = await makeWorkspace([
      { user: member, role: "OWNER" },
      { user: disabled, role: "OWNER" },
    ]);
    const read = async (cookie: string) =>
      callRoute({ file: "api/workspaces/[workspaceId]/route.ts", method: "GET", params: { workspaceId }, cookie });
    const cookie = await sessionCookie(member);
    expect((await read(cookie)).status).toBe(200);

    const stale = await sessionCookie({ ...member, sessionVersion: member.sessionVersion + 1 });
    expect((await read(stale)).status).toBe(401);
    await db.user.update({ where: { id: disabled.id }, data: { disabledAt: new Date() } });
    expect((await read(await sessionCookie(disabled))).status).toBe(401);
    expect((await read(await sessionCookie({ id: `${outsider.id}-unknown`, sessionVersion: 0 }))).status).toBe(401);
    expect((await read("next-auth.session-token=garbage")).status).toBe(401);
    const stranger = await read(await sessionCookie(outsider));
    expect(stranger.status).toBe(404);

    await db.workspace.update({ where: { id: workspaceId }, data: { deletedAt: new Date() } });
    const deleted = await read(cookie);
    expect(deleted.status).toBe(404);
    expect((await deleted.json()).error).toEqual((await stranger.json()).error);
  });

  it("a forged or garbled cookie is anonymous", async () => {
    const res = await callRoute({
      file: "api/workspaces/route.ts",
      method: "GET",
      cookie: "next-auth.session-token=garbage",
    });
    expect(res.status).toBe(401);
  });
});
