"use client";

import { useRouter } from "next/navigation";
import { useLiveEvents } from "@/components/live/use-live-events";

/**
 * Reloads the page's server data when one of the signed-in member's
 * assignments changes (assigned, submitted, reopened, blind mode switched):
 * what they may see may have changed with it.
 */
export function AssignmentRefresh() {
  const router = useRouter();
  useLiveEvents(["assignment.changed"], () => router.refresh());
  return null;
}
