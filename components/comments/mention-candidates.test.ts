import { describe, expect, it } from "vitest";
import { filterMentionCandidates, mentionScore } from "./mention-candidates";

const members = [
  { userId: "1", name: "Ana Silva", email: "ana@example.org" },
  { userId: "2", name: "Bruno Anders", email: "bruno@example.org" },
  { userId: "3", name: "Zoë Ángel", email: "zoe.angel@example.org" },
  { userId: "4", name: "Carla Diaz", email: "analyst7@example.org" },
  { userId: "5", name: "Me Myself", email: "me@example.org" },
];

describe("mention candidates", () => {
  it("offers everyone but me for an empty query, by name", () => {
    expect(filterMentionCandidates(members, "", { excludeUserId: "5" }).map((m) => m.userId)).toEqual([
      "1",
      "2",
      "4",
      "3",
    ]);
  });

  it("ranks name prefixes, then name words, then emails, then anywhere", () => {
    expect(filterMentionCandidates(members, "an").map((m) => m.name)).toEqual([
      "Ana Silva",
      "Bruno Anders",
      "Zoë Ángel",
      "Carla Diaz",
    ]);
  });

  it("ignores case and accents, and matches emails", () => {
    expect(filterMentionCandidates(members, "ZOE").map((m) => m.userId)).toEqual(["3"]);
    expect(filterMentionCandidates(members, "ángel").map((m) => m.userId)).toEqual(["3"]);
    expect(filterMentionCandidates(members, "analyst7").map((m) => m.userId)).toEqual(["4"]);
    expect(filterMentionCandidates(members, "nobody")).toEqual([]);
    expect(mentionScore(members[0], "  ")).toBe(3);
  });

  it("limits the list", () => {
    expect(filterMentionCandidates(members, "", { limit: 2 })).toHaveLength(2);
  });
});
