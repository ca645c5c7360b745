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
 * whole slice at each (bench/README.md, "availability").
 */
export function timeSlices(sliceMs = SLICE_MS) {
  let started = performance.now();
  return {
    due: () => performance.now() - started >= sliceMs,
    async pass(): Promise<void> {
      await nextTurn();
      started = performance.now();
    },
  };
}
