import type { Counter, Histogram, Registry } from "prom-client";

export type Metrics = {
  registry: Registry;
  httpRequests: Counter<"method" | "route" | "status">;
  httpDuration: Histogram<"method" | "route" | "status">;
  rateLimitRefusals: Counter<"route">;
  liveDeliveryLag: Histogram<string>;
};

export function metrics(): Metrics;
export function recordRequest(request: { method: string; route: string; status: number; seconds: number }): void;
