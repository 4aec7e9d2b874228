import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { definePolicy, isPolicyError, PolicyError, type Issue } from '../../src/index.js';
import { closest } from '../../src/policy/suggest.js';

/**
 * CONTRACT §2: `definePolicy` never returns an invalid policy; `PolicyError.issues` lists every
 * problem found, each with a JSON path, a stable code and a message a policy author understands.
 */

type Doc = Record<string, any>;

function valid(): Doc {
  return {
    id: 'refund',
    version: '2026.1',
    kind: 'refund',
    title: { en: 'Refunds', nl: 'Terugbetalingen' },
    validFrom: '2026-01-01',
    validTo: null,
    facts: {
      days: { type: 'integer', unit: 'day', label: { en: 'days since purchase' } },
      total: { type: 'number', unit: 'currency', currency: 'EUR' },
      tier: { type: 'string', enum: ['none', 'gold'] },
      tags: { type: 'array', items: 'string' },
      address: { type: 'object' },
      email: { type: 'string', personal: true },
    },
    parameters: { period: { value: 30, unit: 'day', label: 'return period' } },
    outcomes: { approve: { label: 'approved' }, deny: { adverse: true }, escalate: { human: true } },
    conditions: { late: { all: [{ fact: 'days', operator: 'greaterThan', value: { fact: 'period' } }] } },
    decision: { strategy: 'priority', default: 'escalate' },
    rules: [
      {
        name: 'late',
        priority: 10,
        conditions: { all: [{ condition: 'late' }] },
        event: { type: 'deny' },
        because: { en: 'the return period of {{period}} days has passed' },
        source: { title: 'Returns, 2.1', url: 'https://example.com/returns#2-1' },
      },
      {
        name: 'gold',
        conditions: { any: [{ fact: 'tier', operator: 'equal', value: 'gold' }, { fact: 'address', path: '$.country', operator: 'in', value: ['NL', 'BE'] }] },
        event: { type: 'approve' },
      },
    ],
  };
}

function issuesOf(doc: unknown): Issue[] {
  try {
    definePolicy(doc);
  } catch (error) {
    expect(error).toBeInstanceOf(PolicyError);
    expect(isPolicyError(error)).toBe(true);
    return [...(error as PolicyError).issues];
  }
  throw new Error('definePolicy accepted the policy');
}

/** [what, change to the valid policy, path, code] */
const CASES: [string, (d: Doc) => unknown, string, string][] = [
  ['a string that is not JSON', () => ({ text: '{"id": "x",' }), '', 'invalid_json'],
  ['a key written twice', (d) => ({ text: JSON.stringify(d).replace('"version":', '"version": "0", "version":') }), 'version', 'duplicate_key'],
  ['a value that is not JSON', (d) => (d.facts.days.label = () => 'x'), 'facts.days.label', 'not_json'],
  ['nesting beyond the JSON limit', (d) => {
    let deep: unknown = 1;
    for (let i = 0; i < 200; i++) deep = [deep];
    d.parameters.period.value = deep;
    // the JSON copy stops at depth 128: the document, parameters, period and value are 4 levels
  }, 'parameters.period.value' + '[0]'.repeat(125), 'too_deep'],
  ['conditions nested too deep', (d) => {
    let deep: Doc = { fact: 'days', operator: 'equal', value: 1 };
    for (let i = 0; i < 70; i++) deep = { all: [deep] };
    d.rules[1].conditions = deep;
    // each level of conditions is two levels of JSON: the JSON limit comes first
  }, 'rules[1].conditions' + '.all[0]'.repeat(62) + '.all', 'too_deep'],
  ['conditions nested too deep through a shared condition', (d) => {
    let deep: Doc = { fact: 'days', operator: 'equal', value: 1 };
    for (let i = 0; i < 40; i++) deep = { all: [deep] };
    d.conditions.deep = deep;
    let outer: Doc = { condition: 'deep' };
    for (let i = 0; i < 30; i++) outer = { all: [outer] };
    d.rules[1].conditions = outer;
  }, 'rules[1].conditions' + '.all[0]'.repeat(30) + '.condition', 'too_deep'],
  ['too many conditions in all', (d) => {
    d.rules[1].conditions = { any: Array.from({ length: 100_001 }, (_, i) => ({ fact: 'days', operator: 'equal', value: i })) };
  }, 'rules[1].conditions', 'too_many_conditions'],
  ['too large values compared in all', (d) => {
    d.parameters.codes = { value: Array.from({ length: 100_000 }, (_, i) => `code-${i}`) };
    d.rules[1].conditions = { all: Array.from({ length: 8 }, () => ({ fact: 'tier', operator: 'in', value: { fact: 'codes' } })) };
  }, 'rules[1].conditions', 'values_too_large'],
  ['the wrong type', (d) => (d.rules = {}), 'rules', 'invalid_type'],
  ['a missing property', (d) => delete d.version, 'version', 'missing_property'],
  ['an unknown property', (d) => (d.facts.days.unti = 'day'), 'facts.days.unti', 'unknown_property'],
  ['an unknown property in a condition', (d) => (d.rules[1].conditions.any[0].vaule = 'gold'), 'rules[1].conditions.any[0].vaule', 'unknown_property'],
  ['an unknown property in a fact reference', (d) => (d.conditions.late.all[0].value.pth = '$.x'), 'conditions.late.all[0].value.pth', 'unknown_property'],
  ['a value outside an enum', (d) => (d.kind = 'refunds'), 'kind', 'invalid_value'],
  ['a malformed id', (d) => (d.id = 'Refund Policy'), 'id', 'invalid_format'],
  ['a malformed URL', (d) => (d.rules[0].source.url = 'example dot com'), 'rules[0].source.url', 'invalid_format'],
  ['a malformed fact name', (d) => (d.facts['days since'] = { type: 'number' }), 'facts["days since"]', 'invalid_format'],
  ['a malformed shared-condition name', (d) => (d.conditions['is late'] = { all: [] }), 'conditions["is late"]', 'invalid_format'],
  ['__proto__ as a name', (d) => (d.outcomes = JSON.parse('{"__proto__": {}, "approve": {}, "deny": {}, "escalate": {}}')), 'outcomes.__proto__', 'invalid_format'],
  ['a day that is not in the calendar', (d) => (d.validFrom = '2026-02-30'), 'validFrom', 'invalid_format'],
  ['an empty version', (d) => (d.version = ''), 'version', 'too_small'],
  ['a rule priority of 0', (d) => (d.rules[0].priority = 0), 'rules[0].priority', 'too_small'],
  ['a condition priority of 0', (d) => (d.rules[1].conditions.any[0].priority = 0), 'rules[1].conditions.any[0].priority', 'too_small'],
  ['a fractional condition priority', (d) => (d.rules[1].conditions.any[0].priority = 1.5), 'rules[1].conditions.any[0].priority', 'invalid_type'],
  ['an unknown operator', (d) => (d.rules[1].conditions.any[0].operator = 'greaterThen'), 'rules[1].conditions.any[0].operator', 'unknown_operator'],
  ['an operator on the wrong type', (d) => (d.rules[1].conditions.any[0].operator = 'contains'), 'rules[1].conditions.any[0].operator', 'operator_type_mismatch'],
  ['equal null', (d) => (d.rules[1].conditions.any[0].value = null), 'rules[1].conditions.any[0].value', 'null_comparison'],
  ['a list operator against a number', (d) => (d.rules[1].conditions.any[1].value = 3), 'rules[1].conditions.any[1].value', 'operator_type_mismatch'],
  ['an undeclared fact in a condition', (d) => (d.rules[1].conditions.any[0].fact = 'tierr'), 'rules[1].conditions.any[0].fact', 'undeclared_fact'],
  ['an undeclared fact in a text', (d) => (d.rules[0].because.en = '{{periode}} days'), 'rules[0].because.en', 'undeclared_fact'],
  ['an undeclared fact in a value label', (d) => (d.facts.tier.valueLabels = { gold: { en: 'Gold ({{periode}})' } }), 'facts.tier.valueLabels.gold.en', 'undeclared_fact'],
  ['a path with a filter', (d) => (d.rules[1].conditions.any[1].path = '$..country'), 'rules[1].conditions.any[1].path', 'invalid_path'],
  ['"not" with a list', (d) => (d.rules[1].conditions = { not: [] }), 'rules[1].conditions.not', 'invalid_condition'],
  ['a leaf at the top', (d) => (d.rules[1].conditions = { fact: 'days', operator: 'equal', value: 1 }), 'rules[1].conditions', 'invalid_condition'],
  ['an unknown shared condition', (d) => (d.rules[0].conditions.all[0].condition = 'lat'), 'rules[0].conditions.all[0].condition', 'unknown_condition_reference'],
  ['a circular shared condition', (d) => (d.conditions.late = { all: [{ condition: 'late' }] }), 'conditions.late.all[0].condition', 'circular_condition_reference'],
  ['an unknown outcome', (d) => (d.rules[0].event.type = 'refuse'), 'rules[0].event.type', 'unknown_outcome'],
  ['an unknown default', (d) => (d.decision.default = 'later'), 'decision.default', 'unknown_outcome'],
  ['the reserved outcome', (d) => (d.outcomes.undecided = {}), 'outcomes.undecided', 'reserved_outcome'],
  ['a duplicate rule name', (d) => (d.rules[1].name = 'late'), 'rules[1].name', 'duplicate_rule_name'],
  ['a parameter named like a fact', (d) => (d.parameters.days = { value: 1 }), 'parameters.days', 'parameter_shadows_fact'],
  ['money without a currency', (d) => delete d.facts.total.currency, 'facts.total.currency', 'missing_currency'],
  ['a currency without the unit', (d) => (d.facts.days = { type: 'number', currency: 'EUR' }), 'facts.days.unit', 'currency_without_unit'],
  ['an enum on a number', (d) => (d.facts.days.enum = ['1']), 'facts.days.enum', 'enum_on_non_string'],
  ['items on a string', (d) => (d.facts.tier.items = 'string'), 'facts.tier.items', 'items_on_non_array'],
  ['value labels on a number', (d) => (d.facts.days.valueLabels = { '1': 'one' }), 'facts.days.valueLabels', 'value_labels_on_non_string'],
  ['a value label for a value the enum lacks', (d) => (d.facts.tier.valueLabels = { platinum: 'Platinum' }), 'facts.tier.valueLabels.platinum', 'unknown_value'],
  ['a unit on a string', (d) => (d.facts.tier.unit = 'day'), 'facts.tier.unit', 'unit_on_non_number'],
  ['a statement on a number', (d) => (d.facts.days.says = { '1': 'one day has passed' }), 'facts.days.says', 'says_on_unsupported_type'],
  ['a statement for a value the enum lacks', (d) => (d.facts.tier.says = { platinum: 'you are a Platinum member' }), 'facts.tier.says.platinum', 'unknown_value'],
  ['a statement of a yes/no fact for "yes"', (d) => (d.facts.flag = { type: 'boolean', says: { yes: 'it holds' } }), 'facts.flag.says.yes', 'unknown_value'],
  ['a statement naming an undeclared value', (d) => (d.facts.tier.says = { gold: 'you have {{points}} points' }), 'facts.tier.says.gold', 'undeclared_fact'],
  ['validTo before validFrom', (d) => (d.validTo = '2025-12-31'), 'validTo', 'invalid_validity'],
  ['a malformed placeholder', (d) => (d.title.en = 'Refunds {{period'), 'title.en', 'malformed_text'],
  ['a locale Intl refuses', (d) => (d.rules[0].because['de-DE-1996-1996'] = 'x'), 'rules[0].because["de-DE-1996-1996"]', 'invalid_locale'],
  ['a value that refers to the same objects too often', (d) => {
    const shared = { a: 1 };
    d.parameters.period.value = new Array(60_000).fill(shared);
  }, 'parameters.period.value', 'too_large'],
  ['more problems than an error lists', (d) => {
    for (let i = 0; i < 1001; i++) d.rules.push({ name: `r${i}`, conditions: { all: [] }, event: { type: 'nope' } });
  }, '', 'too_many_problems'],
];

describe('every PolicyError code, with its path', () => {
  it.each(CASES)('%s', (_what, change, path, code) => {
    const doc = valid();
    // A change that gives `{ text }` is tested as the policy's JSON text.
    const changed = change(doc) as { text?: unknown } | undefined;
    const issues = issuesOf(typeof changed?.text === 'string' ? changed.text : doc);
    expect(issues).toContainEqual(expect.objectContaining({ path, code }));
    for (const i of issues) {
      expect(i.message.length).toBeGreaterThan(10);
      // zod/mini writes "Invalid input" for everything; no message may pass that on
      expect(i.message).not.toMatch(/Invalid input|is not Invalid|undefined|\[object Object\]/);
    }
  });

  it('the valid policy is valid', () => {
    expect(definePolicy(valid()).id).toBe('refund');
  });

  // custom-operators.ts checks the operators option (OptionsError, OperatorError): test/core/custom-operators.test.ts covers its codes.
  it('covers every code src/policy emits', () => {
    const dir = new URL('../../src/policy/', import.meta.url);
    const emitted = new Set<string>();
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts') && f !== 'validity.ts' && f !== 'custom-operators.ts')) {
      const source = readFileSync(new URL(file, dir), 'utf8');
      // every snake_case literal except zod's own codes in `case` labels and comparisons with them
      for (const m of source.matchAll(/(case |code [!=]== )?'([a-z]+(?:_[a-z]+)+)'/g)) if (m[1] === undefined) emitted.add(m[2] as string);
    }
    expect(emitted.size).toBeGreaterThan(20);
    const tested = new Set(CASES.map((c) => c[3]));
    expect([...emitted].filter((code) => !tested.has(code))).toEqual([]);
  });
});

describe('messages', () => {
  it('an invalid URL says what a URL looks like', () => {
    const doc = valid();
    doc.rules[0].source.url = 'nope';
    expect(issuesOf(doc)).toEqual([{ code: 'invalid_format', path: 'rules[0].source.url', message: expect.stringMatching(/^"nope" is not a URL such as "https:\/\//) }]);
  });

  it('a text of the wrong type says what a text is', () => {
    const doc = valid();
    doc.title = 5;
    expect(issuesOf(doc)[0]?.message).toMatch(/^Expected a text: a string, or an object of strings keyed by locale/);
    doc.title = { EN: 'Refunds' };
    expect(issuesOf(doc)).toEqual([expect.objectContaining({ path: 'title.EN', code: 'invalid_locale', message: 'Write the locale "EN" as "en".' })]);
    doc.title = { en_US: 'Refunds' };
    expect(issuesOf(doc)).toEqual([expect.objectContaining({ path: 'title.en_US', code: 'invalid_format', message: expect.stringMatching(/"en_US" is not a locale/) })]);
  });

  it.each([
    ['greaterThen', 'greaterThan'],
    ['lessthan', 'lessThan'],
    ['equals', 'equal'],
    ['notEquals', 'notEqual'],
    ['doesNotContains', 'doesNotContain'],
    ['everyFact:greaterThen', 'everyFact:greaterThan'],
    ['evryFact:greaterThan', 'everyFact:greaterThan'],
    ['nto:in', 'not:in'],
    ['someValue:swap:lesThan', 'someValue:swap:lessThan'],
  ])('suggests "%s" → "%s"', (typo, meant) => {
    const doc = valid();
    doc.facts.days = { type: 'array' };
    doc.rules[1].conditions.any[0] = { fact: 'days', operator: typo, value: [1] };
    const issues = issuesOf(doc).filter((i) => i.code === 'unknown_operator');
    expect(issues).toEqual([{ code: 'unknown_operator', path: 'rules[1].conditions.any[0].operator', message: `"${typo}" is not an operator; did you mean "${meant}"?` }]);
  });

  it('lists the operators when nothing is close', () => {
    const doc = valid();
    doc.rules[1].conditions.any[0].operator = 'matches';
    const issue = issuesOf(doc).find((i) => i.code === 'unknown_operator');
    expect(issue?.message).toMatch(/Known operators: equal, notEqual, in, notIn, contains, doesNotContain, lessThan/);
    doc.rules[1].conditions.any[0].operator = 'each:equal';
    expect(issuesOf(doc).find((i) => i.code === 'unknown_operator')?.message).toMatch(/"each" is not an operator decorator\. Known decorators: someFact/);
  });

  it('closest() needs the word to be close', () => {
    expect(closest('gt', ['greaterThan', 'lessThan'])).toBeUndefined();
    expect(closest('equl', ['equal', 'notEqual'])).toBe('equal');
    expect(closest('x'.repeat(500), ['equal'])).toBeUndefined();
  });
});

describe('every problem is reported, not just the first', () => {
  it('a structural error and reference errors together', () => {
    const doc = valid();
    doc.id = 'Not An Id'; // structure
    doc.facts.days.unit = 'days'; // structure, inside a fact that rules still read
    doc.rules[1].conditions.any[0].fact = 'teir'; // reference: unknown fact
    doc.rules[1].event.type = 'aprove'; // reference: unknown outcome
    doc.rules[0].because.en = 'after {{periode}} days'; // reference: text placeholder
    doc.rules[1].name = 'late'; // duplicate
    doc.rules[1].conditions.any[1].operator = 'inn'; // operator
    const issues = issuesOf(doc);
    expect(issues.map((i) => [i.path, i.code])).toEqual(
      expect.arrayContaining([
        ['id', 'invalid_format'],
        ['facts.days.unit', 'invalid_value'],
        ['rules[1].conditions.any[0].fact', 'undeclared_fact'],
        ['rules[1].event.type', 'unknown_outcome'],
        ['rules[0].because.en', 'undeclared_fact'],
        ['rules[1].name', 'duplicate_rule_name'],
        ['rules[1].conditions.any[1].operator', 'unknown_operator'],
      ]),
    );
    // a fact with a malformed property is still declared: no "undeclared" for its readers
    expect(issues.filter((i) => i.message.includes('"days" is not declared'))).toEqual([]);
    expect(issues).toHaveLength(7);
  });

  it('a malformed section does not bury the policy in follow-up issues', () => {
    const doc = valid();
    doc.facts = ['days'];
    expect(issuesOf(doc)).toEqual([expect.objectContaining({ path: 'facts', code: 'invalid_type' })]);
    const doc2 = valid();
    doc2.outcomes = 'approve';
    expect(issuesOf(doc2)).toEqual([expect.objectContaining({ path: 'outcomes', code: 'invalid_type' })]);
  });

  it('a rule that is not an object is reported once, and the other rules are still checked', () => {
    const doc = valid();
    doc.rules.push(7);
    doc.rules[1].conditions.any[0].operator = 'equalz';
    expect(issuesOf(doc).map((i) => [i.path, i.code])).toEqual([
      ['rules[2]', 'invalid_type'],
      ['rules[1].conditions.any[0].operator', 'unknown_operator'],
    ]);
  });

  it('problems in several conditions and in shared conditions', () => {
    const doc = valid();
    doc.conditions.late.all[0].operator = 'greaterThen';
    doc.rules[1].conditions.any[0].fact = 'nope';
    doc.rules[1].conditions.any[1].path = '$.*';
    expect(issuesOf(doc).map((i) => i.path)).toEqual([
      'conditions.late.all[0].operator',
      'rules[1].conditions.any[0].fact',
      'rules[1].conditions.any[1].path',
    ]);
  });
});

describe('definePolicy and its input', () => {
  function deepFreeze<T>(value: T): T {
    if (value !== null && typeof value === 'object') {
      for (const v of Object.values(value)) deepFreeze(v);
      Object.freeze(value);
    }
    return value;
  }

  it('never mutates its input (a deep-frozen input works, and equals a copy taken before)', () => {
    const input = valid();
    input.rules[1].conditions.any[0].priority = 2; // json-rules-engine itself writes into leaves with a priority
    const before = structuredClone(input);
    const policy = definePolicy(deepFreeze(input));
    expect(input).toEqual(before);
    expect(policy.document).toEqual(before);
  });

  it('returns a frozen policy with a deeply frozen document that is not the input', () => {
    const input = valid();
    const policy = definePolicy(input);
    expect(Object.isFrozen(policy)).toBe(true);
    const stack: unknown[] = [policy.document];
    let objects = 0;
    while (stack.length > 0) {
      const v = stack.pop();
      if (v !== null && typeof v === 'object') {
        objects++;
        expect(Object.isFrozen(v)).toBe(true);
        stack.push(...Object.values(v));
      }
    }
    expect(objects).toBeGreaterThan(30);
    expect(policy.document).not.toBe(input);
    input.rules[0].name = 'changed';
    expect(policy.document.rules[0]?.name).toBe('late');
    expect(() => {
      (policy as { id: string }).id = 'x';
    }).toThrow(TypeError);
  });

  it('takes a JSON string', () => {
    expect(definePolicy(JSON.stringify(valid())).hash).toBe(definePolicy(valid()).hash);
  });

  it('PolicyError is an Error with a summary and every issue', () => {
    const doc = valid();
    doc.rules[0].event.type = 'x';
    doc.rules[1].event.type = 'y';
    try {
      definePolicy(doc);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(Error);
      const e = error as PolicyError;
      expect(e.name).toBe('PolicyError');
      expect(e.code).toBe('unknown_outcome');
      expect(e.issues).toHaveLength(2);
      expect(e.message).toMatch(/^2 problems:\nrules\[0\]\.event\.type: "x" is not one of the outcomes/);
      expect(JSON.parse(JSON.stringify(e.issues))).toEqual(e.issues);
    }
  });
});
