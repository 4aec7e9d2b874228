import { isRecord } from './json.js';

/**
 * json-rules-engine's spellings that `because` accepts and rewrites into its own, where the
 * meaning is unambiguous: a priority written as a string of digits (`"priority": "10"`, which
 * json-rules-engine reads with `parseInt`) becomes the number. Everything else stays strict, and
 * the validation message says how to write it.
 *
 * Works in place on `raw`, a fresh copy of the author's document made by `definePolicy`; the
 * policy's hash is that of the rewritten document.
 * @internal
 */
export function acceptSpellings(raw: Record<string, unknown>): void {
  const rules = raw['rules'];
  if (Array.isArray(rules)) {
    for (const rule of rules) {
      if (!isRecord(rule)) continue;
      numericPriority(rule);
      conditionTree(rule['conditions'], 0);
    }
  }
  const shared = raw['conditions'];
  if (isRecord(shared)) for (const condition of Object.values(shared)) conditionTree(condition, 0);
}

const DIGITS = /^[1-9][0-9]{0,8}$/;

function numericPriority(node: Record<string, unknown>): void {
  const priority = node['priority'];
  if (typeof priority === 'string' && DIGITS.test(priority.trim())) node['priority'] = Number(priority.trim());
}

/** The nesting definePolicy accepts is bounded (MAX_CONDITION_DEPTH); deeper trees are refused there. */
const MAX_WALK = 128;

function conditionTree(node: unknown, depth: number): void {
  if (!isRecord(node) || depth > MAX_WALK) return;
  numericPriority(node);
  for (const key of ['all', 'any'] as const) {
    const list = node[key];
    if (Array.isArray(list)) for (const child of list) conditionTree(child, depth + 1);
  }
  conditionTree(node['not'], depth + 1);
}
