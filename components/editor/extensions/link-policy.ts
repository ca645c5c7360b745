/**
 * Which link targets article content may carry. Shared by the editor schema
 * (`articleExtensions`) and the server-side content sanitizer, so a link the
 * importer keeps is one the editor renders, and the reverse.
 */

/** URL schemes an article link may use. */
export const ALLOWED_LINK_PROTOCOLS = ["http:", "https:", "mailto:"] as const;

/**
 * True if `href` is an absolute http, https or mailto URL. Parsing follows the
 * WHATWG URL standard, as browsers do, so tricks such as `java\tscript:`,
 * leading control characters or mixed case cannot smuggle another scheme past
 * this check. Relative URLs are refused: an imported article has no base.
 */
export function isAllowedHref(href: unknown): href is string {
  if (typeof href !== "string" || href.length === 0 || href.length > 2048) return false;
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return false;
  }
  return (ALLOWED_LINK_PROTOCOLS as readonly string[]).includes(url.protocol);
}
