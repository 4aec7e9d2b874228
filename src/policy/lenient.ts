import * as z from 'zod/mini';
import { isRecord } from './json.js';
import { PolicySchema, policySchemas, STRATEGIES, type PolicyDocument } from './schema.js';

/**
 * A view of a policy document whose structure has problems, keeping every part that is well
 * formed on its own, so that `definePolicy` can still check references, names and texts and
 * report every problem in one go (CONTRACT §2: "lists every problem found").
 *
 * Each declared fact, parameter, outcome and rule keeps its name (and its place in the list),
 * with only the properties that pass their own schema: a fact with a misspelt `unit` is still
 * declared, so the rules that read it do not get an "undeclared" issue on top.
 * @internal
 */
export interface LenientView {
  readonly doc: PolicyDocument;
  /** Rules that are not objects at all: nothing of them is checked further. */
  readonly skipRules: ReadonlySet<number>;
  /** `facts` (and `parameters`, when present) are objects: names read by rules can be checked. */
  readonly namesKnown: boolean;
  /** `outcomes` is an object: `event.type` and `decision.default` can be checked. */
  readonly outcomesKnown: boolean;
}

type Shape = Readonly<Record<string, z.core.$ZodType>>;

const passes = (schema: z.core.$ZodType, value: unknown): boolean => z.safeParse(schema, value).success;

/** The properties of `raw` that pass their own schema in `shape`; `{}` when `raw` is no object. */
function wellFormed(shape: Shape, raw: unknown, except: readonly string[] = []): Record<string, unknown> {
  if (!isRecord(raw)) return {};
  const out: [string, unknown][] = [];
  for (const [key, schema] of Object.entries(shape)) {
    if (except.includes(key) || !Object.hasOwn(raw, key)) continue;
    if (passes(schema, raw[key])) out.push([key, raw[key]]);
  }
  return Object.fromEntries(out);
}

/** Every entry of a record section, each with its well-formed properties. */
function section(shape: Shape, raw: unknown): Record<string, unknown> {
  return isRecord(raw) ? Object.fromEntries(Object.entries(raw).map(([name, value]) => [name, wellFormed(shape, value)])) : {};
}

const TOP_LEVEL = ['facts', 'parameters', 'outcomes', 'conditions', 'rules', 'decision', 'texts'];

/** @internal */
export function lenientView(raw: Record<string, unknown>): LenientView {
  const { FactSchema, OutcomeSchema, ParameterSchema, RuleSchema, SourceSchema, TextSchema } = policySchemas();
  const doc: Record<string, unknown> = wellFormed(PolicySchema.shape, raw, TOP_LEVEL);
  doc['facts'] = section(FactSchema.shape, raw['facts']);
  if (raw['parameters'] !== undefined) doc['parameters'] = section(ParameterSchema.shape, raw['parameters']);
  doc['outcomes'] = section(OutcomeSchema.shape, raw['outcomes']);
  doc['conditions'] = isRecord(raw['conditions']) ? raw['conditions'] : {};

  const decision = raw['decision'];
  if (isRecord(decision)) {
    const kept: Record<string, unknown> = {};
    if ((STRATEGIES as readonly unknown[]).includes(decision['strategy'])) kept['strategy'] = decision['strategy'];
    if (typeof decision['default'] === 'string') kept['default'] = decision['default'];
    doc['decision'] = kept;
  }
  const texts = raw['texts'];
  if (isRecord(texts)) {
    doc['texts'] = Object.fromEntries(
      (['escalation', 'disclosure'] as const).filter((k) => Object.hasOwn(texts, k) && passes(TextSchema, texts[k])).map((k) => [k, texts[k]]),
    );
  }

  const skipRules = new Set<number>();
  const rules = Array.isArray(raw['rules']) ? (raw['rules'] as unknown[]) : [];
  doc['rules'] = rules.map((rule, i) => {
    if (!isRecord(rule)) {
      skipRules.add(i);
      return { event: {} };
    }
    const kept = wellFormed(RuleSchema.shape, rule, ['conditions', 'event', 'source']);
    kept['conditions'] = rule['conditions'];
    kept['event'] = wellFormed(RuleSchema.shape.event.shape, rule['event']);
    if (isRecord(rule['source'])) kept['source'] = wellFormed(SourceSchema.shape, rule['source']);
    return kept;
  });

  return {
    doc: doc as PolicyDocument,
    skipRules,
    namesKnown: isRecord(raw['facts']) && (raw['parameters'] === undefined || isRecord(raw['parameters'])),
    outcomesKnown: isRecord(raw['outcomes']),
  };
}
