import type { Metadata } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { ZodBrowserConfig } from "@/components/zod-browser-config";
import "./globals.css";
import "./editor.css";
import "@/components/annotations/annotations.css";
import "@/components/editor/annotation-highlights.css";
import "@/components/exports/exports.css";
import "@/components/entities/entities.css";
import "@/components/comments/comments.css";
import "@/components/live/live.css";
import "@/components/notifications/notifications.css";
import "@/components/review/review.css";
import "@/components/search/search.css";

export const metadata: Metadata = {
  title: { default: "Marginalia", template: "%s · Marginalia" },
  description: "Read, highlight, tag and discuss articles as a team.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page renders per request, so that its scripts carry that response's CSP nonce (proxy.ts).
  await connection();
  return (
    <html lang="en">
      <body>
        <ZodBrowserConfig />
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        {children}
      </body>
    </html>
  );
}
