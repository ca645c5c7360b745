"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

type WorkspaceTabsProps = { workspaceId: string; tabs: { href: string; label: string }[] };

/** The workspace's sections; the current one is marked for assistive tech too. */
export function WorkspaceTabs({ workspaceId, tabs }: WorkspaceTabsProps) {
  const pathname = usePathname();
  const base = `/w/${workspaceId}`;
  return (
    <nav className="tabs" aria-label="Workspace">
      {tabs.map((tab) => {
        const href = `${base}${tab.href}`;
        const current =
          tab.href === "" ? pathname === base || pathname.startsWith(`${base}/articles`) : pathname.startsWith(href);
        return (
          <Link key={tab.href} href={href} aria-current={current ? "page" : undefined}>
            {tab.label}
          </Link>
        );
      })}
    </nav>
  );
}
