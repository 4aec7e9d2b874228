import { formatPath } from '../../errors.js';
import type { CompiledNode } from '../../policy/compile.js';
import { placeholders } from '../../policy/check.js';
import type { JsonValue, PolicyDocument, Text } from '../../policy/schema.js';
import type { LintRuleContext, RuleFinding } from './rule.js';

/**
 * `internal_value_in_text` (error): a text a customer reads (a rule's `because` or source title,
 * the escalation, disclosure and confidential-reason texts, a question for the customer) that
 * names an internal fact or parameter: as a placeholder (`{{fraudScore}}`, which a customer then
 * reads as "a set limit"), by its label in that language, or by a figure a customer may not
 * read: an internal parameter's value, or a literal a rule compares an internal fact with.
 * @internal
 */
export function internalValueInText({ document, rules, visibility }: LintRuleContext): RuleFinding[] {
  const internal = (name: string): boolean => visibility.get(name) === 'internal';
  const secrets = secretFigures(document, rules.map((r) => r.root), internal);
  const findings: RuleFinding[] = [];
  for (const { text, path } of customerTexts(document)) {
    const rule = path[0] === 'rules' && typeof path[1] === 'number' ? document.rules[path[1]]?.name : undefined;
    const versions: [string | undefined, string][] = typeof text === 'string' ? [[undefined, text]] : Object.entries(text);
    for (const [locale, source] of versions) {
      const where = formatPath(locale === undefined ? path : [...path, locale]);
      const report = (message: string): void => void findings.push({ code: 'internal_value_in_text', ...(rule === undefined ? {} : { rule }), path: where, message });
      for (const name of placeholders(source)) {
        const root = name.split('.')[0] as string;
        if (internal(root)) report(`This customer text names the internal ${kindOf(document, root)} "${root}" ({{${name}}}): a customer may never read it, and would read "a set limit". Say the reason without it.`);
      }
      for (const [name, label] of internalLabels(document, internal, locale)) {
        if (contains(source, label)) report(`This customer text names "${label}", the label of the internal ${kindOf(document, name)} "${name}": a customer may never read of it. Say the reason without it.`);
      }
      for (const { figure, name } of secrets) {
        if (containsFigure(source, figure)) report(`This customer text holds ${figure}, ${name}: a customer may never read it. Say the reason without the figure.`);
      }
    }
  }
  return findings;
}

/** The texts a customer reads, with their paths. A question of an internal fact is the host's. */
function customerTexts(doc: PolicyDocument): { text: Text; path: (string | number)[] }[] {
  const out: { text: Text; path: (string | number)[] }[] = [];
  const add = (text: Text | undefined, path: (string | number)[]): void => void (text === undefined ? undefined : out.push({ text, path }));
  doc.rules.forEach((r, i) => {
    add(r.because, ['rules', i, 'because']);
    add(r.source?.title, ['rules', i, 'source', 'title']);
  });
  for (const key of ['escalation', 'disclosure', 'confidentialReason'] as const) add(doc.texts?.[key], ['texts', key]);
  for (const [name, f] of Object.entries(doc.facts)) if (f.internal !== true) add(f.question, ['facts', name, 'question']);
  return out;
}

function kindOf(doc: PolicyDocument, name: string): string {
  return Object.hasOwn(doc.facts, name) ? 'fact' : 'parameter';
}

/** The labels of internal facts and parameters in a locale (or every locale for a plain string). */
function internalLabels(doc: PolicyDocument, internal: (name: string) => boolean, locale: string | undefined): [string, string][] {
  const out: [string, string][] = [];
  const declarations = [...Object.entries(doc.facts), ...Object.entries(doc.parameters ?? {})];
  for (const [name, d] of declarations) {
    if (!internal(name) || d.label === undefined) continue;
    const labels = typeof d.label === 'string' ? [d.label] : locale === undefined ? Object.values(d.label) : [d.label[locale] ?? d.label[locale.split('-')[0] as string]];
    for (const label of labels) if (label !== undefined && label.trim().length >= 3) out.push([name, label.trim()]);
  }
  return out;
}

/**
 * Figures a customer may not read: the values of internal parameters, and the literals compared
 * with internal facts or inside internal rules and conditions. Only figures that a text could not
 * hold by chance: numbers of two digits or more, words of four letters or more.
 */
function secretFigures(doc: PolicyDocument, roots: readonly CompiledNode[], internal: (name: string) => boolean): { figure: string; name: string }[] {
  const out = new Map<string, string>();
  const add = (value: JsonValue | undefined, name: string): void => {
    if (Array.isArray(value)) for (const v of value) add(v, name);
    else if (typeof value === 'number' && String(Math.abs(value)).replace(/\D/g, '').length >= 2) out.set(String(value), name);
    else if (typeof value === 'string' && value.trim().length >= 4) out.set(value, name);
  };
  for (const [name, p] of Object.entries(doc.parameters ?? {})) if (p.internal === true) add(p.value, `the value of the internal parameter "${name}"`);
  // A shared condition gives the same figures wherever it stands: once for each of hidden and not.
  const seen = new Set<string>();
  const visit = (node: CompiledNode, hidden: boolean): void => {
    if (node.ref !== undefined) {
      const key = `${String(hidden)}${node.ref}`;
      if (seen.has(key)) return;
      seen.add(key);
    }
    if (node.kind !== 'leaf') {
      for (const child of node.children) visit(child, hidden || node.internal);
      return;
    }
    if ('constant' in node.value && (hidden || node.internal || internal(node.fact))) add(node.value.constant, `a figure compared with "${node.fact}" in an internal condition`);
  };
  roots.forEach((root, i) => visit(root, doc.rules[i]?.internal === true));
  return [...out].map(([figure, name]) => ({ figure, name }));
}

function contains(text: string, phrase: string): boolean {
  return new RegExp(`(?<![\\p{L}\\p{N}])${escape(phrase)}(?![\\p{L}\\p{N}])`, 'iu').test(text);
}

/** A figure as a word of the text: 87 in "above 87 points", not in "1870"; 873.5 also as "873,5". */
function containsFigure(text: string, figure: string): boolean {
  const forms = /^-?\d+\.\d+$/.test(figure) ? [figure, figure.replace('.', ',')] : [figure];
  return forms.some((f) => new RegExp(`(?<![\\p{L}\\p{N}.,])${escape(f)}(?![\\p{L}\\p{N}]|[.,]\\d)`, 'iu').test(text));
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
