export { cleanSpan, isTitleWord } from "@/lib/suggestions/clean-span";
export { findCapitalizedNames } from "@/lib/suggestions/capitalized-names";
export { findMentions, type TextRange } from "@/lib/suggestions/find-mentions";
export {
  suggestMentions,
  type CatalogEntity,
  type Suggestion,
  type SuggestedType,
} from "@/lib/suggestions/suggest-mentions";
