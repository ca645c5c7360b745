"use client";

import type { AnyExtension, Editor, JSONContent } from "@tiptap/core";
import type { SuggestionKeyDownProps, SuggestionProps } from "@tiptap/suggestion";
import { EditorContent, useEditor, useEditorState } from "@tiptap/react";
import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from "react";
import { commentExtensions } from "@/lib/comments/comment-extensions";
import { MAX_COMMENT_TEXT } from "@/lib/validations/comment";
import { errorMessage } from "@/components/annotations/error-message";
import { clearDraft, readDraft, saveDraft } from "@/components/ui/drafts";
import { cleanCommentBody, hasUnlinkedMention } from "./comment-document";
import { CommentToolbar } from "./comment-toolbar";
import { filterMentionCandidates, type MentionCandidate } from "./mention-candidates";
import { MentionList, type MentionMenu } from "./mention-list";
import { loadMentionCandidates } from "./members-cache";

/** The character counter shows from here on. */
const COUNTER_FROM = Math.floor(MAX_COMMENT_TEXT * 0.8);

export type CommentEditorProps = {
  workspaceId: string;
  /** Not offered as a mention. */
  meId: string;
  /** The accessible name of the text field, e.g. "Reply". */
  label: string;
  placeholder: string;
  submitLabel: string;
  initialContent?: JSONContent;
  /** Where unsent text is kept (`draftKey(me, target)`): restored when the editor opens again, cleared on send. */
  draftKey?: string;
  /** Sends the body; resolves true when it was saved (the editor then empties). */
  onSubmit(body: JSONContent): Promise<boolean>;
  /** Escape, and the Cancel button (shown only when given). */
  onCancel?(): void;
  /** Focus the editor when this changes to a new truthy value. */
  focusToken?: number | boolean;
};

type MentionState = Omit<MentionMenu, "mount" | "pick" | "error" | "retry"> & {
  props: SuggestionProps<MentionCandidate>;
};

/**
 * A small rich-text field for comments, built from exactly the comment schema
 * (`commentExtensions`), so what it produces is what the server accepts and
 * anything pasted outside the schema is dropped by the schema itself.
 * Ctrl/Cmd+Enter sends, Escape cancels (an edit, or a new comment's draft),
 * `@` mentions a workspace member.
 */
export function CommentEditor(props: CommentEditorProps) {
  const { workspaceId, meId, label, placeholder, submitLabel, onCancel, focusToken } = props;
  const id = useId();
  const listId = `${id}-mentions`;
  const optionId = useCallback((index: number) => `${id}-mention-${index}`, [id]);
  const [mention, setMention] = useState<MentionState | null>(null);
  const mentionRef = useRef<MentionState | null>(null);
  const [length, setLength] = useState(0);
  const [empty, setEmpty] = useState(true);
  const [sending, setSending] = useState(false);
  /** The member list could not be loaded: an @mention typed now would notify no one. */
  const [membersError, setMembersError] = useState<string | null>(null);
  /** Sending was refused because of an @mention that could not be linked. */
  const [blocked, setBlocked] = useState(false);
  const submitRef = useRef<() => void>(() => {});
  const cancelRef = useRef(onCancel);
  useEffect(() => {
    cancelRef.current = onCancel;
  }, [onCancel]);

  const showMention = useCallback((next: MentionState | null) => {
    mentionRef.current = next;
    setMention(next);
  }, []);

  const [extensions] = useState<AnyExtension[]>(() =>
    commentExtensions.map((extension) =>
      extension.name === "mention"
        ? extension.configure({
            suggestion: {
              char: "@",
              floatingUi: { strategy: "fixed" },
              items: async ({ query }: { query: string }) => {
                try {
                  const members = await loadMentionCandidates(workspaceId);
                  setMembersError(null);
                  return filterMentionCandidates(members, query, { excludeUserId: meId });
                } catch (err) {
                  setMembersError(errorMessage(err, "the server did not answer."));
                  return [];
                }
              },
              render: () => {
                const update = (p: SuggestionProps<MentionCandidate>) => {
                  const previous = mentionRef.current;
                  const keep = previous && previous.query === p.query ? previous.activeIndex : 0;
                  showMention({
                    props: p,
                    items: p.items,
                    query: p.query,
                    loading: p.loading,
                    activeIndex: Math.min(keep, Math.max(p.items.length - 1, 0)),
                  });
                };
                return {
                  onStart: update,
                  onUpdate: update,
                  onExit: () => showMention(null),
                  onKeyDown: ({ event }: SuggestionKeyDownProps) => {
                    const menu = mentionRef.current;
                    if (!menu || menu.items.length === 0) return false;
                    const last = menu.items.length - 1;
                    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
                      const step = event.key === "ArrowDown" ? 1 : -1;
                      showMention({ ...menu, activeIndex: (menu.activeIndex + step + last + 1) % (last + 1) });
                      return true;
                    }
                    if (event.key === "Enter" || event.key === "Tab") {
                      const member = menu.items[menu.activeIndex];
                      menu.props.command({ id: member.userId, label: member.name });
                      return true;
                    }
                    return false;
                  },
                };
              },
            },
          })
        : extension,
    ),
  );

  const editor = useEditor({
    extensions,
    content: readDraft<JSONContent>(props.draftKey) ?? props.initialContent ?? "",
    immediatelyRender: false,
    shouldRerenderOnTransaction: false,
    injectCSS: false,
    editorProps: {
      attributes: {
        role: "textbox",
        "aria-multiline": "true",
        "aria-label": label,
        "aria-placeholder": placeholder,
        "aria-autocomplete": "list",
        class: "comment-editor-input",
      },
      handleKeyDown: (_view, event) => {
        if ((event.ctrlKey || event.metaKey) && event.key === "Enter") {
          submitRef.current();
          return true;
        }
        // While the mention list is open, Escape closes it (the suggestion plugin handles it). Otherwise
        // it cancels: an edit ends; a new comment's draft is dropped, and a second Escape leaves the field.
        if (event.key === "Escape" && !mentionRef.current) {
          if (cancelRef.current) cancelRef.current();
          else if (!editorRef.current?.isEmpty) editorRef.current?.commands.clearContent(true);
          else editorRef.current?.commands.blur();
          return true;
        }
        return false;
      },
    },
    onCreate: ({ editor }) => measure(editor),
    onUpdate: ({ editor }) => {
      measure(editor);
      saveDraft(props.draftKey, editor.isEmpty ? null : editor.getJSON());
    },
  });

  const editorRef = useRef<Editor | null>(null);
  useEffect(() => {
    editorRef.current = editor;
  }, [editor]);

  function measure(editor: Editor) {
    setLength(editor.getText({ blockSeparator: "\n" }).trim().length);
    setEmpty(editor.isEmpty);
  }

  // Point the text field at the open list and its active option (it keeps focus while one picks).
  useEffect(() => {
    const dom = editor && !editor.isDestroyed ? editor.view.dom : null;
    if (!dom) return;
    if (mention && mention.items.length) {
      dom.setAttribute("aria-controls", listId);
      dom.setAttribute("aria-activedescendant", optionId(mention.activeIndex));
    } else {
      dom.removeAttribute("aria-controls");
      dom.removeAttribute("aria-activedescendant");
    }
  }, [editor, mention, listId, optionId]);

  useEffect(() => {
    if (focusToken && editor && !editor.isDestroyed) editor.commands.focus("end");
  }, [editor, focusToken]);

  /** Loads the member list again, and shows the open list's matches. */
  const retryMembers = useCallback(async () => {
    try {
      const members = await loadMentionCandidates(workspaceId);
      setMembersError(null);
      setBlocked(false);
      setMention(
        (menu) =>
          menu && {
            ...menu,
            items: filterMentionCandidates(members, menu.query, { excludeUserId: meId }),
            activeIndex: 0,
          },
      );
    } catch (err) {
      setMembersError(errorMessage(err, "the server did not answer."));
    }
  }, [meId, workspaceId]);
  // The suggestion plugin's key handler reads the open list from the ref.
  useEffect(() => {
    mentionRef.current = mention;
  }, [mention]);

  const over = length > MAX_COMMENT_TEXT;
  const submit = async () => {
    if (!editor || sending || empty || over) return;
    // Never send an @mention that silently notifies no one.
    if (membersError && hasUnlinkedMention(editor.getJSON())) {
      setBlocked(true);
      return;
    }
    setBlocked(false);
    setSending(true);
    try {
      const saved = await props.onSubmit(cleanCommentBody(editor.getJSON()));
      if (saved) clearDraft(props.draftKey);
      if (saved && !editor.isDestroyed) editor.commands.clearContent(true);
    } finally {
      setSending(false);
    }
  };
  useEffect(() => {
    submitRef.current = () => void submit();
  });

  const activeMarks = useEditorState({
    editor,
    selector: ({ editor }) =>
      editor
        ? {
            bold: editor.isActive("bold"),
            italic: editor.isActive("italic"),
            code: editor.isActive("code"),
            link: editor.isActive("link"),
            bulletList: editor.isActive("bulletList"),
          }
        : null,
  });

  const menu: MentionMenu | null = mention
    ? {
        ...mention,
        mount: mention.props.mount,
        pick: (member) => mention.props.command({ id: member.userId, label: member.name }),
        error: membersError,
        retry: () => void retryMembers(),
      }
    : null;

  return (
    <form
      className="comment-editor"
      data-sending={sending || undefined}
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        void submit();
      }}
    >
      <CommentToolbar editor={editor} active={activeMarks} label={`${label}: formatting`} />
      <div className="comment-editor-field">
        {empty ? (
          <span className="comment-editor-placeholder" aria-hidden="true">
            {placeholder}
          </span>
        ) : null}
        <EditorContent editor={editor} />
      </div>
      {blocked && membersError ? (
        <div className="comment-editor-blocked" role="alert">
          <p>
            Not sent: the member list could not be loaded ({membersError}), so your @mention would notify no one. Retry,
            then pick the member from the list, or remove the @ to send without a mention.
          </p>
          <button type="button" className="button button-secondary button-small" onClick={() => void retryMembers()}>
            Retry loading members
          </button>
        </div>
      ) : null}
      <div className="comment-editor-footer">
        <span className="comment-editor-hint" aria-hidden="true">
          <kbd>@</kbd> mention · <kbd>Ctrl</kbd>+<kbd>Enter</kbd> send
        </span>
        {length >= COUNTER_FROM ? (
          <span className={`comment-counter${over ? " comment-counter-over" : ""}`} aria-live="polite">
            {length.toLocaleString("en")} / {MAX_COMMENT_TEXT.toLocaleString("en")}
            {over ? " — too long" : ""}
          </span>
        ) : null}
        <span className="spacer" />
        {onCancel ? (
          <button type="button" className="button button-secondary button-small" onClick={onCancel}>
            Cancel
          </button>
        ) : null}
        <button
          type="submit"
          className="button button-small"
          disabled={!editor || empty || over || sending}
          aria-keyshortcuts="Control+Enter Meta+Enter"
        >
          {sending ? "Sending…" : submitLabel}
        </button>
      </div>
      {menu ? <MentionList menu={menu} listId={listId} optionId={optionId} /> : null}
      <p className="visually-hidden" role="status">
        {mention && !mention.loading
          ? mention.items.length
            ? `${mention.items.length} ${mention.items.length === 1 ? "member" : "members"} found. Use arrow keys and Enter to mention.`
            : "No member found."
          : ""}
      </p>
    </form>
  );
}
