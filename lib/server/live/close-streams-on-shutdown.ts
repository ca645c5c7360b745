import "server-only";
import { isStopping, onDrain } from "@/lib/observability/lifecycle.mjs";

const RECONNECT_AFTER_MS = 1000;
const encoder = new TextEncoder();

type OpenStream = { controller: ReadableStreamDefaultController<Uint8Array>; close: () => void };

const registry = globalThis as unknown as { marginaliaOpenStreams?: Set<OpenStream> };

/**
 * Registers an open event stream to be ended when this process stops accepting
 * connections (scripts/server.mjs, SHUTDOWN_DELAY_MS after SIGTERM: by then a load
 * balancer has seen readiness 503 and sends the reconnection to another instance).
 * The server drains by waiting for every open response to end, so without this
 * one open reader tab would keep it running for as long as it stays open. Each
 * stream is told to reconnect in a second, then closed. Returns the unregister
 * function.
 */
export function closeOnShutdown(stream: OpenStream): () => void {
  if (!registry.marginaliaOpenStreams) {
    const streams = new Set<OpenStream>();
    registry.marginaliaOpenStreams = streams;
    const endAll = () => {
      for (const s of streams) endStream(s);
      streams.clear();
    };
    onDrain("event-streams", endAll);
  }
  const streams = registry.marginaliaOpenStreams;
  if (isStopping()) {
    // Opened while this instance stops (before a load balancer noticed): sent elsewhere at once.
    endStream(stream);
    return () => false;
  }
  streams.add(stream);
  return () => streams.delete(stream);
}

/** Tells the client to reconnect in a second (`retry:`), then ends the stream. */
function endStream(stream: OpenStream): void {
  try {
    stream.controller.enqueue(encoder.encode(`retry: ${RECONNECT_AFTER_MS}\n\n`));
  } catch {
    // Already closed.
  }
  stream.close();
}
