/**
 * The Content-Security-Policy of every app page (proxy.ts sets it with a fresh
 * nonce per request; Next.js puts the nonce on its own scripts). Scripts run
 * only with the nonce, or when loaded by a script that has it
 * (`'strict-dynamic'`): no inline script or event-handler attribute runs.
 * Styles allow inline `style` attributes, which React, Tiptap, sigma and
 * recharts set. The network graph's layout runs in a worker built from a
 * `blob:` URL. Development adds `'unsafe-eval'` for React's dev tools.
 */
export function contentSecurityPolicy(nonce: string, options: { dev?: boolean } = {}): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** A nonce for one response: 128 random bits, base64. */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}
