"use client";

import { signOut } from "next-auth/react";

/** Ends this browser's session. */
export function SignOutButton() {
  return (
    <button
      type="button"
      className="button button-secondary button-small"
      onClick={() => signOut({ callbackUrl: "/signin" })}
    >
      Sign out
    </button>
  );
}
