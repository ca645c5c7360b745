import "server-only";
import { setImmediate as nextTurn } from "node:timers/promises";

/** How long work on the request thread runs before other requests get a turn. */
export const SLICE_MS = 4;

/**
 * Long work on the request thread (an upload already received, the checks and
 * rows of a 12,000-highlight import, an archive's lines) cut into slices of
 * about {@link SLICE_MS}: between items, `if
 * (slices.due()) await slices.pass()` gives the event loop a turn once the
 * slice has run that long. By time rather than every N items, a slice stays
 * short however much an item costs and however loaded the machine is; a
 * request served meanwhile needs several turns of the loop and waits for a
 * whole slice at each (bench/README.md, "availability"). `now` is the clock
 * (a test's own, where the machine's would also time other processes).
 */
export function timeSlices(sliceMs = SLICE_MS, now: () => number = () => performance.now()) {
  let started = now();
  return {
    due: () => now() - started >= sliceMs,
    async pass(): Promise<void> {
      await nextTurn();
      started = now();
    },
  };
}
