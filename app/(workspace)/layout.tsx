import type { ReactNode } from "react";

export default function WorkspaceAreaLayout({ children }: { children: ReactNode }) {
  return children;
}
