// The demo workspace's catalog and annotation work, invented for the demo
// articles (see demo-articles.ts): every name in them is fictional.

/** A default entity type's name (see lib/entities/default-entity-types.ts). */
type DemoTypeName = "Person" | "Organization" | "Location" | "Event";

export type DemoEntity = { key: string; type: DemoTypeName; name: string; aliases: string[]; description: string };

export const demoEntities: DemoEntity[] = [
  {
    key: "brandvoort",
    type: "Person",
    name: "Ilse Brandvoort",
    aliases: ["Brandvoort", "Director-General Brandvoort"],
    description: "Director-General of the Velmora Port Authority.",
  },
  {
    key: "ardelean",
    type: "Person",
    name: "Tomas Ardelean",
    aliases: ["Ardelean", "Councillor Ardelean"],
    description: "Velmora city councillor; chairs the infrastructure committee.",
  },
  {
    key: "hallam",
    type: "Person",
    name: "Beatriz Hallam",
    aliases: ["Hallam", "Chair Hallam"],
    description: "Chair of the Regional Water Council.",
  },
  {
    key: "marr",
    type: "Person",
    name: "Olusegun Marr",
    aliases: ["Marr", "Chair Marr"],
    description: "Chair of the Select Committee on Public Accounts.",
  },
  {
    key: "lindqvist",
    type: "Person",
    name: "Priya Lindqvist",
    aliases: ["Lindqvist"],
    description: "Chief executive of Aldercrest Systems.",
  },
  {
    key: "port-authority",
    type: "Organization",
    name: "Velmora Port Authority",
    aliases: ["Port of Velmora", "the port authority"],
    description: "Runs berths, scheduling and inspections at the Port of Velmora.",
  },
  {
    key: "customs",
    type: "Organization",
    name: "Velmora Customs Service",
    aliases: ["Velmora Customs", "the customs service"],
    description: "Clears cargo arriving at Velmora.",
  },
  {
    key: "kessler",
    type: "Organization",
    name: "Kessler Maritime Logistics",
    aliases: ["Kessler", "KML"],
    description: "Contractor maintaining the port's berth-scheduling software.",
  },
  {
    key: "water-council",
    type: "Organization",
    name: "Regional Water Council",
    aliases: ["the Water Council", "RWC"],
    description: "Allocates water across the provinces of Alvero, Mendra and Sollis.",
  },
  {
    key: "aldercrest",
    type: "Organization",
    name: "Aldercrest Systems",
    aliases: ["Aldercrest"],
    description: "Radar and communications supplier to the Ministry of Defence.",
  },
  {
    key: "velmora",
    type: "Location",
    name: "Velmora",
    aliases: ["City of Velmora"],
    description: "Port city; seat of the Velmora Port Authority.",
  },
  {
    key: "castrel",
    type: "Location",
    name: "Castrel",
    aliases: [],
    description: "City where the Regional Water Council sits.",
  },
  {
    key: "mendra",
    type: "Location",
    name: "Mendra",
    aliases: ["Mendra province"],
    description: "Orchard province; voted against the rationing.",
  },
  {
    key: "cyber-incident",
    type: "Event",
    name: "Velmora port cyber incident",
    aliases: ["the incident", "Velmora cyber incident"],
    description: "Unauthorised access to the port's scheduling systems, spring 2025.",
  },
];

/** Which demo user: the first or the second analyst (see demo-users.ts). */
export type DemoAnalyst = "analyst" | "analyst2";

export type DemoAnnotation = {
  /** For the review decisions and the comment thread below. */
  key?: string;
  author: DemoAnalyst;
  /** The quote, found in the article's canonical text… */
  quote: string;
  /** …at its n-th occurrence (0 = the first). */
  occurrence?: number;
  entity: string | null;
  note?: string;
};

export type DemoArticleWork = {
  /** Index into demoArticles. */
  article: number;
  /** Each listed analyst gets a blind assignment from the reviewer, submitted once annotated. */
  blindFor?: DemoAnalyst[];
  annotations: DemoAnnotation[];
  accept?: string[];
  reject?: { key: string; reason: string }[];
  /** Relations the annotations' author drew between two of them (by key), of a default relation type; some accepted by the reviewer. */
  relations?: { source: string; type: string; target: string; note?: string; accept?: boolean }[];
};

export const demoWork: DemoArticleWork[] = [
  // The port article, annotated blind by both analysts: they agree on most
  // spans, tag "Port of Velmora" differently, overlap on the councillor and
  // each mark one span the other did not. Left proposed, for curation.
  {
    article: 0,
    blindFor: ["analyst", "analyst2"],
    annotations: [
      { author: "analyst", quote: "Port of Velmora", entity: "port-authority" },
      { author: "analyst", quote: "Ilse Brandvoort", entity: "brandvoort" },
      { author: "analyst", quote: "Velmora Customs Service", entity: "customs" },
      { author: "analyst", quote: "Kessler Maritime Logistics", entity: "kessler" },
      { author: "analyst", quote: "Councillor Tomas Ardelean", entity: "ardelean" },
      {
        author: "analyst",
        quote: "The incident",
        entity: "cyber-incident",
        note: "Same event as the “unauthorised activity” in the first paragraph.",
      },
      { author: "analyst2", quote: "Port of Velmora", entity: "velmora" },
      { author: "analyst2", quote: "Ilse Brandvoort", entity: "brandvoort" },
      { author: "analyst2", quote: "Velmora Customs Service", entity: "customs" },
      { author: "analyst2", quote: "Kessler Maritime Logistics", entity: "kessler" },
      { author: "analyst2", quote: "Tomas Ardelean", entity: "ardelean" },
      { author: "analyst2", quote: "Kessler", occurrence: 1, entity: "kessler" },
    ],
  },
  // The water article, annotated by the second analyst and reviewed: most
  // accepted, one rejected with a reason, one still waiting.
  {
    article: 1,
    annotations: [
      { key: "castrel", author: "analyst2", quote: "Castrel", entity: "castrel" },
      { key: "council", author: "analyst2", quote: "Regional Water Council", entity: "water-council" },
      { key: "hallam", author: "analyst2", quote: "Beatriz Hallam", entity: "hallam" },
      { key: "orlan", author: "analyst2", quote: "Orlan Dam", entity: "castrel" },
      { key: "mendra", author: "analyst2", quote: "Mendra", occurrence: 1, entity: "mendra" },
      {
        key: "sato",
        author: "analyst2",
        quote: "Ruben Sato",
        entity: null,
        note: "Mendra delegate. Not in the catalog yet: add him?",
      },
      { key: "castrel-court", author: "analyst2", quote: "Castrel", occurrence: 1, entity: "castrel" },
    ],
    accept: ["castrel", "council", "hallam", "mendra"],
    relations: [
      { source: "hallam", type: "leads", target: "council", accept: true },
      { source: "council", type: "located in", target: "castrel" },
    ],
    reject: [
      {
        key: "orlan",
        reason: "The Orlan Dam is a reservoir of its own, not the city of Castrel: give it its own entity.",
      },
    ],
  },
  // The procurement article: the first analyst has started on it (their open
  // assignment); the reviewer has accepted the first two spans.
  {
    article: 2,
    annotations: [
      { key: "marr", author: "analyst", quote: "Olusegun Marr", entity: "marr" },
      { key: "aldercrest", author: "analyst", quote: "Aldercrest Systems", entity: "aldercrest" },
      { key: "marr-quote", author: "analyst", quote: "Marr", occurrence: 1, entity: "marr" },
      { key: "lindqvist", author: "analyst", quote: "Priya Lindqvist", entity: "lindqvist" },
    ],
    accept: ["marr", "aldercrest"],
    relations: [
      { source: "lindqvist", type: "leads", target: "aldercrest", note: "Chief executive since the contract." },
    ],
  },
];
