export function isStopping(): boolean;
export function markStopping(): void;
export function onStop(name: string, hook: () => Promise<unknown> | unknown): void;
export function runStopHooks(timeoutMs?: number): Promise<string[]>;
