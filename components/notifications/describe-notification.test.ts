import { describe, expect, it } from "vitest";
import { describeNotification, unreadBadge } from "./describe-notification";

describe("describeNotification", () => {
  it("says who did what", () => {
    const actor = { id: "u", name: "Ana Silva" };
    expect(describeNotification({ kind: "MENTION", actor })).toBe("Ana Silva mentioned you");
    expect(describeNotification({ kind: "REPLY", actor })).toBe("Ana Silva replied in a thread you’re in");
    expect(describeNotification({ kind: "REVIEW", actor: null })).toBe("Someone reviewed your annotation");
  });

  it("caps the badge", () => {
    expect(unreadBadge(7)).toBe("7");
    expect(unreadBadge(120)).toBe("99+");
  });
});
