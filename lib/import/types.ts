/**
 * What the import parsers read out of a file, before anything is anchored or
 * matched: one shape for every format (W3C Web Annotation, Hypothesis, brat).
 */

export type ImportFormat = "w3c" | "hypothesis" | "brat";

/** Where in the file something is: the n-th annotation (0-based `item`) and, when known, its line. */
export type ImportLocation = { item?: number; line?: number };

/** A problem with the file or one of its annotations, shown to the user with its location. */
export type ImportProblem = ImportLocation & { message: string };

/** Who made an annotation or comment, as the file says. */
export type ImportedCreator = { id?: string; name?: string; email?: string };

/** The entity an annotation identifies: by URL or external id, by name, with its classifying type. */
export type ImportedEntity = {
  /**
   * URLs or external ids, in the file's order: Wikidata `Q42` or
   * `http://www.wikidata.org/entity/Q42`, any URL, a Marginalia entity page
   * URL, or `marginalia:<entity id>` (brat).
   */
  refs: string[];
  name?: string;
  /** The classifying type's name (e.g. "Person"); undefined when the file gives none. */
  type?: string;
};

export type ImportedStatus = "PROPOSED" | "ACCEPTED" | "REJECTED";

/** A text comment in a highlight's thread (W3C `commenting`/`replying`, Hypothesis text, brat `#` notes). */
export type ImportedComment = ImportLocation & {
  /** The comment's id in the file (for replies that target it). */
  sourceId?: string;
  text: string;
  creator?: ImportedCreator;
  created?: string;
  /**
   * brat: the note read as "Name: text", the way brat exports write a comment's author; the
   * importer decides whether Name is a member (then `text` is theirs) or the note is plain text.
   */
  speaker?: { name: string; text: string };
};

/** A highlight to anchor on the article, with what it says about its text. */
export type ImportedHighlight = ImportLocation & {
  item: number;
  sourceId?: string;
  /** The target's `source` (the text it was made on), to pick one article's annotations out of a larger file. */
  source?: string;
  /** The quote with its context; `prefix`/`suffix` may be empty. */
  quote?: { exact: string; prefix: string; suffix: string };
  /**
   * Offsets into the text: code points for W3C `TextPositionSelector` and
   * brat (Python string indices), UTF-16 code units never come from files.
   */
  position?: { start: number; end: number };
  /** Whether the position is the only anchor the format has (brat): then it must hold exactly. */
  positionIsExact?: boolean;
  /**
   * brat spans that cross line breaks come as fragments (code points) between
   * the breaks, the quote being their texts joined by spaces; `position` then
   * runs from the first start to the last end.
   */
  fragments?: { start: number; end: number }[];
  entity?: ImportedEntity;
  note?: string;
  status?: ImportedStatus;
  /** The review as the file records it (Marginalia's extension terms). */
  review?: { reviewer?: string; reviewed?: string; rejectionReason?: string };
  /** The file says the annotation was "moved, please check" (Marginalia's `anchorState`). */
  moved?: boolean;
  creator?: ImportedCreator;
  created?: string;
  comments: ImportedComment[];
};

/**
 * A relation between two highlights of the file (W3C `linking`, brat `R`/`*`),
 * naming its ends by their ids in the file (`ImportedHighlight.sourceId`).
 */
export type ImportedRelation = ImportLocation & {
  sourceId: string;
  targetId: string;
  /** The relation type's name as the file writes it ("leads", brat "member_of"). */
  type: string;
  /** False for a symmetric relation (brat `*`, W3C `directed: false`); undefined when the file does not say. */
  directed?: boolean;
  note?: string;
  status?: ImportedStatus;
  review?: { reviewer?: string; reviewed?: string; rejectionReason?: string };
  creator?: ImportedCreator;
};

/** A parsed file: highlights (with their threads), plus problems. Any problem refuses the import. */
export type ParsedImport = {
  format: ImportFormat;
  highlights: ImportedHighlight[];
  /** Relations between the file's highlights (absent: none). */
  relations?: ImportedRelation[];
  /** What was read but cannot be imported (replies to nothing, unsupported selectors): reported, never dropped silently. */
  skipped: ImportProblem[];
  problems: ImportProblem[];
};

/** Problems listed in a report: the first ones tell what is wrong; a count tells how many more. */
export const MAX_REPORTED_PROBLEMS = 20;
