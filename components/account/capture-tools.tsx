"use client";

import { useEffect, useRef, useSyncExternalStore } from "react";

const noSubscription = () => () => {};

/**
 * The bookmarklet: on any page, opens Marginalia's capture page with the
 * page's address and the selected text (never the page's HTML, which a
 * page's Content-Security-Policy may keep a bookmarklet from reading).
 */
export function bookmarkletCode(origin: string): string {
  return `javascript:(()=>{const s=String(getSelection()).slice(0,2000);window.open(${JSON.stringify(
    `${origin}/capture?url=`,
  )}+encodeURIComponent(location.href)+(s?'&selection='+encodeURIComponent(s):''),'_blank','noopener')})()`;
}

/** Account → Capture from the browser: the bookmarklet to drag, and how to connect the extension. */
export function CaptureTools() {
  const link = useRef<HTMLAnchorElement>(null);
  // The app's address as the browser reached it; unknown while rendering on the server.
  const origin = useSyncExternalStore(
    noSubscription,
    () => window.location.origin,
    () => null,
  );

  useEffect(() => {
    // React refuses javascript: URLs in href; the bookmarklet's link is set on the element itself.
    if (origin) link.current?.setAttribute("href", bookmarkletCode(origin));
  }, [origin]);

  return (
    <section className="card stack" aria-labelledby="capture-tools-heading">
      <h2 id="capture-tools-heading">Capture from the browser</h2>
      <p>
        Drag this button to your bookmarks bar. On any page, click it to capture the page into a workspace, with the
        text you selected highlighted:{" "}
        <a ref={link} className="button button-secondary button-small" data-testid="bookmarklet" draggable>
          Send to Marginalia
        </a>
      </p>
      <p className="muted">
        For pages behind a sign-in or a paywall, use the browser extension (the <code>extension/</code> folder, built
        with <code>npm run build:extension</code>): it sends the page as you see it. Create a{" "}
        <strong>Read &amp; write</strong> API token below for the workspace, then paste it into the extension with this
        server&apos;s address
        {origin ? (
          <>
            {" "}
            (<code>{origin}</code>)
          </>
        ) : null}
        .
      </p>
    </section>
  );
}
