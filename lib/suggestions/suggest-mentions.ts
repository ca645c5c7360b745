import nlp from "compromise";
import { cleanSpan } from "@/lib/suggestions/clean-span";
import { findCapitalizedNames } from "@/lib/suggestions/capitalized-names";
import { findMentions, type TextRange } from "@/lib/suggestions/find-mentions";

/** The type a suggestion most likely has; null when only its capitalization suggested it. */
export type SuggestedType = "Person" | "Organization" | "Location" | null;

export type CatalogEntity = { id: string; name: string; aliases: readonly string[]; typeName: string };

export type Suggestion = TextRange & {
  text: string;
  type: SuggestedType;
  /** Set when the mention names an entity already in the workspace's catalog. */
  entityId: string | null;
  source: "catalog" | "ner" | "capitalized";
  /**
   * The catalog entity this text names, offered to the analyst (not applied
   * unasked): its name or an alias (then `entityId` is set too), or, for a
   * suggestion the catalog did not find, its last name ("Massoud" for
   * "Ahmad Massoud") when exactly one entity has that last name.
   */
  match: { entityId: string; name: string; via: "name" | "alias" | "last name" } | null;
};

/** The catalog entity whose last name token is `text` (case-insensitive), when exactly one has it. */
function lastNameIndex(catalog: readonly CatalogEntity[]): Map<string, CatalogEntity | null> {
  const index = new Map<string, CatalogEntity | null>();
  for (const entity of catalog) {
    const words = entity.name.trim().split(/\s+/u);
    if (words.length < 2) continue;
    const last = words[words.length - 1].toLowerCase();
    if (last.length < 3) continue;
    index.set(last, index.has(last) && index.get(last)?.id !== entity.id ? null : entity);
  }
  return index;
}

const ORG_WORDS =
  /\b(?:University|Trust|Cooperative|Society|Fund|Court|Authority|Commission|Institute|Front|Forces|Republic|Party|Ministry|Council|Agency|Service|Company|Corporation|Committee|Bank|Army|Union|Association|Foundation|Movement|Group|Qaeda|Taliban|Administration|Government)\b/u;
const PLACE_WORDS =
  /\b(?:Valley|River|Emirates|Province|City|Mountains?|Island|Sea|Lake|Street|Square|County|District|Region)\b/u;

function guessType(name: string, fallback: SuggestedType): SuggestedType {
  if (ORG_WORDS.test(name)) return "Organization";
  if (PLACE_WORDS.test(name)) return "Location";
  return fallback;
}

function nerSpans(text: string): { range: TextRange; type: SuggestedType }[] {
  const doc = nlp(text);
  type Matches = { json(options: { offset: true }): unknown };
  const kinds: [Matches, SuggestedType][] = [
    [doc.people(), "Person"],
    [doc.places(), "Location"],
    [doc.organizations(), "Organization"],
  ];
  const spans: { range: TextRange; type: SuggestedType }[] = [];
  for (const [matches, type] of kinds) {
    for (const match of matches.json({ offset: true }) as { offset: { start: number; length: number } }[]) {
      const range = cleanSpan(text, { start: match.offset.start, end: match.offset.start + match.offset.length });
      if (range) spans.push({ range, type });
    }
  }
  return spans;
}

/**
 * Suggests likely entity mentions in a canonical text, from three sources
 * merged in this order of trust: (1) every whole-word mention of a catalog
 * entity's name or aliases, (2) compromise's people, places and organizations
 * with their spans cleaned, (3) capitalized names it missed (type unknown).
 * Spans overlapping `existing` annotations or an earlier source are dropped.
 * Nothing is created here: the analyst accepts or dismisses each one.
 */
export function suggestMentions(options: {
  text: string;
  catalog: readonly CatalogEntity[];
  existing?: readonly TextRange[];
}): Suggestion[] {
  const { text } = options;
  const taken: TextRange[] = [...(options.existing ?? [])];
  const out: Suggestion[] = [];
  const overlaps = (r: TextRange) => taken.some((t) => t.start < r.end && r.start < t.end);

  const byTerm = new Map<string, CatalogEntity>();
  for (const entity of options.catalog) {
    for (const term of [entity.name, ...entity.aliases]) {
      const key = term.trim().toLowerCase();
      if (key && !byTerm.has(key)) byTerm.set(key, entity);
    }
  }
  const lastNames = lastNameIndex(options.catalog);
  const add = (range: TextRange, rest: Omit<Suggestion, "start" | "end" | "text" | "match">) => {
    if (overlaps(range)) return;
    taken.push(range);
    const mention = text.slice(range.start, range.end);
    const key = mention.toLowerCase();
    let match: Suggestion["match"] = null;
    const named = byTerm.get(key);
    if (named)
      match = { entityId: named.id, name: named.name, via: named.name.toLowerCase() === key ? "name" : "alias" };
    else {
      const byLastName = lastNames.get(key);
      if (byLastName) match = { entityId: byLastName.id, name: byLastName.name, via: "last name" };
    }
    out.push({ ...range, text: mention, ...rest, match });
  };

  for (const range of findMentions(text, [...byTerm.keys()], { skip: options.existing })) {
    const entity = byTerm.get(text.slice(range.start, range.end).toLowerCase());
    if (!entity) continue;
    const type = ["Person", "Organization", "Location"].includes(entity.typeName)
      ? (entity.typeName as SuggestedType)
      : null;
    add(range, { type, entityId: entity.id, source: "catalog" });
  }

  const capitalized = findCapitalizedNames(text);
  for (const { range: tagged, type } of nerSpans(text)) {
    // A tagger's span inside a longer capitalized name grows to that name ("brother Rohullah" Azizi).
    const range = capitalized.find((c) => c.start <= tagged.start && tagged.end <= c.end) ?? tagged;
    add(range, { type: guessType(text.slice(range.start, range.end), type), entityId: null, source: "ner" });
  }

  for (const range of capitalized) {
    add(range, { type: guessType(text.slice(range.start, range.end), null), entityId: null, source: "capitalized" });
  }

  return out.sort((a, b) => a.start - b.start || a.end - b.end);
}
