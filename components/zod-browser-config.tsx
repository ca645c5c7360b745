"use client";

import { z } from "zod";

// zod compiles object parsers with `new Function` where it can; the pages' CSP has no 'unsafe-eval'
// (lib/content-security-policy.ts), so in the browser it interprets them instead. Rendered once, by
// the root layout, so that this runs before any form or live update parses anything.
z.config({ jitless: true });

/** Applies the browser's zod configuration (above); renders nothing. */
export function ZodBrowserConfig() {
  return null;
}
