/**
 * Collects ids for a short while and resolves them together: many live events
 * about annotations become one request. One request runs at a time; ids that
 * arrive meanwhile go into the next. Ids are sent in chunks of `chunk`. A
 * failed request (offline, server restarting, an error answer) is retried
 * after each of `retryDelaysMs`; when those retries fail too, its ids are kept
 * as not applied and `onSyncChange(false)` says the view is out of sync. Every
 * later request (the next event, or `resync()` when the stream reconnects)
 * carries all ids not applied yet, and once one succeeds with nothing left
 * over, `onSyncChange(true)`. An announced change is never dropped silently.
 */
export class IdBatcher {
  private pending = new Set<string>();
  /** Ids whose requests failed after every retry: not applied yet. */
  private stranded = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<void> | null = null;
  private disposed = false;
  private failures = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private inSync = true;

  constructor(
    private readonly run: (ids: string[]) => Promise<void>,
    private readonly options: {
      delayMs?: number;
      chunk?: number;
      /** Waits before each retry of a failed request. @default [1000, 2000, 4000, 8000] */
      retryDelaysMs?: readonly number[];
      /** Told when ids could not be applied after every retry (false), and when all are applied again (true). */
      onSyncChange?: (inSync: boolean) => void;
    } = {},
  ) {}

  add(ids: Iterable<string>): void {
    if (this.disposed) return;
    for (const id of ids) this.pending.add(id);
    if (this.pending.size > 0 && this.stranded.size > 0) this.takeStranded();
    if (this.pending.size === 0 || this.timer !== undefined || this.running) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, this.options.delayMs ?? 50);
  }

  /** Tries again, now, every id not applied yet (e.g. when the live stream has reconnected). */
  resync(): void {
    if (this.disposed || this.stranded.size === 0) return;
    clearTimeout(this.retryTimer);
    this.failures = 0;
    this.takeStranded();
    this.add([]);
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
    clearTimeout(this.retryTimer);
    this.pending.clear();
    this.stranded.clear();
  }

  private takeStranded(): void {
    for (const id of this.stranded) this.pending.add(id);
    this.stranded.clear();
  }

  private setInSync(inSync: boolean): void {
    if (this.inSync === inSync) return;
    this.inSync = inSync;
    this.options.onSyncChange?.(inSync);
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
      if (this.disposed) return;
      if (failed.length === 0) {
        this.failures = 0;
        if (this.stranded.size === 0 && this.pending.size === 0) this.setInSync(true);
        return;
      }
      const delays = this.options.retryDelaysMs ?? [1000, 2000, 4000, 8000];
      if (this.failures >= delays.length) {
        this.failures = 0;
        for (const id of failed) this.stranded.add(id);
        this.setInSync(false);
        return;
      }
      const delay = delays[this.failures++];
      clearTimeout(this.retryTimer);
      this.retryTimer = setTimeout(() => this.add(failed), delay);
    })();
    await this.running;
    this.running = null;
    if (this.pending.size > 0 && !this.disposed) this.add([]);
  }
}
