// A deterministic synthetic entity network shaped like a real one: a few
// heavily mentioned entities and a long tail (mentions follow a power law),
// links mostly inside communities (the people of one story) with some across,
// and link weights that are mostly 1 with a heavy tail.
//
//   node bench/generate-network.mjs        prints a summary

/** mulberry32: a small seeded PRNG, so every run draws the same graph. */
function prng(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TYPES = [
  { id: "type-person", name: "Person", color: "#d94f4f" },
  { id: "type-org", name: "Organization", color: "#2f55d4" },
  { id: "type-place", name: "Place", color: "#1f9d55" },
  { id: "type-event", name: "Event", color: "#b7791f" },
  { id: "type-other", name: "Other", color: "#805ad5" },
];

const SYLLABLES = ["ka", "ri", "mo", "sa", "lun", "de", "vor", "an", "ti", "bel", "ro", "ha", "zim", "el", "qu", "dar"];

/** The network in the API's shape (lib/entity-network/types.ts). */
export function generateNetwork({ nodes = 2000, edges = 20000, communities = 40, seed = 7 } = {}) {
  const random = prng(seed);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const name = () =>
    Array.from({ length: 2 + Math.floor(random() * 2) }, () => pick(SYLLABLES)).join("") +
    " " +
    Array.from({ length: 2 + Math.floor(random() * 2) }, () => pick(SYLLABLES)).join("");

  const list = Array.from({ length: nodes }, (_, i) => ({
    id: `entity-${String(i).padStart(5, "0")}`,
    name: name().replace(/\b\w/g, (c) => c.toUpperCase()),
    typeId: TYPES[Math.min(TYPES.length - 1, Math.floor(-Math.log(1 - random()) * 1.3))].id,
    mentions: Math.max(1, Math.round(400 / Math.pow(i + 1, 0.75) + random() * 2)),
    community: Math.floor(random() * communities),
  }));
  const members = Array.from({ length: communities }, () => []);
  for (const n of list) members[n.community].push(n);

  const seen = new Set();
  const edgeList = [];
  while (edgeList.length < edges) {
    const a = list[Math.floor(Math.pow(random(), 1.6) * nodes)]; // well-mentioned entities link more
    const b = random() < 0.85 ? pick(members[a.community]) : list[Math.floor(random() * nodes)];
    if (a === b) continue;
    const [source, target] = a.id < b.id ? [a.id, b.id] : [b.id, a.id];
    const key = `${source}~${target}`;
    if (seen.has(key)) continue;
    seen.add(key);
    // Geometric weights (mostly 1), never more than the paragraphs the rarer entity is mentioned in.
    const weight = 1 + Math.floor(-Math.log(1 - random()) * 1.5);
    edgeList.push({ source, target, weight: Math.min(weight, a.mentions, b.mentions) });
  }
  edgeList.sort((x, y) => y.weight - x.weight || (x.source < y.source ? -1 : 1));
  return {
    types: TYPES,
    nodes: list.map(({ community: _community, ...n }) => n).sort((x, y) => y.mentions - x.mentions),
    edges: edgeList,
    truncated: false,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const network = generateNetwork();
  const weights = network.edges.map((e) => e.weight);
  console.log({
    nodes: network.nodes.length,
    edges: network.edges.length,
    maxMentions: network.nodes[0].mentions,
    maxWeight: Math.max(...weights),
    weightOne: weights.filter((w) => w === 1).length,
    sample: network.nodes.slice(0, 3),
  });
}
