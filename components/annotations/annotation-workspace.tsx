"use client";

import type { Editor } from "@tiptap/core";
import type { JSONContent } from "@tiptap/react";
import { useRouter, useSearchParams } from "next/navigation";
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { ThreadPane } from "@/components/comments/thread-pane";
import { useThreadSummaries } from "@/components/comments/use-thread-summaries";
import { PresenceBar } from "@/components/live/presence-avatars";
import { useLiveArticle, useLiveConnection, useLiveEvents } from "@/components/live/use-live-events";
import { usePresence } from "@/components/live/use-presence";
import { initials, personColor } from "@/components/ui/avatar";
import { ArticleReader } from "@/components/editor/article-reader";
import { AnnotationHighlights, type HighlightedAnnotation } from "@/components/editor/extensions/annotation-highlights";
import { SuggestionUnderlines } from "@/components/editor/extensions/suggestion-underlines";
import { SearchMatch } from "@/components/editor/extensions/search-match";
import { useSearchMatch } from "@/components/search/use-search-match";
import { PageMarkers } from "@/components/editor/extensions/page-markers";
import type { PageStart } from "@/lib/capture/pages";
import { ErrorBoundary } from "@/components/ui/error-boundary";
import { Toast } from "@/components/ui/toast";
import { canonicalText, textRangeToPosRange } from "@/lib/anchoring";
import { api, ApiError } from "@/lib/client/api";
import { findMentions, type TextRange } from "@/lib/suggestions/find-mentions";
import { AnnotationHoverCard, type HoverState } from "./annotation-hover-card";
import { AnnotationMarkers, type AnnotationMarker } from "./annotation-markers";
import { AnnotationPanel } from "./annotation-panel";
import { EntityCombobox } from "./entity-combobox";
import { SelectionToolbar } from "./selection-toolbar";
import { ShortcutHelp } from "./shortcut-help";
import { SidePanelSheet } from "./side-panel-sheet";
import { SuggestionsPanel, type SuggestionGroup } from "./suggestions-panel";
import { useSuggestions, type AcceptMode } from "./use-suggestions";
import { TagAllDialog } from "./tag-all-dialog";
import { entityColor, type AnnotationItem, type EntityItem, type EntityTypeItem } from "./types";
import { useAnnotations } from "./use-annotations";
import { selectedTextRange, textMapOf, useTextSelection, type TextSelection } from "./use-text-selection";
import { useShowRejected } from "./use-show-rejected";
import { LinkPicker } from "@/components/relations/link-picker";
import { DragLink } from "@/components/relations/drag-link";
import { othersLinks, PendingLinks } from "@/components/relations/pending-links";
import { RelationArcs } from "@/components/relations/relation-arcs";
import { RelationList } from "@/components/relations/relation-list";
import { useRelations } from "@/components/relations/use-relations";
import type { RelationTypeItem } from "@/lib/validations/relation";

/** How the reader draws an annotation. */
function toHighlight(a: AnnotationItem): HighlightedAnnotation {
  return { id: a.id, start: a.start, end: a.end, color: entityColor(a.entity), status: a.status };
}

type TaggingState = {
  range: TextSelection | null;
  annotation: AnnotationItem | null;
  /** A type's one-key shortcut was used: offer creating an entity of that type first. */
  typeId?: string;
  /** More mentions of the same text (an accepted suggestion row): tagged with the same entity. */
  others?: { start: number; end: number; exact: string }[];
};

export type AnnotationWorkspaceProps = {
  workspaceId: string;
  articleId: string;
  revisionId: string;
  content: JSONContent;
  /** The page's annotations: `CompactAnnotations` as JSON (see `useAnnotations`). */
  initialAnnotations: string;
  entityTypes: EntityTypeItem[];
  /** The workspace's live relation types. */
  relationTypes: RelationTypeItem[];
  /** The article's relations the viewer may see: `CompactRelations` as JSON (see `useRelations`). */
  initialRelations: string;
  me: { id: string; name: string };
  can: {
    annotate: boolean;
    manageAny: boolean;
    /** Resolve and reopen threads. */
    resolve: boolean;
    /** Hide and show others' comments. */
    moderate: boolean;
    /** Add and change relation types (owners, reviewers). */
    manageRelationTypes: boolean;
  };
  /** The live event log's position when the page's data was read (events after it are replayed). */
  liveSince: string | null;
  /** For text imported from a PDF: where each page begins, shown as page markers. */
  pages?: readonly PageStart[] | null;
};

/** Keys typed into these belong to them, not to the reader's shortcuts. */
function isTextEntry(target: EventTarget, reader: Element | null): boolean {
  if (
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement
  )
    return true;
  return target instanceof HTMLElement && target.isContentEditable && !reader?.contains(target);
}

/**
 * The article with its highlights and the annotation panel: select text to
 * highlight, tag or comment on it, click a highlight or a row to select it and
 * open its discussion, and every change shows at once and is confirmed by the
 * server. Others' changes, comments and selections arrive live.
 */
export function AnnotationWorkspace(props: AnnotationWorkspaceProps) {
  const { workspaceId, articleId, revisionId, entityTypes, me, can, pages } = props;
  const router = useRouter();
  const searchParams = useSearchParams();
  useLiveArticle(articleId, props.liveSince);
  const live = useLiveConnection();
  const [editor, setEditor] = useState<Editor | null>(null);
  const drawDrafts = useCallback(
    (drafts: readonly AnnotationItem[]) => editor?.commands.addAnnotations(drafts.map(toHighlight)),
    [editor],
  );
  const content = props.content;
  const shownText = useCallback(() => canonicalText(content), [content]);
  const { annotations, create, update, remove, removeMany, toast, dismissToast, say, outOfSync } = useAnnotations({
    workspaceId,
    articleId,
    revisionId,
    initial: props.initialAnnotations,
    text: shownText,
    me,
    onDraft: drawDrafts,
  });
  const { selection, read: readSelection } = useTextSelection(editor);
  const [showRejected, setShowRejected] = useShowRejected();
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [tagging, setTagging] = useState<TaggingState | null>(null);
  const [tagAll, setTagAll] = useState<{ entity: EntityItem; text: string; matches: TextRange[] } | null>(null);
  const [hover, setHover] = useState<HoverState | null>(null);
  const [help, setHelp] = useState(false);
  const [reattachingId, setReattachingId] = useState<string | null>(null);
  const [activeSuggestion, setActiveSuggestion] = useState<string | null>(null);
  /** Open the thread's editor: bumped by the Comment button and `c`. */
  const [compose, setCompose] = useState<{ id: string; token: number } | null>(null);
  const [focusCommentId, setFocusCommentId] = useState<string | null>(null);
  /** A relation of the selected annotation whose discussion is open (instead of the annotation's). */
  const [discussing, setDiscussing] = useState<{ annotationId: string; relationId: string; label: string } | null>(
    null,
  );
  const { summaries, reloadSoon: reloadSummaries } = useThreadSummaries({ workspaceId, articleId });
  /** A link being made from the selected annotation: its target once picked. */
  const [linking, setLinking] = useState<{ sourceId: string; targetId: string | null } | null>(null);
  /** The highlight a link is being dragged from (drag-link.tsx). */
  const [dragSource, setDragSource] = useState<string | null>(null);
  const present = usePresence({
    workspaceId,
    articleId,
    meId: me.id,
    selectedAnnotationId: selectedId,
    linkingFromId: linking?.sourceId ?? dragSource,
  });
  const suggestionState = useSuggestions({
    workspaceId,
    articleId,
    annotations,
    entityTypes,
    create,
    removeMany,
    say,
  });
  const { suggestions } = suggestionState;
  const relationState = useRelations({ workspaceId, articleId, initial: props.initialRelations, say });
  const [arcsHidden, setArcsHidden] = useState(false);
  /** The highlight with the drag handle: the one dragged from, else the hovered (for a moment after), else the selected. */
  const [handleHover, setHandleHover] = useState<string | null>(null);
  /** Clicks on (and hovers over) highlights, heard below with the current link in hand. */
  const [highlightClicks] = useState(() => new EventTarget());
  useEffect(() => {
    const onClick = (event: Event) => {
      const id = (event as CustomEvent<string>).detail;
      // While linking, a click picks the target; otherwise it selects.
      if (!linking) setSelectedId(id);
      else if (!linking.targetId && id !== linking.sourceId) setLinking({ ...linking, targetId: id });
    };
    highlightClicks.addEventListener("click", onClick);
    return () => highlightClicks.removeEventListener("click", onClick);
  }, [highlightClicks, linking]);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onHover = (event: Event) => {
      const id = (event as CustomEvent<string | null>).detail;
      clearTimeout(timer);
      if (id) setHandleHover(id);
      // Long enough to reach the handle at the highlight's end.
      else timer = setTimeout(() => setHandleHover(null), 1500);
    };
    highlightClicks.addEventListener("hover", onHover);
    return () => {
      clearTimeout(timer);
      highlightClicks.removeEventListener("hover", onHover);
    };
  }, [highlightClicks]);

  const extensions = useMemo(
    () => [
      AnnotationHighlights.configure({
        onAnnotationClick: (id: string) => highlightClicks.dispatchEvent(new CustomEvent("click", { detail: id })),
        onAnnotationHover: (id: string | null, rect: DOMRect | null) => {
          setHover(id && rect ? { id, rect } : null);
          highlightClicks.dispatchEvent(new CustomEvent("hover", { detail: id }));
        },
      }),
      SuggestionUnderlines.configure({
        onSuggestionClick: (id: string) => {
          setActiveSuggestion(id);
          document.querySelector(`[data-suggestion-row~="${CSS.escape(id)}"]`)?.scrollIntoView({ block: "nearest" });
        },
      }),
      AnnotationMarkers.configure({ onMarkerClick: (id: string) => setSelectedId(id) }),
      SearchMatch,
      ...(pages?.length ? [PageMarkers.configure({ pages })] : []),
    ],
    // Fixed for the reader's lifetime (a new revision remounts the page), but for the click handlers.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [highlightClicks],
  );

  useEffect(() => {
    if (!editor) return;
    editor.commands.setAnnotations(
      annotations
        .filter((a) => a.anchorState !== "ORPHANED" && (showRejected || a.status !== "REJECTED"))
        .map(toHighlight),
    );
  }, [editor, annotations, showRejected]);

  useEffect(() => {
    editor?.commands.setSelectedAnnotation(selectedId);
  }, [editor, selectedId]);

  useEffect(() => {
    editor?.commands.setSuggestions(suggestions ?? []);
  }, [editor, suggestions]);

  const canChange = useCallback(
    (a: AnnotationItem) => can.annotate && (can.manageAny || a.author.id === me.id),
    [can, me.id],
  );
  const byId = useMemo(() => new Map(annotations.map((a) => [a.id, a])), [annotations]);
  const pendingLinks = useMemo(() => othersLinks(present, byId), [present, byId]);
  const handleId = dragSource ?? handleHover ?? selectedId;

  /** Who else has each annotation selected. */
  const selectedByOthers = useMemo(() => {
    const map = new Map<string, { id: string; name: string }[]>();
    for (const p of present) {
      for (const id of p.selectedAnnotationIds) map.set(id, [...(map.get(id) ?? []), { id: p.userId, name: p.name }]);
    }
    return map;
  }, [present]);

  // Thread counts and others' selections as small markers in the text (a handful, never all highlights).
  useEffect(() => {
    if (!editor || editor.isDestroyed) return;
    const markers: AnnotationMarker[] = [];
    for (const s of summaries.values()) {
      const a = byId.get(s.annotationId);
      if (a && a.anchorState !== "ORPHANED" && s.comments > 0) {
        markers.push({ kind: "thread", annotationId: a.id, offset: a.end, comments: s.comments, resolved: s.resolved });
      }
    }
    for (const [id, people] of selectedByOthers) {
      const a = byId.get(id);
      if (!a || a.anchorState === "ORPHANED") continue;
      markers.push({
        kind: "presence",
        annotationId: id,
        offset: a.start,
        people: people.map((p) => ({ name: p.name, initials: initials(p.name), color: personColor(p.id) })),
      });
    }
    editor.commands.setAnnotationMarkers(markers);
  }, [editor, summaries, selectedByOthers, byId]);

  // A new revision by someone else: show it in place, where the reader was.
  const keepScroll = useRef<number | null>(null);
  useLiveEvents(["article.revised"], (message) => {
    if (message.data.revisionId === revisionId) return;
    keepScroll.current = window.scrollY;
    router.refresh();
    say(`The article was revised (revision ${message.data.number}). You are reading the new text.`);
  });
  useLayoutEffect(() => {
    const y = keepScroll.current;
    if (y === null) return;
    keepScroll.current = null;
    requestAnimationFrame(() => window.scrollTo({ top: y }));
  }, [revisionId]);

  const reveal = useCallback(
    (id: string) => {
      const a = byId.get(id);
      setSelectedId(id);
      if (a?.anchorState === "ORPHANED") {
        // No place in the text: its row under "Orphaned", where it can be re-attached.
        document
          .querySelector(`[data-annotation-row="${CSS.escape(id)}"]`)
          ?.scrollIntoView({ block: "center", behavior: "smooth" });
        return;
      }
      if (!editor || !a) return;
      const { from } = textRangeToPosRange(textMapOf(editor), a.start, a.end);
      const { node } = editor.view.domAtPos(from);
      (node instanceof Element ? node : node.parentElement)?.scrollIntoView({ block: "center", behavior: "smooth" });
      editor.commands.setFlashAnnotation(id);
    },
    [byId, editor],
  );

  const openTagAll = useCallback(
    (entity: EntityItem) => {
      const taken = annotations.filter((a) => a.entity?.id === entity.id && a.anchorState !== "ORPHANED");
      if (!editor) return;
      const text = textMapOf(editor).text;
      const matches = findMentions(text, [entity.name, ...entity.aliases, ...taken.map((a) => a.exact)], {
        skip: taken,
      });
      setTagAll({ entity, text, matches });
    },
    [annotations, editor],
  );

  const tagAllFor = useCallback(
    async (entityId: string) => {
      try {
        openTagAll(await api<EntityItem>(`/api/workspaces/${workspaceId}/entities/${entityId}`));
      } catch (err) {
        say(err instanceof ApiError ? err.message : "Could not load the entity.", { tone: "error" });
      }
    },
    [openTagAll, say, workspaceId],
  );

  // Ranges being highlighted: a second click or `h` before the first answer creates nothing.
  const highlighting = useRef(new Set<string>());
  const highlight = useCallback(
    async (
      entity: EntityItem | null = null,
      given?: Omit<TextSelection, "rect"> | null,
    ): Promise<AnnotationItem | null> => {
      // No layout work before the draft is drawn: the offsets are all it needs.
      const range = given ?? (editor ? selectedTextRange(editor) : null);
      if (!range) return null;
      const rangeKey = `${range.start}:${range.end}`;
      if (highlighting.current.has(rangeKey)) return null;
      // The same text highlighted again by the same analyst: the existing highlight, not a duplicate.
      const existing = annotations.find(
        (a) => a.author.id === me.id && a.start === range.start && a.end === range.end && a.anchorState !== "ORPHANED",
      );
      if (existing && !entity) {
        setSelectedId(existing.id);
        return existing;
      }
      highlighting.current.add(rangeKey);
      const saving = create([{ start: range.start, end: range.end, exact: range.exact, entity }]);
      // Collapsing the selection (which hides the toolbar) waits for the frame that shows the new highlight.
      requestAnimationFrame(() =>
        setTimeout(() => {
          if (editor && !editor.isDestroyed) editor.commands.setTextSelection(editor.state.selection.to);
        }),
      );
      const [created] = await saving.finally(() => highlighting.current.delete(rangeKey));
      if (created) setSelectedId(created.id);
      if (created && entity) {
        say(`Tagged “${range.exact}” as ${entity.name}.`, {
          action: { label: "Tag all occurrences", run: () => void tagAllFor(entity.id) },
        });
      }
      return created ?? null;
    },
    [annotations, create, editor, me.id, say, tagAllFor],
  );

  /** Opens an annotation's thread with its editor focused. */
  const composeOn = useCallback((id: string) => {
    setSelectedId(id);
    setCompose((c) => ({ id, token: (c?.token ?? 0) + 1 }));
  }, []);

  /** Highlights the selection and opens its (new) thread to write the first comment. */
  const commentOnSelection = useCallback(async () => {
    const created = await highlight();
    if (created) composeOn(created.id);
  }, [composeOn, highlight]);

  // Opened from a notification (?annotation=…&comment=…): go to the highlight and open the thread at the comment.
  const focusAnnotation = searchParams.get("annotation");
  const focusComment = searchParams.get("comment");
  const handledFocus = useRef<string | null>(null);
  useEffect(() => {
    const key = `${focusAnnotation}:${focusComment}`;
    if (!focusAnnotation || !editor || handledFocus.current === key || !byId.has(focusAnnotation)) return;
    handledFocus.current = key;
    reveal(focusAnnotation);
    setFocusCommentId(focusComment);
  }, [byId, editor, focusAnnotation, focusComment, reveal]);

  // Opened from a search result (?match=start-end): the passage is shown with a temporary highlight.
  useSearchMatch(editor, searchParams.get("match"));

  const onPick = useCallback(
    async (entity: EntityItem) => {
      const target = tagging;
      setTagging(null);
      if (target?.annotation) {
        const saved = await update(target.annotation, { entity });
        if (saved)
          say(`Tagged as ${entity.name}.`, {
            action: { label: "Tag all occurrences", run: () => void tagAllFor(entity.id) },
          });
      } else if (target?.range && target.others?.length) {
        const created = await create(
          [target.range, ...target.others].map((r) => ({ start: r.start, end: r.end, exact: r.exact, entity })),
        );
        if (created.length)
          say(`Tagged ${created.length} mentions as ${entity.name}.`, {
            action: { label: "Undo", run: () => void removeMany(created) },
          });
      } else if (target?.range) {
        await highlight(entity, target.range);
      }
      editor?.commands.focus();
    },
    [create, editor, highlight, removeMany, say, tagAllFor, tagging, update],
  );

  const acceptSuggestion = useCallback(
    async (group: SuggestionGroup, mode: AcceptMode) => {
      const [needsPick, ...others] = await suggestionState.accept(group.items, mode);
      if (!needsPick || !editor) return;
      const s = needsPick;
      const { from, to } = textRangeToPosRange(textMapOf(editor), s.start, s.end);
      const a = editor.view.coordsAtPos(from);
      const b = editor.view.coordsAtPos(to);
      setTagging({
        range: {
          start: s.start,
          end: s.end,
          exact: s.text,
          rect: { left: a.left + window.scrollX, top: b.top + window.scrollY, bottom: b.bottom + window.scrollY },
        },
        annotation: null,
        others: others.map((o) => ({ start: o.start, end: o.end, exact: o.text })),
      });
    },
    [editor, suggestionState],
  );

  const reattach = useCallback(async () => {
    const a = reattachingId ? byId.get(reattachingId) : null;
    const range = readSelection();
    if (!a || !range) return;
    setReattachingId(null);
    const saved = await update(a, { range: { start: range.start, end: range.end, exact: range.exact } });
    if (saved) say("Annotation re-attached.");
  }, [byId, reattachingId, readSelection, say, update]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (isTextEntry(event.target, editor?.view.dom ?? null) || event.metaKey || event.ctrlKey || event.altKey) return;
    const key = event.key;
    if (key === "?") {
      setHelp((h) => !h);
    } else if (key === "Escape") {
      setTagging(null);
      setTagAll(null);
      setHelp(false);
      setReattachingId(null);
      setLinking(null);
    } else if ((key === "r" || key === "R") && !selection && selectedId && can.annotate && !linking) {
      startLinking(selectedId);
    } else if (selection && can.annotate && (key === "h" || key === "H")) {
      if (reattachingId) void reattach();
      else void highlight();
    } else if ((key === "c" || key === "C") && selection && can.annotate && !reattachingId) {
      void commentOnSelection();
    } else if ((key === "c" || key === "C") && !selection && selectedId && !selectedId.startsWith("tmp-")) {
      composeOn(selectedId);
    } else if (
      selection &&
      can.annotate &&
      (key === "t" || key === "T" || entityTypes.some((t) => t.shortcut === key.toLowerCase()))
    ) {
      setTagging({
        range: readSelection(),
        annotation: null,
        typeId: entityTypes.find((t) => t.shortcut === key.toLowerCase())?.id,
      });
    } else if (!selection && selectedId && (key === "Delete" || key === "Backspace")) {
      const a = byId.get(selectedId);
      if (a && canChange(a)) void remove(a);
    } else {
      return;
    }
    event.preventDefault();
  };

  const selected = selectedId ? (byId.get(selectedId) ?? null) : null;
  // Relations whose two ends the viewer has (an end deleted or filtered out hides the relation).
  const shownRelations = useMemo(
    () => relationState.relations.filter((r) => byId.has(r.source.id) && byId.has(r.target.id)),
    [byId, relationState.relations],
  );
  // Only while its annotation stays selected and the relation is still there.
  const discussingRelation =
    discussing && discussing.annotationId === selectedId && shownRelations.some((r) => r.id === discussing.relationId)
      ? discussing
      : null;

  // Opened from a notification about a relation's thread (?relation=…&comment=…): select its source, open the thread.
  const focusRelation = searchParams.get("relation");
  const handledRelationFocus = useRef<string | null>(null);
  useEffect(() => {
    const key = `${focusRelation}:${focusComment}`;
    if (!focusRelation || !editor || handledRelationFocus.current === key) return;
    const r = shownRelations.find((x) => x.id === focusRelation);
    if (!r) return;
    const target = byId.get(r.target.id);
    // After this render: the highlight is selected first, then its relation's thread opens.
    const frame = requestAnimationFrame(() => {
      handledRelationFocus.current = key;
      reveal(r.source.id);
      setDiscussing({
        annotationId: r.source.id,
        relationId: r.id,
        label: `${r.type.name} ${r.type.directed ? "→" : "↔"} ${target?.entity?.name ?? target?.exact ?? "…"}`,
      });
      setFocusCommentId(focusComment);
    });
    return () => cancelAnimationFrame(frame);
  }, [byId, editor, focusComment, focusRelation, reveal, shownRelations]);

  const linkSource = linking ? (byId.get(linking.sourceId) ?? null) : null;
  const linkTarget = linking?.targetId ? (byId.get(linking.targetId) ?? null) : null;
  const startLinking = (id: string) => {
    if (id.startsWith("tmp-")) return;
    setSelectedId(id);
    setLinking({ sourceId: id, targetId: null });
  };
  const confirmLink = async (type: RelationTypeItem) => {
    const link = linking;
    setLinking(null);
    // Back to the text for the next shortcut, once the frame with the new arc is painted: while the
    // 50,000-word text has focus, every React commit first walks it to save the selection (17 ms in
    // the link's trace), and the focus command would also dispatch a transaction and scroll.
    requestAnimationFrame(() =>
      setTimeout(() => {
        if (editor && !editor.isDestroyed) editor.view.focus();
      }),
    );
    if (!link?.targetId) return;
    const created = await relationState.create(link.sourceId, link.targetId, type);
    if (created) say(`Linked: ${byId.get(link.sourceId)?.exact} ${type.name} ${byId.get(link.targetId)?.exact}.`);
  };

  return (
    <div className="ann-workspace" onKeyDown={onKeyDown}>
      <div className="ann-reader">
        <div className="ann-reader-tools row">
          {selected && canChange(selected) ? (
            <button
              type="button"
              className="button button-secondary button-small"
              onClick={() => setTagging({ range: null, annotation: selected })}
            >
              {selected.entity ? "Change entity…" : "Tag entity…"}
            </button>
          ) : null}
          {selected?.entity && can.annotate ? (
            <button
              type="button"
              className="button button-secondary button-small"
              onClick={() => void tagAllFor(selected.entity!.id)}
            >
              Tag all occurrences
            </button>
          ) : null}
          {selected && can.annotate && !selected.id.startsWith("tmp-") ? (
            <button
              type="button"
              className="button button-secondary button-small"
              onClick={() => startLinking(selected.id)}
              aria-keyshortcuts="r"
            >
              Link… <kbd>R</kbd>
            </button>
          ) : null}
          <span className="spacer" />
          <button
            type="button"
            className="button button-secondary button-small"
            aria-pressed={!arcsHidden}
            onClick={() => setArcsHidden((h) => !h)}
          >
            {arcsHidden ? "Show relations" : "Hide relations"}
          </button>
          {can.annotate ? (
            <button
              type="button"
              className="button button-secondary button-small"
              onClick={() => void suggestionState.load()}
              disabled={suggestionState.busy}
            >
              {suggestionState.busy ? "Finding entities…" : "Suggest entities"}
            </button>
          ) : null}
          <button
            type="button"
            className="button button-secondary button-small"
            onClick={() => setHelp((h) => !h)}
            aria-keyshortcuts="?"
          >
            Shortcuts <kbd>?</kbd>
          </button>
        </div>
        <ErrorBoundary label="The article">
          <ArticleReader content={props.content} extraExtensions={extensions} selectable onEditor={setEditor} />
        </ErrorBoundary>
        {!arcsHidden ? (
          <ErrorBoundary label="The relations">
            <RelationArcs
              relations={shownRelations}
              pending={pendingLinks}
              layoutKey={annotations}
              root={editor?.view.dom ?? null}
              onJump={reveal}
            />
          </ErrorBoundary>
        ) : null}
      </div>
      <SidePanelSheet count={annotations.filter((a) => a.anchorState !== "ORPHANED").length} selectedId={selectedId}>
        {suggestions ? (
          <SuggestionsPanel
            suggestions={suggestions}
            activeId={activeSuggestion}
            busy={suggestionState.busy}
            onAccept={(group, mode) => void acceptSuggestion(group, mode)}
            onDismiss={suggestionState.dismiss}
            onAcceptAll={(group) => void suggestionState.accept(group)}
            onClose={suggestionState.close}
          />
        ) : null}
        <ErrorBoundary label="The annotation list">
          <AnnotationPanel
            annotations={annotations}
            showRejected={showRejected}
            onShowRejectedChange={setShowRejected}
            entityTypes={entityTypes}
            selectedId={selectedId}
            summaries={summaries}
            selectedByOthers={selectedByOthers}
            header={
              <>
                <PresenceBar present={present} status={live?.status ?? null} outOfSync={outOfSync} />
                <PendingLinks links={pendingLinks} />
              </>
            }
            thread={
              selected && !selected.id.startsWith("tmp-") ? (
                <>
                  <RelationList
                    annotation={selected}
                    relations={shownRelations}
                    byId={byId}
                    canDelete={(r) => can.annotate && (can.manageAny || r.author.id === me.id)}
                    onJump={reveal}
                    onDelete={(r) => void relationState.remove(r)}
                    onLink={can.annotate ? () => startLinking(selected.id) : undefined}
                    onDiscuss={(r, label) =>
                      setDiscussing((d) =>
                        d?.relationId === r.id ? null : { annotationId: selected.id, relationId: r.id, label },
                      )
                    }
                    discussingId={discussingRelation?.relationId ?? null}
                  />
                  {discussingRelation ? (
                    <ErrorBoundary label="The relation's discussion" resetKey={discussingRelation.relationId}>
                      <ThreadPane
                        key={`relation:${discussingRelation.relationId}`}
                        workspaceId={workspaceId}
                        target={{ kind: "relation", id: discussingRelation.relationId }}
                        subject={discussingRelation.label}
                        can={{ meId: me.id, moderate: can.moderate, resolve: can.resolve }}
                        say={say}
                        onChanged={() => undefined}
                        composeToken={0}
                        focusCommentId={focusCommentId}
                        onClose={() => setDiscussing(null)}
                      />
                    </ErrorBoundary>
                  ) : (
                    <ErrorBoundary label="The discussion" resetKey={selected.id}>
                      <ThreadPane
                        key={selected.id}
                        workspaceId={workspaceId}
                        target={{ kind: "annotation", id: selected.id }}
                        subject={selected.exact}
                        can={{ meId: me.id, moderate: can.moderate, resolve: can.resolve }}
                        say={say}
                        onChanged={reloadSummaries}
                        composeToken={compose?.id === selected.id ? compose.token : 0}
                        focusCommentId={focusCommentId}
                        onClose={() => setSelectedId(null)}
                      />
                    </ErrorBoundary>
                  )}
                </>
              ) : null
            }
            onSelect={reveal}
            canChange={canChange}
            onDelete={(id) => {
              const a = byId.get(id);
              if (a) void remove(a);
            }}
            onReattach={can.annotate ? (id) => setReattachingId((current) => (current === id ? null : id)) : undefined}
            reattachingId={reattachingId}
          />
        </ErrorBoundary>
      </SidePanelSheet>
      {selection && can.annotate && !tagging ? (
        reattachingId ? (
          <div
            className="ann-toolbar"
            role="toolbar"
            aria-label="Re-attach"
            style={{ left: selection.rect.left, top: selection.rect.bottom + 8 }}
            onMouseDown={(e) => e.preventDefault()}
          >
            <button type="button" onClick={() => void reattach()}>
              Re-attach here <kbd>H</kbd>
            </button>
          </div>
        ) : (
          <SelectionToolbar
            rect={selection.rect}
            onHighlight={() => void highlight()}
            onTag={() => setTagging({ range: readSelection(), annotation: null })}
            onComment={() => void commentOnSelection()}
          />
        )
      ) : null}
      {tagging ? (
        <div
          className="ann-popover"
          style={
            tagging.range
              ? { left: tagging.range.rect.left, top: tagging.range.rect.bottom + 8 }
              : { right: "2rem", top: "8rem", position: "fixed" }
          }
        >
          <EntityCombobox
            workspaceId={workspaceId}
            entityTypes={
              tagging.typeId
                ? [
                    ...entityTypes.filter((t) => t.id === tagging.typeId),
                    ...entityTypes.filter((t) => t.id !== tagging.typeId),
                  ]
                : entityTypes
            }
            initialQuery={tagging.range?.exact ?? tagging.annotation?.exact ?? ""}
            onPick={onPick}
            onClose={() => {
              setTagging(null);
              editor?.commands.focus();
            }}
          />
        </div>
      ) : null}
      {linking && linkSource ? (
        <div className="ann-popover" style={{ right: "2rem", top: "8rem", position: "fixed" }}>
          <LinkPicker
            key={linkTarget?.id ?? "target"}
            source={linkSource}
            target={linkTarget}
            candidates={annotations.filter(
              (a) => a.id !== linkSource.id && !a.id.startsWith("tmp-") && a.anchorState !== "ORPHANED",
            )}
            relationTypes={props.relationTypes}
            entityTypes={entityTypes}
            canManageTypes={can.manageRelationTypes}
            onPickTarget={(id) => setLinking({ sourceId: linkSource.id, targetId: id })}
            onConfirm={(type) => void confirmLink(type)}
            onClose={() => {
              setLinking(null);
              editor?.commands.focus();
            }}
          />
        </div>
      ) : null}
      {can.annotate && !linking && handleId && !handleId.startsWith("tmp-") ? (
        <DragLink
          annotationId={handleId}
          layoutKey={annotations}
          onDragChange={setDragSource}
          onDrop={(sourceId, targetId) => {
            setSelectedId(sourceId);
            setLinking({ sourceId, targetId });
          }}
        />
      ) : null}
      {tagAll ? (
        <TagAllDialog
          entity={tagAll.entity}
          text={tagAll.text}
          matches={tagAll.matches}
          onClose={() => setTagAll(null)}
          onConfirm={async (ranges) => {
            setTagAll(null);
            const created = await create(
              ranges.map((r) => ({ ...r, exact: tagAll.text.slice(r.start, r.end), entity: tagAll.entity })),
            );
            if (created.length)
              say(
                `Tagged ${created.length} more ${created.length === 1 ? "mention" : "mentions"} as ${tagAll.entity.name}.`,
              );
          }}
        />
      ) : null}
      {hover && byId.get(hover.id) ? <AnnotationHoverCard annotation={byId.get(hover.id)!} rect={hover.rect} /> : null}
      {help ? <ShortcutHelp entityTypes={entityTypes} onClose={() => setHelp(false)} /> : null}
      {toast ? (
        <Toast
          key={toast.id}
          message={toast.message}
          tone={toast.tone}
          action={toast.action}
          onDismiss={dismissToast}
        />
      ) : null}
    </div>
  );
}
