// The compute pool's threads run behind the request thread (issue 13): on
// Linux each lowers its own nice value when it starts, and only its own.
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { contentFromHtmlOffThread } from "@/lib/server/compute-pool";

/** The nice value of each thread of this process, by thread id (from /proc: field 19 of its stat). */
function niceByThread(): Map<number, number> {
  const nice = new Map<number, number>();
  for (const tid of readdirSync("/proc/self/task")) {
    try {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, "utf8");
      // After the command name (in parentheses, which may hold spaces) come fields 3 onwards.
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      nice.set(Number(tid), Number(fields[19 - 3]));
    } catch {
      // The thread ended meanwhile.
    }
  }
  return nice;
}

describe.runIf(process.platform === "linux")("the compute pool's priority", () => {
  it("runs its tasks on threads with nice 10 and leaves the process's other threads alone", async () => {
    const before = niceByThread();
    const main = before.get(process.pid)!;
    await contentFromHtmlOffThread("<p>Started.</p>");
    const after = niceByThread();
    // (A process already running at nice 10 or more keeps its value: a thread may not raise it.)
    const pooled = Math.max(10, main);
    expect([...after.values()].filter((nice) => nice === pooled).length).toBeGreaterThanOrEqual(1);
    expect(after.get(process.pid)).toBe(main);
    // Every thread that was there before and is not the pool's keeps its value.
    for (const [tid, nice] of before) {
      if (nice !== pooled && after.has(tid)) expect(after.get(tid), `thread ${tid}`).toBe(nice);
    }
  });
});
