import { api } from "@/lib/client/api";
import type { MentionCandidate } from "./mention-candidates";

/** How long a workspace's member list is reused before it is fetched again. */
const FRESH_MS = 60_000;
const cache = new Map<string, { at: number; members: Promise<MentionCandidate[]> }>();

/** The workspace's members for @mentions, fetched at most once a minute (and again after a failure). */
export function loadMentionCandidates(workspaceId: string): Promise<MentionCandidate[]> {
  const hit = cache.get(workspaceId);
  if (hit && Date.now() - hit.at < FRESH_MS) return hit.members;
  const members = api<MentionCandidate[]>(`/api/workspaces/${workspaceId}/members`).then(
    (list) => list.map(({ userId, name, email }) => ({ userId, name, email })),
    (err) => {
      cache.delete(workspaceId);
      throw err;
    },
  );
  cache.set(workspaceId, { at: Date.now(), members });
  return members;
}

/** Forgets a workspace's members (someone joined or left). */
export function forgetMentionCandidates(workspaceId: string): void {
  cache.delete(workspaceId);
}
