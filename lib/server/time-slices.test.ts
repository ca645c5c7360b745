import { describe, expect, it } from "vitest";
import { timeSlices } from "./time-slices";

const busy = (ms: number) => {
  const until = performance.now() + ms;
  while (performance.now() < until);
};

describe("timeSlices", () => {
  it("is due once a slice has run its time, and passing lets waiting callbacks run and starts a new slice", async () => {
    const slices = timeSlices(5);
    expect(slices.due()).toBe(false);
    busy(6);
    expect(slices.due()).toBe(true);
    let ran = false;
    setImmediate(() => (ran = true));
    await slices.pass();
    expect(ran).toBe(true);
    expect(slices.due()).toBe(false);
  });

  it("keeps the loop's stretches near the slice whatever an item costs", async () => {
    // A clock of its own that only the items move: the machine's would also count the time this
    // process waits for a core while other test files run.
    let clock = 0;
    const slices = timeSlices(4, () => clock);
    const stretches: number[] = [];
    let started = clock;
    for (let i = 0; i < 60; i++) {
      clock += i % 3 === 0 ? 1.5 : 0.2;
      if (slices.due()) {
        stretches.push(clock - started);
        await slices.pass();
        started = clock;
      }
    }
    expect(stretches.length).toBeGreaterThan(3);
    expect(Math.max(...stretches)).toBeLessThan(4 + 1.5 + 1);
  });
});
