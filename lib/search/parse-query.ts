/*
 * The search box's query language, as people type it into web search engines:
 * words, "exact phrases", OR between alternatives, -exclusions, and filters
 * (`type:person`, `entity:"Ahmad Massoud"`, `author:ada`, `status:accepted`,
 * `article:…`, `before:2021-10-01`, `after:…`, `kind:comment`). Pure and total:
 * every string parses (unbalanced quotes close at the end, operators that
 * lead nowhere are ignored, tsquery syntax is just text). Only filter values
 * that cannot mean anything (an unknown status, kind or date) are reported in
 * `errors`, which the API answers with 400.
 */

export const searchKinds = ["passage", "annotation", "comment", "entity", "article"] as const;
export type SearchKind = (typeof searchKinds)[number];

export const searchStatuses = ["PROPOSED", "ACCEPTED", "REJECTED"] as const;
export type SearchStatus = (typeof searchStatuses)[number];

/** A word or a quoted phrase. */
export type SearchTerm = { text: string; phrase: boolean };

export type SearchFilters = {
  /** Entity type names (any of them). */
  type: string[];
  /** Entity names, aliases or ids (any of them). */
  entity: string[];
  /** Author names or email prefixes (any of them). */
  author: string[];
  status: SearchStatus[];
  /** Article titles (substring) or ids (any of them). */
  article: string[];
  /** Exclusive upper bound, YYYY-MM-DD. */
  before: string | null;
  /** Inclusive lower bound, YYYY-MM-DD. */
  after: string | null;
  kind: SearchKind[];
};

export type ParsedSearchQuery = {
  /** Every group must match; a group matches when any of its terms does (OR). */
  groups: SearchTerm[][];
  /** No term here may match. */
  exclude: SearchTerm[];
  filters: SearchFilters;
  /** Filter values that mean nothing, as `field → message`. */
  errors: Record<string, string>;
};

/** At most this many terms are searched for; the rest are left out (and the query says so in `truncated`). */
export const MAX_SEARCH_TERMS = 32;
/** Longest term or filter value kept (a longer one is cut). */
export const MAX_TERM_LENGTH = 200;

const filterNames = ["type", "entity", "author", "status", "article", "before", "after", "kind"] as const;
type FilterName = (typeof filterNames)[number];

const kindAliases: Record<string, SearchKind> = {
  passage: "passage",
  passages: "passage",
  text: "passage",
  annotation: "annotation",
  annotations: "annotation",
  quote: "annotation",
  comment: "comment",
  comments: "comment",
  entity: "entity",
  entities: "entity",
  article: "article",
  articles: "article",
  title: "article",
};

type Token = { negated: boolean; filter: FilterName | null; value: string; quoted: boolean };

/** Replaces what cannot be searched for (controls such as U+0000, unpaired surrogates) with spaces. */
export function cleanSearchText(input: string): string {
  return input
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, " ")
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, " ");
}

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = input.length;
  const isSpace = (c: string) => /\s/.test(c);
  while (i < n) {
    while (i < n && isSpace(input[i])) i++;
    if (i >= n) break;
    let negated = false;
    if (input[i] === "-" && i + 1 < n && !isSpace(input[i + 1])) {
      negated = true;
      i++;
    }
    let filter: FilterName | null = null;
    const rest = input.slice(i, i + 12);
    const m = /^([a-zA-Z]+):/.exec(rest);
    if (m && (filterNames as readonly string[]).includes(m[1].toLowerCase())) {
      filter = m[1].toLowerCase() as FilterName;
      i += m[0].length;
    }
    if (input[i] === '"') {
      const close = input.indexOf('"', i + 1);
      const end = close === -1 ? n : close;
      tokens.push({ negated, filter, value: input.slice(i + 1, end), quoted: true });
      i = close === -1 ? n : close + 1;
      continue;
    }
    const start = i;
    while (i < n && !isSpace(input[i]) && !(input[i] === '"' && i > start)) i++;
    tokens.push({ negated, filter, value: input.slice(start, i), quoted: false });
  }
  return tokens;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function validDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1 || mo < 1 || mo > 12 || d < 1) return false;
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** Whether a term has anything to search for (letters or digits). */
function meaningful(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(text);
}

/** Parses a search box query. Never throws. */
export function parseSearchQuery(input: string): ParsedSearchQuery & { truncated: boolean } {
  const filters: SearchFilters = {
    type: [],
    entity: [],
    author: [],
    status: [],
    article: [],
    before: null,
    after: null,
    kind: [],
  };
  const errors: Record<string, string> = {};
  const groups: SearchTerm[][] = [];
  const exclude: SearchTerm[] = [];
  let termCount = 0;
  let truncated = false;
  let joinNext = false;

  for (const token of tokenize(cleanSearchText(input))) {
    const value = token.value.trim().slice(0, MAX_TERM_LENGTH);
    if (token.filter) {
      if (!value) continue;
      const f = token.filter;
      if (f === "status") {
        const status = value.toUpperCase();
        if ((searchStatuses as readonly string[]).includes(status)) filters.status.push(status as SearchStatus);
        else errors.status = `Use status:proposed, status:accepted or status:rejected (not “${value}”).`;
      } else if (f === "kind") {
        const kind = kindAliases[value.toLowerCase()];
        if (kind) filters.kind.push(kind);
        else errors.kind = `Use kind:passage, annotation, comment, entity or article (not “${value}”).`;
      } else if (f === "before" || f === "after") {
        if (validDate(value)) filters[f] = value;
        else errors[f] = `Use a date such as ${f}:2021-10-01 (not “${value}”).`;
      } else {
        filters[f].push(value);
      }
      joinNext = false;
      continue;
    }
    if (!token.quoted && !token.negated && value === "OR") {
      joinNext = groups.length > 0;
      continue;
    }
    if (!meaningful(value)) {
      joinNext = false;
      continue;
    }
    if (termCount >= MAX_SEARCH_TERMS) {
      truncated = true;
      continue;
    }
    termCount++;
    const term: SearchTerm = { text: value, phrase: token.quoted && /\s/.test(value) };
    if (token.negated) {
      exclude.push(term);
      joinNext = false;
    } else if (joinNext) {
      groups[groups.length - 1].push(term);
      joinNext = false;
    } else {
      groups.push([term]);
    }
  }
  for (const key of ["type", "entity", "author", "article"] as const) filters[key] = [...new Set(filters[key])];
  filters.status = [...new Set(filters.status)];
  filters.kind = [...new Set(filters.kind)];
  return { groups, exclude, filters, errors, truncated };
}

/** Whether the query asks for anything at all (terms, exclusions or filters). */
export function isEmptySearch(query: ParsedSearchQuery): boolean {
  const f = query.filters;
  return (
    !query.groups.length &&
    !query.exclude.length &&
    !f.type.length &&
    !f.entity.length &&
    !f.author.length &&
    !f.status.length &&
    !f.article.length &&
    !f.before &&
    !f.after &&
    !f.kind.length
  );
}
