import { definePolicy, type Policy, type PolicyOptions } from '../../policy/define.js';
import { explain } from '../../explain/explain.js';
import type { ConditionTrace, DecisionResult, LeafTrace, Truth } from '../../result/schema.js';
import { unknownFactKeys } from '../../evaluate/unknown-facts.js';
import { EXIT, formatIssues, isBecauseError, parse, readFacts, readOperators, readText, show, sourceFile, styleFor, UsageError, type Io, type SourceFile, type Style } from './shared.js';

/** @internal */
export const EXPLAIN_HELP = `Usage: because explain POLICY --facts FILE|JSON [options]

Explains the decision POLICY takes on the facts: outcome, customer text, reasons with their
sources, the trace of every rule (✓ true, ✗ false, ? unknown, · not evaluated), counterfactuals,
the questions for missing facts and, with --why-not, what stands in the way of an outcome.

Options:
  --facts FILE|JSON     the facts: a JSON file, or inline JSON such as '{"daysSincePurchase":45}'
  --locale L            locale of the texts (nl, nl-BE, …); default: the policy's first locale
  --audience A          customer (default) or agent: the agent view states every condition's figures
  --why-not OUTCOME     also explain what stands between the facts and OUTCOME
  --at DATE             the date the decision is about (ISO 8601); default: today
  --operators FILE      custom operators: a module exporting them (default or "operators")
  --json                print the result as JSON
  -h, --help            show this help

Exit codes: 0 explained, 1 the policy or the facts are not valid, 2 bad usage.
Example:
  because explain rules-examples/refund.json --facts '{"daysSincePurchase":45}' --at 2026-03-01`;

/** Loads and defines a policy file; prints its issues and returns undefined when it is invalid. @internal */
export async function loadPolicyFile(file: string, command: string, io: Io, options: PolicyOptions = {}): Promise<{ policy: Policy; source: SourceFile } | undefined> {
  const text = await readText(file, command);
  const source = sourceFile(file, text);
  try {
    return { policy: definePolicy(text, options), source };
  } catch (error) {
    if (!isBecauseError(error)) throw error;
    for (const line of formatIssues(source, error.issues, styleFor(io.err, io.env))) io.err.write(`${line}\n`);
    return undefined;
  }
}

/** @internal */
export async function runExplain(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse('explain', args, {
    facts: { type: 'string' },
    locale: { type: 'string' },
    audience: { type: 'string' },
    'why-not': { type: 'string' },
    at: { type: 'string' },
    json: { type: 'boolean' },
    operators: { type: 'string' },
  });
  if (values.help === true) {
    io.out.write(`${EXPLAIN_HELP}\n`);
    return EXIT.ok;
  }
  const [policyFile, ...extra] = positionals;
  if (policyFile === undefined) throw new UsageError('explain needs a POLICY file', 'explain');
  if (extra.length > 0) throw new UsageError(`explain takes one POLICY; unexpected ${extra.map((e) => `"${e}"`).join(', ')}`, 'explain');
  if (values.facts === undefined) throw new UsageError('explain needs --facts FILE|JSON', 'explain');
  if (values.audience !== undefined && values.audience !== 'customer' && values.audience !== 'agent') {
    throw new UsageError(`--audience is "customer" or "agent", not "${values.audience}"`, 'explain');
  }
  const facts = await readFacts(values.facts, 'explain');
  const operators = await readOperators(values.operators, 'explain');
  const loaded = await loadPolicyFile(policyFile, 'explain', io, { operators });
  if (loaded === undefined) return EXIT.failed;
  // A misspelt fact is ignored by explain() and simply stays unknown: say so.
  const warn = styleFor(io.err, io.env);
  for (const issue of unknownFactKeys(loaded.policy.document, facts)) io.err.write(`--facts: ${warn.yellow('warning')} ${issue.path}: ${issue.message} (${issue.code})\n`);
  let result: DecisionResult;
  try {
    result = await explain(loaded.policy, facts, {
      ...(values.locale === undefined ? {} : { locale: values.locale }),
      ...(values.audience === undefined ? {} : { audience: values.audience }),
      ...(values['why-not'] === undefined ? {} : { whyNot: values['why-not'] }),
      ...(values.at === undefined ? {} : { at: values.at }),
    });
  } catch (error) {
    if (!isBecauseError(error)) throw error;
    if (error.name === 'FactsError' || error.name === 'OptionsError') {
      for (const issue of error.issues) {
        const where = error.name === 'FactsError' ? '--facts' : `--${issue.path.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
        io.err.write(`${where}: ${error.name === 'FactsError' && issue.path !== '' ? `${issue.path}: ` : ''}${issue.message} (${issue.code})\n`);
      }
    } else if (error.name === 'OperatorError') {
      // A custom operator of the --operators module misbehaved: the module is at fault, not the policy.
      for (const issue of error.issues) io.err.write(`--operators ${values.operators ?? ''}: ${issue.path}: ${issue.message} (${issue.code})\n`);
    } else {
      // The policy's own data (validFrom/validTo): point into the policy file.
      for (const line of formatIssues(loaded.source, error.issues, styleFor(io.err, io.env))) io.err.write(`${line}\n`);
    }
    return EXIT.failed;
  }
  if (values.json === true) io.out.write(`${JSON.stringify(result, null, 2)}\n`);
  else io.out.write(renderResult(result, styleFor(io.out, io.env)));
  return EXIT.ok;
}

const MARK: Record<string, string> = { true: '✓', false: '✗', unknown: '?' };

function mark(result: Truth, evaluated: boolean, s: Style): string {
  if (!evaluated) return s.dim('·');
  const m = MARK[String(result)] ?? '?';
  return result === true ? s.green(m) : result === false ? s.red(m) : s.yellow(m);
}

function leafText(leaf: LeafTrace): string {
  const subject = leaf.path === undefined ? leaf.fact : `${leaf.fact}${leaf.path.slice(1)}`;
  const expected = leaf.expectedFact !== undefined ? `${leaf.expectedFact}${leaf.expected === undefined ? '' : ` (${show(leaf.expected)})`}` : show(leaf.expected);
  const actual = leaf.actual === undefined ? 'unknown' : show(leaf.actual);
  return `${subject} ${leaf.operator} ${expected}  [${subject} = ${actual}]`;
}

/** The trace of one rule's conditions as tree lines. @internal */
export function traceLines(node: ConditionTrace, s: Style, prefix = '', last = true, root = true, lines: string[] = []): string[] {
  const branch = root ? '' : last ? '└─ ' : '├─ ';
  const evaluated = node.evaluated;
  const label =
    'fact' in node
      ? leafText(node)
      : node.repeated === true
        ? `${node.condition ?? ''} (as above)`
        : `${node.all !== undefined ? 'all' : node.any !== undefined ? 'any' : 'not'}${node.condition === undefined ? '' : ` (${node.condition})`}`;
  lines.push(`${prefix}${branch}${mark(node.result, evaluated, s)} ${evaluated ? label : s.dim(label)}`);
  if ('fact' in node) return lines;
  const children = node.not !== undefined ? [node.not] : (node.all ?? node.any ?? []);
  const inner = root ? prefix : `${prefix}${last ? '   ' : '│  '}`;
  children.forEach((c, i) => traceLines(c, s, inner, i === children.length - 1, false, lines));
  return lines;
}

/** The human-readable rendering of a result. @internal */
export function renderResult(result: DecisionResult, s: Style): string {
  const lines: string[] = [];
  const colour = result.outcome === 'undecided' ? s.yellow : result.escalation.offered ? s.red : s.green;
  lines.push(`${s.bold(colour(result.outcome))} (${result.outcomeLabel})${result.decidedBy === null ? s.dim(' — no rule decided') : ` — decided by ${s.bold(result.decidedBy)}`}`);
  lines.push('', result.text);
  if (result.reasons.length > 0) {
    lines.push('', s.bold('Reasons'));
    result.reasons.forEach((r, i) => {
      lines.push(`  ${i + 1}. ${r.text} ${s.dim(`[${r.rule} → ${r.outcome}]`)}`);
      if (r.source !== undefined) lines.push(`     ${s.dim('source:')} ${r.source.title}${r.source.section === undefined ? '' : `, ${r.source.section}`}${r.source.url === undefined ? '' : ` <${r.source.url}>`}`);
    });
  }
  lines.push('', `${s.bold('Trace')} ${s.dim('(✓ true  ✗ false  ? unknown  · not evaluated)')}`);
  for (const t of result.trace) {
    lines.push(`  ${mark(t.fired, true, s)} ${s.bold(t.rule)} ${s.dim(`priority ${t.priority} → ${t.outcome}`)}`);
    traceLines(t.conditions, s, '      ', true, true, lines);
  }
  if (result.counterfactuals.length > 0) {
    lines.push('', s.bold('What would change the outcome'));
    for (const c of result.counterfactuals) {
      lines.push(`  • ${c.text} ${s.dim(`[${c.changes.map((ch) => `${ch.fact}: ${show(ch.from)} → ${show(ch.to)}`).join(', ')}]`)}`);
    }
  }
  if (result.missing.length > 0) {
    lines.push('', s.bold('Missing facts (ask, most decisive first)'));
    // A fact not for the customer (an internal one) comes from the host's systems: say so.
    for (const m of result.missing) lines.push(`  ? ${m.question} ${s.dim(`[${m.fact}]`)}${m.askCustomer ? '' : ` ${s.yellow('(not for the customer: the host supplies it)')}`}`);
  }
  if (result.whyNot !== undefined) {
    lines.push('', s.bold(`Why not ${result.whyNot.outcome}?`), `  ${result.whyNot.text}`);
    for (const b of result.whyNot.blockers) {
      lines.push(`  ✗ ${s.bold(b.rule)}: ${b.text}`);
      for (const leaf of b.failed) lines.push(`      ${mark(leaf.result, leaf.evaluated, s)} ${leafText(leaf)}`);
    }
  }
  // The customer text already ends with the escalation when one is offered.
  lines.push('', s.dim(result.disclosure));
  lines.push(s.dim(`policy ${result.policy.id} ${result.policy.version} · locale ${result.locale} · audience ${result.audience}`));
  return `${lines.join('\n')}\n`;
}
