/**
 * Collects ids for a short while and resolves them together: many live events
 * about annotations become one request. One request runs at a time; ids that
 * arrive meanwhile go into the next. Ids are sent in chunks of `chunk`. A
 * failed request (offline, server restarting) is retried with growing
 * delays, so an announced change is never dropped.
 */
export class IdBatcher {
  private pending = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<void> | null = null;
  private disposed = false;
  private failures = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly run: (ids: string[]) => Promise<void>,
    private readonly options: { delayMs?: number; chunk?: number } = {},
  ) {}

  add(ids: Iterable<string>): void {
    if (this.disposed) return;
    for (const id of ids) this.pending.add(id);
    if (this.pending.size === 0 || this.timer !== undefined || this.running) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, this.options.delayMs ?? 50);
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
    clearTimeout(this.retryTimer);
    this.pending.clear();
  }

  private async flush(): Promise<void> {
    const chunk = this.options.chunk ?? 100;
    const ids = [...this.pending];
    this.pending.clear();
    this.running = (async () => {
      const failed: string[] = [];
      for (let i = 0; i < ids.length; i += chunk) {
        const part = ids.slice(i, i + chunk);
        try {
          await this.run(part);
        } catch {
          failed.push(...part);
        }
      }
      if (failed.length === 0) {
        this.failures = 0;
        return;
      }
      const delay = Math.min(1000 * 2 ** this.failures++, 10_000);
      clearTimeout(this.retryTimer);
      this.retryTimer = setTimeout(() => this.add(failed), delay);
    })();
    await this.running;
    this.running = null;
    if (this.pending.size > 0 && !this.disposed) this.add([]);
  }
}
