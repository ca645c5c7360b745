import type { BlockList } from "node:net";

export const CLIENT_IP_HEADER: "x-marginalia-client-ip";
export type TrustProxy = { hops: number } | { proxies: BlockList };
export function parseTrustProxy(value: string | undefined): TrustProxy;
export function clientAddress(
  socketAddress: string | undefined,
  forwardedFor: string | string[] | undefined,
  trust: TrustProxy,
): string;
export function setClientAddressHeader(
  req: { socket: { remoteAddress?: string }; headers: Record<string, string | string[] | undefined> },
  trust: TrustProxy,
): void;
