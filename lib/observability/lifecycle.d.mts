export function isWarmingUp(): boolean;
export function setWarmingUp(warmingUp: boolean): void;
export function isStopping(): boolean;
export function markStopping(): void;
export function isDraining(): boolean;
export function onDrain(name: string, hook: () => void): void;
export function startDraining(): void;
export function onStop(name: string, hook: () => Promise<unknown> | unknown): void;
export function runStopHooks(timeoutMs?: number): Promise<string[]>;
