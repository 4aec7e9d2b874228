/**
 * Generated policies and facts for the benchmarks: deterministic (seeded), valid for
 * `definePolicy`, and readable by json-rules-engine as they are.
 */

/** A small seeded generator (mulberry32): the same seed gives the same policy on every machine. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const INTEGERS = ['n0', 'n1', 'n2', 'n3', 'n4', 'n5', 'n6', 'n7'];
const AMOUNTS = ['m0', 'm1', 'm2', 'm3'];
const BOOLEANS = ['b0', 'b1', 'b2', 'b3'];
const STRINGS = ['s0', 's1', 's2', 's3'];
const ENUM = ['red', 'green', 'blue', 'amber', 'violet'];
const PARAMETERS = ['p0', 'p1', 'p2', 'p3'];

export interface GeneratedOptions {
  /** Whether the customer could change the facts (`mutable`): counterfactuals search only mutable facts. @default true */
  readonly mutable?: boolean;
}

/**
 * A policy of `rules` rules over 20 facts (8 whole numbers, 4 amounts, 4 booleans, 4 enums) and
 * 4 parameters. Each rule has one to four comparisons under `all`, sometimes a nested `any` or a
 * `not`; about half deny or escalate, and every rule has a `because` text with a placeholder.
 */
export function generatePolicy(rules: number, seed = 1, options: GeneratedOptions = {}): Record<string, unknown> {
  const rnd = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
  const mutable = options.mutable ?? true;
  const facts: Record<string, unknown> = {};
  INTEGERS.forEach((f, i) => {
    facts[f] = { type: 'integer', unit: 'day', label: { en: `days ${i}`, nl: `dagen ${i}` }, ...(mutable && i >= 4 ? {} : { mutable: false }) };
  });
  for (const f of AMOUNTS) facts[f] = { type: 'number', unit: 'currency', currency: 'EUR', label: { en: `amount ${f}` }, ...(mutable ? {} : { mutable: false }) };
  for (const f of BOOLEANS) facts[f] = { type: 'boolean', label: { en: `flag ${f}` }, ...(mutable ? {} : { mutable: false }) };
  for (const f of STRINGS) facts[f] = { type: 'string', enum: ENUM, label: { en: `colour ${f}` }, mutable: false };
  const parameters: Record<string, unknown> = {};
  PARAMETERS.forEach((p, i) => {
    parameters[p] = { value: 20 + i * 15, unit: 'day', label: { en: `limit ${i}` } };
  });

  const leaf = (): Record<string, unknown> => {
    const kind = rnd();
    if (kind < 0.45) {
      const fact = pick(INTEGERS);
      const operator = pick(['greaterThan', 'lessThan', 'greaterThanInclusive', 'lessThanInclusive']);
      return rnd() < 0.2 ? { fact, operator, value: { fact: pick(PARAMETERS) } } : { fact, operator, value: Math.floor(rnd() * 100) };
    }
    if (kind < 0.65) return { fact: pick(AMOUNTS), operator: pick(['greaterThan', 'lessThanInclusive']), value: Math.floor(rnd() * 1000) };
    if (kind < 0.85) return { fact: pick(BOOLEANS), operator: 'equal', value: rnd() < 0.5 };
    return rnd() < 0.5
      ? { fact: pick(STRINGS), operator: 'equal', value: pick(ENUM) }
      : { fact: pick(STRINGS), operator: 'in', value: [pick(ENUM), pick(ENUM)] };
  };
  const list: Record<string, unknown>[] = [];
  for (let i = 0; i < rules; i++) {
    const size = 1 + Math.floor(rnd() * 4);
    const all: Record<string, unknown>[] = [];
    for (let j = 0; j < size; j++) {
      const shape = rnd();
      if (shape < 0.1) all.push({ any: [leaf(), leaf()] });
      else if (shape < 0.15) all.push({ not: leaf() });
      else all.push(leaf());
    }
    const roll = rnd();
    const outcome = roll < 0.4 ? 'deny' : roll < 0.5 ? 'escalate' : 'approve';
    const first = all.find((c) => typeof c['fact'] === 'string' && INTEGERS.includes(c['fact'] as string));
    list.push({
      name: `rule-${i}`,
      priority: 1 + Math.floor(rnd() * 100),
      conditions: { all },
      event: { type: outcome, params: { code: `R${i}` } },
      because: first === undefined ? { en: `rule ${i} applies`, nl: `regel ${i} geldt` } : { en: `it has been {{${first['fact'] as string}}} (rule ${i})`, nl: `het is {{${first['fact'] as string}}} (regel ${i})` },
    });
  }
  return {
    id: `generated-${rules}`,
    version: '1',
    kind: 'other',
    facts,
    parameters,
    outcomes: {
      approve: { label: { en: 'approved', nl: 'goedgekeurd' } },
      deny: { label: { en: 'declined', nl: 'afgewezen' }, adverse: true },
      escalate: { label: { en: 'passed to a colleague' }, human: true },
    },
    decision: { strategy: 'priority', default: 'approve' },
    rules: list,
  };
}

/** `count` sets of facts for a generated policy, every fact given. */
export function generateFacts(count: number, seed = 2): Record<string, unknown>[] {
  const rnd = random(seed);
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < count; i++) {
    const facts: Record<string, unknown> = {};
    for (const f of INTEGERS) facts[f] = Math.floor(rnd() * 100);
    for (const f of AMOUNTS) facts[f] = Math.round(rnd() * 100000) / 100;
    for (const f of BOOLEANS) facts[f] = rnd() < 0.5;
    for (const f of STRINGS) facts[f] = ENUM[Math.floor(rnd() * ENUM.length)];
    out.push(facts);
  }
  return out;
}

/** The locales of {@link generateTextPolicy}'s texts. */
export const TEXT_LOCALES = ['en', 'nl', 'de'] as const;

const tx = (en: string, nl: string, de: string): Record<string, string> => ({ en, nl, de });
const MEASURES = [
  { name: 'waitDays', unit: 'day', label: tx('waiting time', 'wachttijd', 'Wartezeit'), max: 60 },
  { name: 'distance', unit: 'km', label: tx('distance', 'afstand', 'Entfernung'), max: 500 },
  { name: 'weight', unit: 'kg', label: tx('parcel weight', 'pakketgewicht', 'Paketgewicht'), max: 40 },
  { name: 'share', unit: 'percent', label: tx('share used', 'gebruikt deel', 'genutzter Anteil'), max: 100 },
  { name: 'delay', unit: 'hour', label: tx('delay', 'vertraging', 'Verspätung'), max: 12 },
  { name: 'tenure', unit: 'month', label: tx('customer since', 'klant sinds', 'Kunde seit'), max: 120 },
] as const;
const MONEY = [
  { name: 'ticketPrice', currency: 'EUR', label: tx('ticket price', 'ticketprijs', 'Ticketpreis') },
  { name: 'claimAmount', currency: 'EUR', label: tx('amount claimed', 'geclaimd bedrag', 'geforderter Betrag') },
  { name: 'feeOwed', currency: 'GBP', label: tx('fee owed', 'verschuldigde vergoeding', 'offene Gebühr') },
] as const;
const FLAGS = [
  { name: 'member', label: tx('member', 'lid', 'Mitglied') },
  { name: 'firstClaim', label: tx('first claim', 'eerste claim', 'erste Forderung') },
  { name: 'receiptShown', label: tx('receipt shown', 'bon getoond', 'Beleg vorgelegt') },
] as const;
const CHOICES = [
  { name: 'plan', values: ['basic', 'plus', 'pro', 'family'], label: tx('plan', 'abonnement', 'Tarif') },
  { name: 'channel', values: ['web', 'app', 'phone', 'shop'], label: tx('channel', 'kanaal', 'Kanal') },
  { name: 'region', values: ['north', 'south', 'east', 'west'], label: tx('region', 'regio', 'Region') },
] as const;
const VALUE_WORDS: Record<string, Record<string, string>> = {
  basic: tx('Basic', 'Basis', 'Basis'), plus: tx('Plus', 'Plus', 'Plus'), pro: tx('Pro', 'Pro', 'Profi'), family: tx('Family', 'Gezin', 'Familie'),
  web: tx('website', 'website', 'Website'), app: tx('app', 'app', 'App'), phone: tx('phone', 'telefoon', 'Telefon'), shop: tx('shop', 'winkel', 'Laden'),
  north: tx('north', 'noord', 'Nord'), south: tx('south', 'zuid', 'Süd'), east: tx('east', 'oost', 'Ost'), west: tx('west', 'west', 'West'),
};

/**
 * A policy of `rules` rules whose texts cost what real ones do: 15 facts with units (days, km,
 * kg, percent, hours, months), amounts in two currencies, yes/no facts, choices with value labels
 * and a list fact; labels, value labels and outcomes in English, Dutch and German; parameters
 * with units and a list. Most reasons are phrased by `because` from the conditions (no
 * `because` text), one in four is the author's, with `{{name, unit}}` placeholders. The yes/no
 * facts are mutable (counterfactuals search them), the rest are not.
 */
export function generateTextPolicy(rules: number, seed = 3): Record<string, unknown> {
  const rnd = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
  const facts: Record<string, unknown> = {};
  for (const m of MEASURES) facts[m.name] = { type: m.unit === 'hour' || m.unit === 'percent' ? 'number' : 'integer', unit: m.unit, label: m.label, mutable: false };
  for (const m of MONEY) facts[m.name] = { type: 'number', unit: 'currency', currency: m.currency, label: m.label, mutable: false };
  for (const f of FLAGS) facts[f.name] = { type: 'boolean', label: f.label };
  for (const c of CHOICES) facts[c.name] = { type: 'string', enum: [...c.values], label: c.label, valueLabels: Object.fromEntries(c.values.map((v) => [v, VALUE_WORDS[v]])), mutable: false };
  facts['tags'] = { type: 'array', items: 'string', label: tx('tags', 'labels', 'Merkmale'), mutable: false };
  const parameters: Record<string, unknown> = {
    maxWaitDays: { value: 30, unit: 'day', label: tx('waiting limit', 'wachtlimiet', 'Wartegrenze') },
    maxDistance: { value: 250, unit: 'km', label: tx('distance limit', 'afstandslimiet', 'Entfernungsgrenze') },
    claimLimit: { value: 400, unit: 'currency', currency: 'EUR', label: tx('claim limit', 'claimlimiet', 'Forderungsgrenze') },
    coveredPlans: { value: ['plus', 'pro'], label: tx('covered plans', 'gedekte abonnementen', 'abgedeckte Tarife') },
  };
  const leaf = (): Record<string, unknown> => {
    const kind = rnd();
    if (kind < 0.35) {
      const m = pick(MEASURES);
      const operator = pick(['greaterThan', 'lessThan', 'greaterThanInclusive', 'lessThanInclusive']);
      if (m.name === 'waitDays' && rnd() < 0.5) return { fact: m.name, operator, value: { fact: 'maxWaitDays' } };
      if (m.name === 'distance' && rnd() < 0.5) return { fact: m.name, operator, value: { fact: 'maxDistance' } };
      return { fact: m.name, operator, value: Math.floor(rnd() * m.max * 10) / 10 };
    }
    if (kind < 0.55) {
      const m = pick(MONEY);
      return m.name === 'claimAmount' && rnd() < 0.5 ? { fact: m.name, operator: 'greaterThan', value: { fact: 'claimLimit' } } : { fact: m.name, operator: pick(['greaterThan', 'lessThanInclusive']), value: Math.floor(rnd() * 50000) / 100 };
    }
    if (kind < 0.7) return { fact: pick(FLAGS).name, operator: 'equal', value: rnd() < 0.5 };
    if (kind < 0.9) {
      const c = pick(CHOICES);
      if (c.name === 'plan' && rnd() < 0.4) return { fact: 'plan', operator: rnd() < 0.5 ? 'in' : 'notIn', value: { fact: 'coveredPlans' } };
      return rnd() < 0.4 ? { fact: c.name, operator: 'equal', value: pick(c.values) } : { fact: c.name, operator: rnd() < 0.5 ? 'in' : 'notIn', value: [pick(c.values), pick(c.values), pick(c.values)].filter((v, i, a) => a.indexOf(v) === i) };
    }
    return { fact: 'tags', operator: rnd() < 0.5 ? 'contains' : 'doesNotContain', value: pick(['late', 'damaged', 'gift', 'repeat']) };
  };
  const list: Record<string, unknown>[] = [];
  for (let i = 0; i < rules; i++) {
    const size = 1 + Math.floor(rnd() * 3);
    const all: Record<string, unknown>[] = [];
    for (let j = 0; j < size; j++) all.push(rnd() < 0.1 ? { any: [leaf(), leaf()] } : leaf());
    const roll = rnd();
    const outcome = roll < 0.4 ? 'deny' : roll < 0.5 ? 'escalate' : 'approve';
    const measured = all.find((c) => MEASURES.some((m) => m.name === c['fact']));
    const own = measured !== undefined && rnd() < 0.25;
    const name = measured?.['fact'] as string;
    list.push({
      name: `rule-${i}`,
      priority: 1 + Math.floor(rnd() * 100),
      conditions: { all },
      event: { type: outcome, params: { code: `R${i}` } },
      ...(own ? { because: tx(`the {{${name}}} recorded is {{${name}, unit}} (rule ${i})`, `de geregistreerde waarde is {{${name}, unit}} (regel ${i})`, `der erfasste Wert beträgt {{${name}, unit}} (Regel ${i})`) } : {}),
    });
  }
  return {
    id: `generated-texts-${rules}`,
    version: '1',
    kind: 'service',
    title: tx('Generated', 'Gegenereerd', 'Generiert'),
    facts,
    parameters,
    outcomes: {
      approve: { label: tx('approved', 'goedgekeurd', 'genehmigt') },
      deny: { label: tx('declined', 'afgewezen', 'abgelehnt'), adverse: true },
      escalate: { label: tx('passed to a colleague', 'doorgezet naar een collega', 'an eine Kollegin weitergegeben'), human: true },
    },
    decision: { strategy: 'priority', default: 'approve' },
    rules: list,
  };
}

/** `count` sets of facts for {@link generateTextPolicy}, every fact given. */
export function generateTextFacts(count: number, seed = 4): Record<string, unknown>[] {
  const rnd = random(seed);
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < count; i++) {
    const facts: Record<string, unknown> = {};
    for (const m of MEASURES) facts[m.name] = m.unit === 'hour' || m.unit === 'percent' ? Math.round(rnd() * m.max * 100) / 100 : Math.floor(rnd() * m.max);
    for (const m of MONEY) facts[m.name] = Math.round(rnd() * 60000) / 100;
    for (const f of FLAGS) facts[f.name] = rnd() < 0.5;
    for (const c of CHOICES) facts[c.name] = c.values[Math.floor(rnd() * c.values.length)];
    facts['tags'] = ['late', 'damaged', 'gift', 'repeat'].filter(() => rnd() < 0.4);
    out.push(facts);
  }
  return out;
}
