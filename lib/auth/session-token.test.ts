import { encode } from "next-auth/jwt";
import { afterEach, describe, expect, it, vi } from "vitest";
import { decodeSessionToken } from "./session-token";

const secret = () => process.env.NEXTAUTH_SECRET!;

afterEach(() => {
  vi.useRealTimers();
});

describe("decodeSessionToken", () => {
  it("returns the user, session version and session of a valid token, again and again", async () => {
    const token = await encode({ token: { sub: "user-1", sv: 3, sid: "s1", name: "Ada" }, secret: secret() });
    expect(await decodeSessionToken(token)).toEqual({ sub: "user-1", sv: 3, sid: "s1" });
    expect(await decodeSessionToken(token)).toEqual({ sub: "user-1", sv: 3, sid: "s1" });
  });

  it("refuses a garbled token, one without a session version or session, and one for another secret", async () => {
    expect(await decodeSessionToken("garbage")).toBeNull();
    expect(
      await decodeSessionToken(await encode({ token: { sub: "user-1", sid: "s1" }, secret: secret() })),
    ).toBeNull();
    // Issued before sessions were rows: signed out.
    expect(await decodeSessionToken(await encode({ token: { sub: "user-1", sv: 0 }, secret: secret() }))).toBeNull();
    expect(
      await decodeSessionToken(await encode({ token: { sub: "user-1", sv: 0, sid: "s1" }, secret: "another" })),
    ).toBeNull();
  });

  it("refuses a token once it has expired, even after it was decoded while valid", async () => {
    const token = await encode({ token: { sub: "user-2", sv: 0, sid: "s2" }, secret: secret(), maxAge: 60 });
    expect(await decodeSessionToken(token)).toEqual({ sub: "user-2", sv: 0, sid: "s2" });
    vi.useFakeTimers({ now: Date.now() + 70_000, toFake: ["Date"] });
    expect(await decodeSessionToken(token)).toEqual({ sub: "user-2", sv: 0, sid: "s2" });
    vi.setSystemTime(Date.now() + 10_000);
    expect(await decodeSessionToken(token)).toBeNull();
  });

  it("decodes again under a new secret", async () => {
    const original = secret();
    const token = await encode({ token: { sub: "user-3", sv: 1, sid: "s3" }, secret: original });
    expect(await decodeSessionToken(token)).toEqual({ sub: "user-3", sv: 1, sid: "s3" });
    process.env.NEXTAUTH_SECRET = `${original}-rotated`;
    try {
      expect(await decodeSessionToken(token)).toBeNull();
    } finally {
      process.env.NEXTAUTH_SECRET = original;
    }
    expect(await decodeSessionToken(token)).toEqual({ sub: "user-3", sv: 1, sid: "s3" });
  });
});
