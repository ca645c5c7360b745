/**
 * The editor's record of an edit (a `prosemirror-changeset` over the
 * document it started from) as the canonical-text diff re-anchoring follows.
 */
import { ChangeSet } from "@tiptap/pm/changeset";
import type { Node as ProseMirrorNode } from "@tiptap/pm/model";
import type { Transaction } from "@tiptap/pm/state";
import { canonicalTextMapOfNode } from "./canonical-text";
import { textDiffOfDocChanges } from "./edit-diff";
import type { TextDiff } from "./text-diff";

/** Starts recording the edits of `doc`. */
export function startEditRecord(doc: ProseMirrorNode): ChangeSet {
  return ChangeSet.create(doc);
}

/** The record with a transaction's steps added (unchanged if it did not change the document). */
export function recordTransaction(record: ChangeSet, transaction: Transaction): ChangeSet {
  return transaction.docChanged ? record.addSteps(transaction.doc, transaction.mapping.maps, null) : record;
}

/** The canonical-text diff from the recorded start to `doc`, or null if the record does not lead to `doc`. */
export function textDiffOfRecord(record: ChangeSet, doc: ProseMirrorNode): TextDiff | null {
  return textDiffOfDocChanges(canonicalTextMapOfNode(record.startDoc), canonicalTextMapOfNode(doc), record.changes, {
    oldDocSize: record.startDoc.content.size,
    newDocSize: doc.content.size,
  });
}
