import { createId } from "@paralleldrive/cuid2";

/** A new unguessable id (cuid2) for any row. */
export function newId(): string {
  return createId();
}
