import { randomFillSync } from "node:crypto";

const LENGTH = 24;
const LETTERS = "abcdefghijklmnopqrstuvwxyz";
const BASE36 = "0123456789abcdefghijklmnopqrstuvwxyz";

// Random bytes are drawn in bulk: one system call for a few hundred ids rather than several per id.
const pool = Buffer.alloc(4096);
let used = pool.length;

/** A uniformly random integer below `n` (≤ 256); rejection sampling keeps every character equally likely. */
function randomBelow(n: number): number {
  const limit = 256 - (256 % n);
  for (;;) {
    if (used === pool.length) {
      randomFillSync(pool);
      used = 0;
    }
    const byte = pool[used++];
    if (byte < limit) return byte % n;
  }
}

/**
 * A new unguessable id for any row: 24 characters, a lowercase letter then
 * base-36 digits (the shape of cuid2, which made the older rows' ids), about
 * 124 bits from the system's CSPRNG. cuid2 3.x itself spent 100–200 µs per id
 * on bignumber.js arithmetic, a measurable part of every write request.
 */
export function newId(): string {
  let id = LETTERS[randomBelow(LETTERS.length)];
  for (let i = 1; i < LENGTH; i++) id += BASE36[randomBelow(BASE36.length)];
  return id;
}
