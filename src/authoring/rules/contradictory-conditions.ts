import { formatPath } from '../../errors.js';
import { groupBySubject, requiredAtoms, ruleRoot, unsatisfiable, walk, childrenOf, describeAtom, type Atom, type Located } from './conditions.js';
import type { PolicyLintContext, RuleFinding } from './rule.js';

/**
 * `contradictory_conditions` (error): an `all` whose comparisons on one fact cannot hold together.
 * Reports every such `all` whose comparisons on one fact cannot hold together; returns the rules that can never fire, which other rules leave out.
 * @internal
 */
export function contradictoryConditions(ctx: PolicyLintContext): { findings: RuleFinding[]; never: Set<number> } {
  const never = new Set<number>();
  const findings: RuleFinding[] = [];
  for (const rule of ctx.internals.rules) {
    const root = ruleRoot(rule);
    const rootAtoms = requiredAtoms(ctx.internals, root).atoms;
    for (const [, atoms] of groupBySubject(rootAtoms)) {
      if (unsatisfiable(ctx.doc, atoms)) never.add(rule.index);
    }
    walk(root, (l) => {
      if (l.node.kind !== 'all') return;
      const { atoms } = requiredAtoms(ctx.internals, l);
      for (const [subject, group] of groupBySubject(atoms)) {
        if (!unsatisfiable(ctx.doc, group)) continue;
        // Name the smallest clash: a pair when one pair already cannot hold.
        let shown = group;
        outer: for (let i = 0; i < group.length; i++) {
          for (let j = i + 1; j < group.length; j++) {
            const pair = [group[i] as Atom, group[j] as Atom];
            if (unsatisfiable(ctx.doc, pair)) {
              shown = pair;
              break outer;
            }
          }
        }
        // A clash inside one nested "all" is reported there, not again here.
        const depth = l.path.length;
        const childOf = (a: Atom): string => formatPath(a.located.path.slice(0, depth + 2));
        const firstChild = childOf(shown[0] as Atom);
        const inside = shown.every((a) => a.located.path.length > depth + 2 && childOf(a) === firstChild && formatPath(a.located.path.slice(0, depth)) === formatPath(l.path));
        if (shown.length === 2 && inside && findAll(l, firstChild)) continue;
        const atRoot = formatPath(l.path) === formatPath(root.path);
        findings.push({
          code: 'contradictory_conditions',
          rule: rule.name,
          path: formatPath(l.path),
          message:
            `No value of "${subject}" meets ${shown.map(describeAtom).join(' and ')}${shown.length > 1 ? ' together' : ''}, so ` +
            `${atRoot ? `rule "${rule.name}" can never fire` : 'this "all" can never hold'}. Fix the values or the operators, or split them into separate rules.`,
        });
      }
    });
  }
  return { findings, never };
}

/** Whether the child of `l` at `path` is an `all` (which is then checked on its own). */
function findAll(l: Located, path: string): boolean {
  return childrenOf(l).some((c) => formatPath(c.path) === path && c.node.kind === 'all');
}
