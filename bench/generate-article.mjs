// Deterministic benchmark data: a long article of original pseudo-English text
// and N highlight ranges over any canonical text.
//
//   node bench/generate-article.mjs [words] [annotations]   prints stats and a sample
//
// The same seed always gives the same text and the same ranges, so results from
// different runs and machines are comparable.

/** mulberry32: a small seeded PRNG returning floats in [0, 1). */
export function createRandom(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    /** An integer in [min, max], both included. */
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (list) => list[Math.floor(next() * list.length)],
    chance: (p) => next() < p,
  };
}

// Word lists written for this benchmark. Nothing here is taken from a real text.
const list = (items, separator = /\s+/) => items.trim().split(separator);
const DETERMINERS = list(`
  the a this that every each some another no our their its
`);
const ADJECTIVES = list(`
  quiet northern brittle careful distant early faded gentle hollow local minor narrow open patient
  rapid rural sudden steady tangled uneven vivid wary crowded formal hidden lasting modest plain
  rising shared
`);
const NOUNS = list(`
  harbour council ledger orchard convoy ministry archive valley bridge market report witness treaty
  garrison village signal pipeline border station factory tribunal river checkpoint mandate corridor
  budget ferry quarry cable census platform warehouse delegation district reservoir outpost charter
  network almanac envoy
`);
const VERBS = list(`
  reached crossed recorded questioned delayed rebuilt guarded measured refused signed opened traced
  shifted announced doubted funded mapped ignored restored followed counted carried released tested
  surveyed weighed linked visited closed described
`);
const ADVERBS = list(`
  slowly openly barely quietly again later soon rarely twice already
`);
const PREPOSITIONS = list(`
  near beyond along under across behind inside toward between after
`);
const CONNECTIVES = list(`
  and but while because although so until whereas
`);
const FIRST_NAMES = list(`
  Amara Bogdan Chiara Dmitri Elif Farid Greta Hamid Ines Jonas Kalinda Lior Mirela Nkosi Oskar Priya
  Quentin Rasa Soraya Tomasz
`);
const LAST_NAMES = list(`
  Abbot Brandt Castellano Dorne Erikssen Falk Gorecki Haddad Iwata Jovanović Kaur Lindqvist Moreau
  Nakamura Okafor Petrov Quist Rahimi Szabo Tiwari
`);
const PLACES = list(`Vell Harbour|Ostmark|Saint-Arlen|Karsk|the Lowmere Valley|Port Ederly|Nuvaro`, "|");
const EMOJI = list(`
  🙂 📈 🌍 🚢 🔥 ⚖️ 🇺🇳 👩‍🔬 🛰️
`);

/** A random sentence and its word count. */
function sentence(random) {
  const words = [];
  const clause = () => {
    words.push(random.pick(DETERMINERS));
    if (random.chance(0.6)) words.push(random.pick(ADJECTIVES));
    words.push(random.chance(0.12) ? `${random.pick(NOUNS)}’s` : random.pick(NOUNS));
    if (random.chance(0.3)) words.push(random.pick(ADVERBS));
    words.push(random.pick(VERBS));
    words.push(random.pick(DETERMINERS), random.pick(NOUNS));
    if (random.chance(0.5)) words.push(random.pick(PREPOSITIONS), random.pick(DETERMINERS), random.pick(NOUNS));
  };
  if (random.chance(0.25)) {
    words.push(random.pick(FIRST_NAMES), random.pick(LAST_NAMES), random.pick(VERBS));
    words.push(random.pick(DETERMINERS), random.pick(NOUNS));
    if (random.chance(0.5)) words.push("in", random.pick(PLACES));
  } else {
    clause();
  }
  if (random.chance(0.35)) {
    words[words.length - 1] += ",";
    words.push(random.pick(CONNECTIVES));
    clause();
  }
  words[0] = words[0][0].toUpperCase() + words[0].slice(1);
  let text = words.join(" ") + random.pick([".", ".", ".", ".", "?", "!"]);
  if (random.chance(0.08)) text = `“${text}”`;
  if (random.chance(0.04)) text += ` ${random.pick(EMOJI)}`;
  // Count real words (place names may hold two).
  return { text, words: text.split(/\s+/).filter((w) => /\p{L}/u.test(w)).length };
}

/**
 * A deterministic article of about `words` words: paragraphs of 60–180 words
 * separated by blank lines, with names, places, curly quotes and emoji.
 */
export function generateArticle({ words = 50_000, seed = 20240611 } = {}) {
  const random = createRandom(seed);
  const paragraphs = [];
  let total = 0;
  while (total < words) {
    const target = random.int(60, 180);
    const sentences = [];
    let count = 0;
    while (count < target) {
      const s = sentence(random);
      sentences.push(s.text);
      count += s.words;
    }
    paragraphs.push(sentences.join(" "));
    total += count;
  }
  return { title: `Benchmark dispatch ${seed} (${total} words)`, text: paragraphs.join("\n\n"), words: total };
}

/** Word tokens (letters, digits, apostrophes, inner hyphens) with their UTF-16 offsets, per paragraph. */
function tokenize(text) {
  const paragraphs = [];
  const blocks = /[^\n]+/g;
  for (let block = blocks.exec(text); block; block = blocks.exec(text)) {
    const tokens = [];
    const word = /[\p{L}\p{N}]+(?:[’'-][\p{L}\p{N}]+)*/gu;
    for (let m = word.exec(block[0]); m; m = word.exec(block[0])) {
      tokens.push({ start: block.index + m.index, end: block.index + m.index + m[0].length });
    }
    if (tokens.length) paragraphs.push(tokens);
  }
  return paragraphs;
}

/**
 * `n` highlight ranges `{ start, end, exact }` over `text` (UTF-16 offsets,
 * `exact = text.slice(start, end)`), sorted by start: mostly disjoint spans of
 * 1–6 words inside one paragraph, and about 8% that overlap or nest inside
 * another span. Deterministic for a given text, `n` and seed.
 */
export function generateAnnotations(text, n, { seed = 7 } = {}) {
  const random = createRandom(seed + n);
  const paragraphs = tokenize(text);
  const used = paragraphs.map((tokens) => new Uint8Array(tokens.length));
  const spans = [];
  const add = (p, from, to) => {
    const tokens = paragraphs[p];
    spans.push({ start: tokens[from].start, end: tokens[to].end, p, from, to });
  };
  for (let i = 0; i < n; i++) {
    if (spans.length > 0 && random.chance(0.08)) {
      const base = random.pick(spans);
      const last = paragraphs[base.p].length - 1;
      if (base.to > base.from && random.chance(0.5)) {
        // Nested: a shorter span inside the base span.
        const from = random.int(base.from, base.to);
        add(base.p, from, random.int(from, base.to));
      } else {
        // Overlapping: starts inside the base span and runs past its end.
        const from = random.int(base.from, base.to);
        add(base.p, from, Math.min(last, base.to + random.int(1, 3)));
      }
      continue;
    }
    // Disjoint where possible: a bounded number of tries, then accept an overlap.
    for (let attempt = 0; attempt < 40; attempt++) {
      const p = random.int(0, paragraphs.length - 1);
      const tokens = paragraphs[p];
      const length = random.int(1, 6);
      const from = random.int(0, Math.max(0, tokens.length - length));
      const to = Math.min(tokens.length - 1, from + length - 1);
      const free = !used[p].subarray(Math.max(0, from - 1), to + 2).some(Boolean);
      if (free || attempt === 39) {
        used[p].fill(1, from, to + 1);
        add(p, from, to);
        break;
      }
    }
  }
  return spans
    .map(({ start, end }) => ({ start, end, exact: text.slice(start, end) }))
    .sort((a, b) => a.start - b.start || b.end - a.end);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const words = Number(process.argv[2] ?? 50_000);
  const n = Number(process.argv[3] ?? 5000);
  const article = generateArticle({ words });
  const spans = generateAnnotations(article.text, n);
  let overlapping = 0;
  for (let i = 1; i < spans.length; i++) if (spans[i].start < spans[i - 1].end) overlapping++;
  console.log(
    `${article.title}: ${article.words} words, ${article.text.split("\n\n").length} paragraphs, ` +
      `${article.text.length} UTF-16 units; ${spans.length} annotations, ${overlapping} overlap the previous one`,
  );
  console.log(article.text.slice(0, 600));
  console.log(spans.slice(0, 5));
}
