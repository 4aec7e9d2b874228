/**
 * The page of `because studio` (and of the site `because studio --export` writes): a form from
 * the declared facts, the live result of `explain()` evaluated here in the page with the core's
 * own code, the trace as a tree, and the same case in every locale side by side.
 *
 * Bundled by scripts/build-studio.mjs into classic scripts (IIFE), so the exported site runs
 * from file:// too: studio.ts (with the editor and lint) for the studio, site.ts for an exported
 * site. In the studio it loads the files from the local server's API; in an exported site it
 * reads them from a JSON data block of the page.
 * @internal
 */
import { formatPath } from '../errors.js';
import { definePolicy, explain, isBecauseError, type ConditionTrace, type DecisionResult, type Issue, type LeafTrace, type Policy, type RuleTrace } from '../index.js';
import { locateJsonPath } from '../authoring/locate.js';
import { reviewPolicy, type PolicyReview, type ReviewRegion } from '../authoring/review.js';
import type { TestReport } from '../authoring/run-tests.js';
import type { Problem } from './diagnose.js';
import { fill, h } from './dom.js';
import type { CoverageMark, PolicyEditor, createEditor } from './editor.js';

/** What only the studio's bundle brings: the editor, the diagnostics of lint and the tests. */
export interface StudioTools {
  readonly createEditor: typeof createEditor;
  readonly diagnose: (text: string, policy: Policy | undefined) => Problem[];
  readonly runTests: (policy: Policy, testsText: string) => Promise<TestReport>;
  readonly appendCase: (text: string, testCase: Readonly<Record<string, unknown>>, policyName: string) => string;
}

/** The tests file of a policy as the page holds it (`text` is '' and `version` undefined while it does not exist). */
interface TestsFile {
  readonly name: string;
  text: string;
  version: string | undefined;
}

/** A policy file as the page holds it. */
interface PolicyFile {
  readonly name: string;
  text: string;
  version: string | undefined;
  policy: Policy | undefined;
  issues: readonly Issue[];
  problems: readonly Problem[];
  /** The text as saved on disk (the editor's text differs when there are unsaved changes). */
  saved: string;
  /** Its tests file (the studio only). */
  tests?: TestsFile;
}

type View = 'try' | 'texts' | 'edit' | 'tests';
type FactState = { known: false } | { known: true; value: unknown };
type Text = string | Readonly<Record<string, string>>;
interface FactDeclaration {
  readonly type: string;
  readonly enum?: readonly string[];
  readonly label?: Text;
  readonly valueLabels?: Readonly<Record<string, Text>>;
  readonly question?: Text;
  readonly internal?: boolean;
  readonly personal?: boolean;
}

const state = {
  mode: 'studio' as 'studio' | 'export',
  files: [] as PolicyFile[],
  current: 0,
  view: 'try' as View,
  tools: undefined as StudioTools | undefined,
  editor: undefined as PolicyEditor | undefined,
  locale: 'en',
  audience: 'customer' as 'customer' | 'agent',
  whyNot: '',
  facts: new Map<string, FactState>(),
  run: 0,
  /** The result of the Try facts, for "add as a test case". */
  result: undefined as DecisionResult | undefined,
  /** The review shown under the texts, and the policy it is of (computed on demand: it takes seconds). */
  review: undefined as { policy: Policy; review: PolicyReview } | undefined,
};

const $ = (id: string): HTMLElement => {
  const el = document.getElementById(id);
  if (el === null) throw new Error(`the page has no #${id}`);
  return el;
};

/** A text of the policy in the chosen locale (its language, then English, then any). */
function say(text: Text | undefined, fallback: string): string {
  if (text === undefined) return fallback;
  if (typeof text === 'string') return text;
  const lang = state.locale.split('-')[0] ?? state.locale;
  return text[state.locale] ?? text[lang] ?? text['en'] ?? Object.values(text)[0] ?? fallback;
}

/** Defines the file's policy from its text (as the CLI does: the text, not a parsed object) and finds its problems. */
function compile(file: PolicyFile): void {
  try {
    file.policy = definePolicy(file.text);
    file.issues = [];
  } catch (error) {
    file.policy = undefined;
    file.issues = isBecauseError(error)
      ? error.issues
      : [{ code: 'invalid_json', path: '', message: error instanceof SyntaxError ? `not valid JSON: ${error.message}` : String(error) }];
  }
  file.problems =
    state.tools?.diagnose(file.text, file.policy) ??
    file.issues.map((issue) => {
      const at = locateJsonPath(file.text, issue.path) ?? { offset: 0, line: 1, column: 1 };
      return { ...at, severity: 'error', code: issue.code, path: issue.path, message: issue.message };
    });
}

async function loadFiles(): Promise<PolicyFile[]> {
  const embedded = document.getElementById('because-data');
  if (embedded !== null) {
    state.mode = 'export';
    const data = JSON.parse(embedded.textContent ?? '{}') as { policies?: { name: string; text: string }[] };
    return (data.policies ?? []).map((p) => ({ name: p.name, text: p.text, saved: p.text, version: undefined, policy: undefined, issues: [], problems: [] }));
  }
  const list = (await (await fetch('/api/files')).json()) as { files: { name: string; kind: string; policy?: string; exists?: boolean }[] };
  const policies = list.files.filter((f) => f.kind === 'policy');
  return Promise.all(
    policies.map(async (f): Promise<PolicyFile> => {
      const got = (await (await fetch(`/api/file?name=${encodeURIComponent(f.name)}`)).json()) as { text: string; version: string };
      const testsEntry = list.files.find((t) => t.kind === 'tests' && t.policy === f.name);
      const tests = testsEntry === undefined ? undefined : testsEntry.exists === true ? await loadTests(testsEntry.name) : { name: testsEntry.name, text: '', version: undefined };
      return { name: f.name, text: got.text, saved: got.text, version: got.version, policy: undefined, issues: [], problems: [], ...(tests === undefined ? {} : { tests }) };
    }),
  );
}

/** Reads a tests file; one that does not exist yet is empty. */
async function loadTests(name: string): Promise<TestsFile> {
  const response = await fetch(`/api/file?name=${encodeURIComponent(name)}`);
  if (!response.ok) return { name, text: '', version: undefined };
  const got = (await response.json()) as { text: string; version: string };
  return { name, text: got.text, version: got.version };
}

/** What a fact starts as: false, the first value of an enum, 0; unknown when there is no natural start. */
function initialFact(decl: FactDeclaration): FactState {
  if (decl.type === 'boolean') return { known: true, value: false };
  if (decl.enum !== undefined && decl.enum.length > 0) return { known: true, value: decl.enum[0] };
  if (decl.type === 'number' || decl.type === 'integer') return { known: true, value: 0 };
  return { known: false };
}

function factsOf(policy: Policy): [string, FactDeclaration][] {
  return Object.entries((policy.document as { facts?: Record<string, FactDeclaration> }).facts ?? {});
}

function resetFacts(): void {
  state.facts.clear();
  const policy = currentFile()?.policy;
  if (policy === undefined) return;
  for (const [name, decl] of factsOf(policy)) state.facts.set(name, initialFact(decl));
}

function currentFile(): PolicyFile | undefined {
  return state.files[state.current];
}

function givenFacts(): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, fact] of state.facts) if (fact.known) out[name] = fact.value;
  return out;
}

// ---------------------------------------------------------------- the form

function factControl(name: string, decl: FactDeclaration): HTMLElement {
  const id = `fact-${name}`;
  const fact = state.facts.get(name) ?? { known: false };
  const set = (value: unknown): void => {
    state.facts.set(name, { known: true, value });
    void update();
  };
  let control: HTMLElement;
  const value = fact.known ? fact.value : undefined;
  if (decl.type === 'boolean') {
    control = h('input', { id, type: 'checkbox', role: 'switch', checked: value === true, onchange: (e) => set((e.target as HTMLInputElement).checked) });
  } else if (decl.enum !== undefined) {
    control = h(
      'select',
      { id, onchange: (e) => set((e.target as HTMLSelectElement).value) },
      decl.enum.map((v) => h('option', { value: v, selected: v === value }, say(decl.valueLabels?.[v], v))),
    );
  } else if (decl.type === 'number' || decl.type === 'integer') {
    control = h('input', {
      id,
      type: 'number',
      inputmode: decl.type === 'integer' ? 'numeric' : 'decimal',
      step: decl.type === 'integer' ? 1 : 'any',
      value: typeof value === 'number' ? value : '',
      oninput: (e) => {
        const n = (e.target as HTMLInputElement).valueAsNumber;
        if (!Number.isNaN(n)) set(n);
      },
    });
  } else if (decl.type === 'date') {
    control = h('input', { id, type: 'date', value: typeof value === 'string' ? value : '', oninput: (e) => set((e.target as HTMLInputElement).value) });
  } else if (decl.type === 'array' || decl.type === 'object') {
    control = h('textarea', {
      id,
      rows: 2,
      spellcheck: false,
      value: value === undefined ? '' : JSON.stringify(value),
      oninput: (e) => {
        const el = e.target as HTMLTextAreaElement;
        try {
          set(JSON.parse(el.value) as unknown);
          el.setCustomValidity('');
        } catch {
          el.setCustomValidity('Not valid JSON');
        }
        el.reportValidity();
      },
    });
  } else {
    control = h('input', { id, type: 'text', value: typeof value === 'string' ? value : '', oninput: (e) => set((e.target as HTMLInputElement).value) });
  }
  if (!fact.known) control.setAttribute('disabled', '');
  const unknown = h('input', {
    type: 'checkbox',
    id: `unknown-${name}`,
    checked: !fact.known,
    onchange: (e) => {
      const off = (e.target as HTMLInputElement).checked;
      if (off) state.facts.set(name, { known: false });
      else {
        const start = initialFact(decl);
        state.facts.set(name, start.known ? start : { known: true, value: decl.type === 'array' ? [] : decl.type === 'object' ? {} : '' });
      }
      renderForm();
      void update();
    },
  });
  return h(
    'div',
    { class: `fact${fact.known ? '' : ' is-unknown'}`, 'data-fact': name },
    h('label', { for: id }, say(decl.label, name), ' ', h('code', {}, name), decl.internal === true ? h('span', { class: 'tag' }, 'internal') : null, decl.personal === true ? h('span', { class: 'tag' }, 'personal') : null),
    h('div', { class: 'control' }, control, h('label', { class: 'unknown', for: `unknown-${name}` }, unknown, ' unknown')),
  );
}

function renderForm(): void {
  const policy = currentFile()?.policy;
  const form = $('facts');
  if (policy === undefined) return fill(form);
  fill(
    form,
    factsOf(policy).map(([name, decl]) => factControl(name, decl)),
  );
}

// ---------------------------------------------------------------- the result

const MARK: Record<string, string> = { true: '✓', false: '✗', unknown: '?' };
function mark(result: boolean | 'unknown', evaluated = true): string {
  return evaluated ? (MARK[String(result)] ?? '?') : '·';
}

type Path = readonly (string | number)[];

/** A node's label; in the studio, a button that shows its place (`path`) in the editor. */
function sourceLink(path: Path, ...label: Parameters<typeof h>[2][]): HTMLElement {
  if (state.tools === undefined || state.mode !== 'studio') return h('span', {}, ...label);
  return h('button', { type: 'button', class: 'to-source', 'data-path': formatPath(path), title: 'Show in the editor', onclick: () => showInEditor(path) }, ...label);
}

/**
 * A condition of the trace. `path` is its JSON path in the policy (a shared condition's own
 * path, `conditions.<name>`, where it is used); `wanted` is the result that made the deciding
 * rule fire, for the nodes on the deciding path (undefined off it).
 */
function conditionNode(node: ConditionTrace, path: Path, wanted: boolean | undefined): HTMLElement {
  const at = node.condition === undefined ? path : ['conditions', node.condition];
  const onPath = wanted !== undefined && node.evaluated && node.result === wanted;
  const internal = node.internal === true ? h('span', { class: 'tag' }, 'internal') : null;
  const item = (...children: Parameters<typeof h>[2][]): HTMLElement =>
    h('li', { class: `node r-${node.evaluated ? String(node.result) : 'skipped'}${onPath ? ' on-path' : ''}` }, h('span', { class: 'mark' }, mark(node.result, node.evaluated)), ' ', ...children, internal);
  const next = onPath ? wanted : undefined;
  if (!('fact' in node)) {
    const shared = node.condition === undefined ? null : h('code', {}, node.condition);
    if (node.not !== undefined) return item(sourceLink(at, 'not ', shared), h('ul', {}, conditionNode(node.not, [...at, 'not'], next === undefined ? undefined : !next)));
    const kind = node.all !== undefined ? 'all' : 'any';
    return item(sourceLink(at, `${kind} of `, shared), h('ul', {}, (node.all ?? node.any ?? []).map((child, i) => conditionNode(child, [...at, kind, i], next))));
  }
  const leaf: LeafTrace = node;
  const expected = leaf.expectedFact !== undefined ? `${leaf.expectedFact} (${JSON.stringify(leaf.expected)})` : JSON.stringify(leaf.expected);
  return item(
    sourceLink(at, h('code', {}, `${leaf.fact}${leaf.path ?? ''} ${leaf.operator} ${expected ?? ''}`)),
    leaf.actual !== undefined ? h('span', { class: 'actual' }, ` — is ${JSON.stringify(leaf.actual)}`) : null,
  );
}

function traceTree(result: DecisionResult, policy: Policy): HTMLElement {
  const internalRules = new Set(
    ((policy.document as { rules?: { name: string; internal?: boolean }[] }).rules ?? []).filter((r) => r.internal === true).map((r) => r.name),
  );
  // The trace lists the rules in file order.
  const rule = (t: RuleTrace, index: number): HTMLElement => {
    const deciding = t.rule === result.decidedBy;
    return h(
      'li',
      { class: `rule r-${String(t.fired)}${deciding ? ' deciding' : ''}`, 'data-rule': t.rule },
      h('span', { class: 'mark' }, mark(t.fired)),
      ' ',
      sourceLink(['rules', index, 'name'], h('strong', {}, t.rule)),
      h('span', { class: 'meta' }, ` → ${t.outcome}, priority ${t.priority}`),
      deciding ? h('span', { class: 'tag deciding-tag' }, 'decides') : null,
      internalRules.has(t.rule) ? h('span', { class: 'tag' }, 'internal') : null,
      h('ul', {}, conditionNode(t.conditions, ['rules', index, 'conditions'], deciding ? true : undefined)),
    );
  };
  return h('ul', { class: 'tree', 'aria-label': 'Trace' }, result.trace.map(rule));
}

/** Opens the editor (the Edit view, unless the Tests view shows it) at the place of `path` in the policy. */
function showInEditor(path: Path | string): void {
  const file = currentFile();
  if (file === undefined) return;
  if (state.view !== 'edit' && state.view !== 'tests') showView('edit');
  mountEditor();
  const at = locateJsonPath(state.editor?.text() ?? file.text, typeof path === 'string' ? path : formatPath(path));
  if (at !== undefined) state.editor?.reveal(at.offset);
}

function applyChanges(changes: readonly { fact: string; to: unknown }[]): void {
  for (const c of changes) state.facts.set(c.fact, { known: true, value: c.to });
  renderForm();
  void update();
}

/** A titled list of a result's items (`ul#id`), or nothing when there are none. */
function listSection<T>(title: string, id: string, items: readonly T[], item: (value: T) => HTMLLIElement): HTMLElement | null {
  return items.length === 0 ? null : h('section', {}, h('h3', {}, title), h('ul', { id }, items.map(item)));
}

function renderResult(result: DecisionResult, policy: Policy): void {
  const outcomes = Object.keys((policy.document as { outcomes?: Record<string, unknown> }).outcomes ?? {});
  fill(
    $('result'),
    h('p', { class: `outcome o-${result.outcome}`, id: 'outcome', 'data-outcome': result.outcome }, result.outcomeLabel, ' ', h('code', {}, result.outcome)),
    h('blockquote', { id: 'customer-text', lang: result.locale }, result.text),
    listSection('Reasons', 'reasons', result.reasons, (r) =>
      h(
        'li',
        { lang: result.locale },
        r.text,
        ' ',
        h('code', {}, r.rule),
        r.source === undefined
          ? null
          : h('span', { class: 'source' }, ' — ', r.source.url === undefined ? r.source.title : h('a', { href: r.source.url, target: '_blank', rel: 'noopener noreferrer' }, r.source.title)),
      ),
    ),
    listSection('What would change it', 'counterfactuals', result.counterfactuals, (c) =>
      h(
        'li',
        {},
        h('button', { type: 'button', onclick: () => applyChanges(c.changes) }, c.changes.map((ch) => `${ch.fact} = ${JSON.stringify(ch.to)}`).join(', ')),
        ' → ',
        h('code', {}, c.outcome),
        ': ',
        h('span', { lang: result.locale }, c.text),
      ),
    ),
    listSection('Missing facts', 'missing', result.missing, (m) =>
      h(
        'li',
        {},
        h('button', { type: 'button', onclick: () => $(`unknown-${m.fact}`).click() }, 'Answer'),
        ' ',
        h('span', { lang: result.locale }, m.question),
        ' ',
        h('code', {}, m.fact),
        m.askCustomer ? null : h('span', { class: 'tag' }, 'not asked of the customer'),
      ),
    ),
    h(
      'section',
      {},
      h('h3', {}, 'Why not…'),
      h(
        'label',
        { for: 'why-not' },
        'Outcome ',
        h(
          'select',
          {
            id: 'why-not',
            onchange: (e) => {
              state.whyNot = (e.target as HTMLSelectElement).value;
              void update();
            },
          },
          h('option', { value: '' }, '(none)'),
          outcomes.filter((o) => o !== result.outcome).map((o) => h('option', { value: o, selected: o === state.whyNot }, o)),
        ),
      ),
      result.whyNot === undefined ? null : h('p', { id: 'why-not-text', lang: result.locale }, result.whyNot.text),
    ),
    h(
      'dl',
      { class: 'meta-list' },
      h('dt', {}, 'Escalation'),
      h('dd', { lang: result.locale }, result.escalation.offered ? result.escalation.text : 'not offered'),
      h('dt', {}, 'Disclosure'),
      h('dd', { lang: result.locale }, result.disclosure === '' ? '—' : result.disclosure),
      h('dt', {}, 'Policy'),
      h('dd', {}, `${result.policy.id} ${result.policy.version} `, h('code', { id: 'policy-hash', title: 'policy hash' }, result.policy.hash)),
    ),
  );
  fill($('trace'), h('h3', {}, 'Trace'), traceTree(result, policy));
}

function renderProblems(file: PolicyFile): void {
  const box = $('problems');
  box.hidden = file.problems.length === 0;
  // Lint's warnings are not errors: the box takes the colour of its worst finding.
  const errors = file.problems.filter((p) => p.severity === 'error').length;
  box.classList.toggle('only-warnings', errors === 0);
  if (box.hidden) return fill(box);
  const warnings = file.problems.length - errors;
  fill(
    box,
    h(
      'h2',
      {},
      file.policy === undefined
        ? `${file.name} is not a valid policy`
        : `${file.name}: lint found ${[errors > 0 ? `${errors} ${errors === 1 ? 'error' : 'errors'}` : '', warnings > 0 ? `${warnings} ${warnings === 1 ? 'warning' : 'warnings'}` : ''].filter((t) => t !== '').join(' and ')}`,
    ),
    h(
      'ul',
      { id: 'problem-list' },
      file.problems.map((p) =>
        h(
          'li',
          { class: `problem ${p.severity}`, 'data-code': p.code, 'data-line': p.line },
          state.editor === undefined
            ? h('code', {}, `${file.name}:${p.line}:${p.column}`)
            : h('button', { type: 'button', class: 'goto', title: 'Show in the editor', onclick: () => state.editor?.reveal(p.offset) }, `${file.name}:${p.line}:${p.column}`),
          ' ',
          h('strong', {}, p.severity),
          ' ',
          p.path === '' ? '' : h('code', {}, p.path),
          ' ',
          p.message,
          ' ',
          h('span', { class: 'code' }, `(${p.code})`),
        ),
      ),
    ),
  );
}

async function renderTexts(policy: Policy, run: number): Promise<void> {
  const facts = givenFacts();
  const cards = await Promise.all(
    policy.locales.map(async (locale) => {
      try {
        const r = await explain(policy, facts, { locale, audience: state.audience });
        return h('article', { class: 'text-card', 'data-locale': locale, lang: locale }, h('h3', {}, locale), h('p', { class: 'outcome' }, r.outcomeLabel), h('p', {}, r.text));
      } catch (error) {
        return h('article', { class: 'text-card error', 'data-locale': locale }, h('h3', {}, locale), h('p', {}, String((error as Error).message)));
      }
    }),
  );
  if (run === state.run) fill($('texts-grid'), cards);
  // A review of an earlier version of the policy (or of another policy) is not shown.
  if (state.review !== undefined && state.review.policy !== policy) {
    state.review = undefined;
    fill($('review-regions'));
    $('review-status').textContent = '';
  }
}

/** Runs `reviewPolicy` on the current policy, after the page has painted "Reviewing…" (it holds the page for a second or more). */
function runReview(): void {
  const policy = currentFile()?.policy;
  if (policy === undefined) return;
  const button = $('review-run') as HTMLButtonElement;
  const status = $('review-status');
  button.disabled = true;
  status.textContent = 'Reviewing…';
  requestAnimationFrame(() =>
    setTimeout(() => {
      try {
        const review = reviewPolicy(policy);
        if (currentFile()?.policy !== policy) {
          status.textContent = ''; // the policy changed meanwhile: this review is of no text on screen
          return;
        }
        state.review = { policy, review };
        const n = review.regions.length;
        const cap = review.limited === undefined ? '' : review.limited.by === 'regions' ? ` The review stopped at ${review.limited.maxRegions} regions: the policy has more.` : ` The review stopped after ${review.limited.maxEvaluations} fact sets: the policy has more regions than these.`;
        status.textContent = `${n} ${n === 1 ? 'region' : 'regions'}, from ${review.evaluated} fact sets tried.${cap}`;
        status.classList.toggle('capped', review.limited !== undefined);
        fill($('review-regions'), review.regions.map((region) => reviewRegion(region, review)));
      } catch (error) {
        status.textContent = `The review failed: ${(error as Error).message}`;
      } finally {
        button.disabled = false;
      }
    }, 0),
  );
}

const show = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));

/** One region of a review: its decision and facts, and its texts in every locale side by side. */
function reviewRegion(region: ReviewRegion, review: PolicyReview): HTMLElement {
  const decisive = new Set(region.decisive);
  const list = (title: string, items: readonly string[]): HTMLElement | null => (items.length === 0 ? null : h('div', {}, h('h5', {}, title), h('ul', {}, items.map((t) => h('li', {}, t)))));
  return h(
    'article',
    { class: 'review-region', 'data-region': region.id, 'data-outcome': region.outcome },
    h(
      'div',
      { class: 'region-head' },
      h('h4', {}, `${region.id}. `, h('span', { class: `o-${region.outcome}` }, region.outcome), ' ', h('span', { class: 'meta' }, region.decidedBy === null ? (region.outcome === 'undecided' ? '(undecided)' : '(the default)') : ['by ', h('code', {}, region.decidedBy)])),
      h('button', { type: 'button', class: 'try-case', title: 'Put these facts into the Try view', onclick: () => tryCase(region.facts, undefined, state.audience) }, 'Try'),
    ),
    h(
      'p',
      { class: 'region-facts' },
      Object.entries(region.facts).flatMap(([name, value]) => [h('code', { class: decisive.has(name) ? 'decisive' : undefined, title: decisive.has(name) ? undefined : 'an example value' }, `${name} = ${show(value)}`), ' ']),
      region.missing.length === 0 ? null : h('span', { class: 'meta' }, `unknown: ${region.missing.join(', ')}`),
    ),
    h(
      'div',
      { class: 'texts-grid' },
      review.locales.map((locale) => {
        const t = region.texts[locale];
        if (t === undefined) return null;
        return h(
          'article',
          { class: 'text-card', 'data-locale': locale, lang: locale },
          h('h3', {}, locale),
          h('p', { class: 'outcome' }, t.outcomeLabel),
          h('p', { class: 'review-text' }, t.text),
          list('Why not', t.whyNot.map((w) => `${w.outcome}: ${w.text}`)),
          list('What would change it', t.counterfactuals),
          list('Questions', t.questions.map((q) => q.question)),
        );
      }),
    ),
  );
}

async function update(): Promise<void> {
  const run = ++state.run;
  const file = currentFile();
  if (file === undefined) return;
  renderProblems(file);
  const policy = file.policy;
  // While the text is not a valid policy, the last result stays, dimmed.
  $('view-try').classList.toggle('stale', policy === undefined);
  if (policy === undefined) return;
  if (state.view === 'texts') return renderTexts(policy, run);
  if (state.view === 'tests') void renderTests(file, policy, run);
  try {
    const result = await explain(policy, givenFacts(), { locale: state.locale, audience: state.audience, ...(state.whyNot === '' ? {} : { whyNot: state.whyNot }) });
    if (run !== state.run) return;
    state.result = result;
    renderResult(result, policy);
    if (state.view === 'tests') renderAddCase(file);
  } catch (error) {
    if (run !== state.run) return;
    state.result = undefined;
    const issues = isBecauseError(error) ? error.issues : [{ code: 'error', path: '', message: String(error) }];
    fill($('result'), h('div', { class: 'problems', role: 'alert' }, h('ul', {}, issues.map((i) => h('li', {}, i.path === '' ? '' : h('code', {}, i.path), ' ', i.message)))));
    fill($('trace'));
  }
}

// ---------------------------------------------------------------- tests (the studio only)

/** One failure as a diff: what the case expected (−) and what the policy gave (+). */
function failureDiff(f: TestReport['cases'][number]['failures'][number]): HTMLElement {
  const show = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));
  const expected = f.field === 'textIncludes' ? `the text contains: ${show(f.expected)}` : `${f.field}: ${show(f.expected)}`;
  const actual = f.field === 'textIncludes' ? `the text is: ${show(f.actual)}` : f.field === 'error' ? `error: ${show((f.actual as { message?: string } | null)?.message ?? f.actual)}` : `${f.field}: ${show(f.actual)}`;
  return h(
    'div',
    { class: 'failure', 'data-field': f.field },
    h('p', {}, f.message),
    h('pre', { class: 'diff', 'aria-label': `Expected and actual ${f.field}` }, h('span', { class: 'del' }, `− expected ${expected}`), '\n', h('span', { class: 'ins' }, `+ actual   ${actual}`)),
  );
}

/** Sets the Try facts (and locale, audience) to those of a test case or a review's region and shows the result. */
function tryCase(facts: Readonly<Record<string, unknown>>, locale: string | undefined, audience: string | undefined): void {
  const policy = currentFile()?.policy;
  if (policy === undefined) return;
  for (const [name] of factsOf(policy)) state.facts.set(name, name in facts ? { known: true, value: facts[name] } : { known: false });
  if (locale !== undefined && policy.locales.includes(locale)) state.locale = locale;
  state.audience = audience === 'agent' ? 'agent' : 'customer';
  ($('audience') as HTMLSelectElement).value = state.audience;
  renderHeader();
  renderForm();
  showView('try');
}

/** The coverage of a report as marks on the policy's lines. */
function coverageMarks(text: string, report: TestReport): CoverageMark[] {
  const place = (path: string): number | undefined => locateJsonPath(text, path)?.offset;
  const marks: CoverageMark[] = [];
  for (const r of report.coverage.rules.uncovered) {
    const offset = place(`${r.path}.name`);
    if (offset !== undefined) marks.push({ offset, kind: 'never-fired', message: `No case makes rule "${r.rule}" fire.` });
  }
  for (const c of report.coverage.conditions.uncovered) {
    const offset = place(c.path);
    if (offset === undefined) continue;
    for (const missing of c.missing) {
      marks.push({ offset, kind: missing === 'true' ? 'never-true' : 'never-false', message: `No case makes ${c.fact} ${c.operator} … ${missing} (rule "${c.rule}").` });
    }
  }
  return marks;
}

/** Runs the policy's tests file and shows the report, with its coverage on the editor. */
async function renderTests(file: PolicyFile, policy: Policy, run: number): Promise<void> {
  const tools = state.tools;
  const tests = file.tests;
  if (tools === undefined || tests === undefined) return;
  const box = $('tests-report');
  if (tests.text.trim() === '') {
    state.editor?.setCoverage([]);
    fill(box, h('p', { id: 'tests-summary' }, `${tests.name} does not exist yet: add the Try case below to start it.`));
    renderAddCase(file);
    return;
  }
  let report: TestReport;
  try {
    report = await tools.runTests(policy, tests.text);
  } catch (error) {
    if (run !== state.run) return;
    const issues = isBecauseError(error) ? error.issues : [{ code: 'error', path: '', message: String(error) }];
    state.editor?.setCoverage([]);
    fill(box, h('div', { class: 'problems', role: 'alert' }, h('p', {}, `${tests.name} is not a valid tests file:`), h('ul', {}, issues.map((i) => h('li', {}, i.path === '' ? '' : h('code', {}, i.path), ' ', i.message)))));
    renderAddCase(file);
    return;
  }
  if (run !== state.run) return;
  const { coverage } = report;
  type SourceCase = { facts?: Record<string, unknown>; locale?: string; audience?: string };
  const parsed = JSON.parse(tests.text) as { cases?: SourceCase[] } | SourceCase[];
  const sources = Array.isArray(parsed) ? parsed : (parsed.cases ?? []);
  state.editor?.setCoverage(coverageMarks(state.editor.text(), report));
  fill(
    box,
    h(
      'p',
      { id: 'tests-summary', class: report.failed === 0 ? 'all-passed' : 'some-failed', 'data-passed': report.passed, 'data-failed': report.failed },
      report.failed === 0 ? `All ${report.passed} cases pass.` : `${report.failed} of ${report.cases.length} cases fail.`,
    ),
    h(
      'p',
      { id: 'coverage' },
      `Rules fired: ${coverage.rules.covered} of ${coverage.rules.total} (${coverage.rules.percent}%). Conditions seen true and false: ${coverage.conditions.covered} of ${coverage.conditions.total} (${coverage.conditions.percent}%).`,
    ),
    coverage.rules.uncovered.length + coverage.conditions.uncovered.length === 0
      ? null
      : h(
          'details',
          { class: 'uncovered', open: true },
          h('summary', {}, 'Not covered (marked in the editor)'),
          h(
            'ul',
            { id: 'uncovered' },
            coverage.rules.uncovered.map((r) => h('li', {}, h('button', { type: 'button', class: 'goto', onclick: () => showInEditor(r.path) }, r.path), ` rule "${r.rule}" never fires`)),
            coverage.conditions.uncovered.map((c) =>
              h('li', {}, h('button', { type: 'button', class: 'goto', onclick: () => showInEditor(c.path) }, c.path), ` ${c.fact} ${c.operator} … is never ${c.missing.join(' nor ')} (rule "${c.rule}")`),
            ),
          ),
        ),
    h(
      'ul',
      { id: 'cases' },
      // The failing cases first: they are what the author has to look at.
      [...report.cases.filter((c) => !c.passed), ...report.cases.filter((c) => c.passed)].map((c) => {
        const source = sources[c.index];
        return h(
          'li',
          { class: `case ${c.passed ? 'passed' : 'failed'}`, 'data-case': c.name },
          h('span', { class: 'mark', 'aria-label': c.passed ? 'passed' : 'failed' }, c.passed ? '✓' : '✗'),
          ' ',
          c.name,
          ' ',
          source?.facts === undefined ? null : h('button', { type: 'button', class: 'try-case', title: 'Put these facts in the Try view', onclick: () => tryCase(source.facts ?? {}, source.locale, source.audience) }, 'Try'),
          c.failures.map(failureDiff),
          c.warnings.map((w) => h('p', { class: 'warning' }, w.message)),
        );
      }),
    ),
  );
  renderAddCase(file);
}

/** The Try case, offered as a new test case. */
function renderAddCase(file: PolicyFile): void {
  const result = state.result;
  const box = $('add-case');
  if (result === undefined || file.tests === undefined) return fill(box);
  const facts = givenFacts();
  const same = sameCase(file.tests.text, facts);
  fill(
    box,
    h('h3', {}, 'Add the Try case'),
    h('p', {}, h('code', {}, JSON.stringify(facts)), ' → ', h('code', {}, result.outcome), result.decidedBy === null ? ' (no rule)' : ` by ${result.decidedBy}`),
    same === undefined ? null : h('p', { class: 'hint', id: 'same-case' }, `The tests file has a case with these facts: “${same}”.`),
    h('label', { for: 'case-name' }, 'Name '),
    h('input', { id: 'case-name', type: 'text', value: `${result.outcome}${result.decidedBy === null ? '' : ` by ${result.decidedBy}`} (${state.locale})` }),
    ' ',
    h('button', { type: 'button', id: 'add-case-button', onclick: () => void addCase(file) }, 'Add as a test case'),
    h('span', { id: 'add-case-status', role: 'status' }),
  );
}

/** The name of a case of the tests file `text` with these very facts (and the Try locale), if there is one. */
function sameCase(text: string, facts: Readonly<Record<string, unknown>>): string | undefined {
  const canonical = (value: Readonly<Record<string, unknown>>): string => JSON.stringify(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1)));
  let cases: unknown;
  try {
    const parsed = JSON.parse(text) as unknown;
    cases = Array.isArray(parsed) ? parsed : (parsed as { cases?: unknown } | null)?.cases;
  } catch {
    return undefined;
  }
  if (!Array.isArray(cases)) return undefined;
  const wanted = canonical(facts);
  const found = (cases as { name?: unknown; facts?: Record<string, unknown>; locale?: unknown }[]).find(
    (c) => c.facts !== undefined && canonical(c.facts) === wanted && (c.locale === undefined || c.locale === state.locale),
  );
  return typeof found?.name === 'string' ? found.name : undefined;
}

/** Appends the Try case to the tests file and saves it (atomically, over the version loaded). */
async function addCase(file: PolicyFile): Promise<void> {
  const tools = state.tools;
  const tests = file.tests;
  const result = state.result;
  if (tools === undefined || tests === undefined || result === undefined) return;
  const status = $('add-case-status');
  const name = ($('case-name') as HTMLInputElement).value.trim() || result.outcome;
  const today = new Date().toISOString().slice(0, 10);
  const testCase = {
    name,
    facts: givenFacts(),
    at: today,
    locale: state.locale,
    ...(state.audience === 'agent' ? { audience: 'agent' } : {}),
    expect: { outcome: result.outcome, decidedBy: result.decidedBy, missing: result.missing.map((m) => m.fact) },
  };
  let text: string;
  try {
    text = tools.appendCase(tests.text, testCase, file.name);
  } catch (error) {
    status.textContent = ` ${(error as Error).message}`;
    return;
  }
  const response = await fetch(`/api/file?name=${encodeURIComponent(tests.name)}`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json', ...(tests.version === undefined ? { 'If-None-Match': '*' } : { 'If-Match': `"${tests.version}"` }) },
    body: text,
  });
  const reply = (await response.json().catch(() => ({}))) as { version?: string; message?: string };
  if (response.ok && reply.version !== undefined) {
    tests.text = text;
    tests.version = reply.version;
    void update();
    return;
  }
  if (response.status === 409) {
    notify(`${tests.name} changed on disk since it was loaded. The case was not added.`, [
      'Load the tests file from disk',
      () =>
        void loadTests(tests.name).then((fresh) => {
          file.tests = fresh;
          void update();
        }),
    ]);
    return;
  }
  status.textContent = ` ${reply.message ?? `Not saved (${response.status})`}`;
}

// ---------------------------------------------------------------- the frame

function renderHeader(): void {
  const file = currentFile();
  const locales = file?.policy?.locales ?? ['en'];
  if (!locales.includes(state.locale)) state.locale = locales[0] ?? 'en';
  fill(
    $('policy-picker'),
    state.files.map((f, i) => h('option', { value: i, selected: i === state.current }, f.name)),
  );
  fill(
    $('locale'),
    locales.map((l) => h('option', { value: l, selected: l === state.locale }, l)),
  );
  document.title = `${file?.policy?.id ?? file?.name ?? 'because'} — because studio`;
}

function showView(view: View): void {
  if (state.view === 'tests' && view !== 'tests') state.editor?.setCoverage([]);
  state.view = view;
  document.body.dataset['view'] = view;
  $('view-try').hidden = view === 'texts' || view === 'tests';
  $('view-texts').hidden = view !== 'texts';
  $('view-edit').hidden = view !== 'edit' && view !== 'tests';
  $('view-tests').hidden = view !== 'tests';
  $('facts-form').hidden = view === 'edit' || view === 'tests';
  for (const v of VIEWS) $(`tab-${v}`).setAttribute('aria-selected', String(v === view));
  if (view === 'edit' || view === 'tests') mountEditor();
  void update();
}

const VIEWS = ['try', 'texts', 'edit', 'tests'] as const;

// ---------------------------------------------------------------- editing (the studio only)

const draftKey = (file: PolicyFile): string => `because-studio:draft:${file.name}`;

/** A message with choices above the views; replaces the one before. */
function notify(message: string, ...actions: [string, () => void][]): void {
  const box = $('notice');
  box.hidden = false;
  fill(
    box,
    h('p', {}, message),
    actions.map(([label, act]) =>
      h('button', {
        type: 'button',
        onclick: () => {
          box.hidden = true;
          act();
        },
      }, label),
    ),
  );
}

function setStatus(text: string): void {
  $('save-status').textContent = text;
}

/** Takes `text` as the open file's text: compiled, the form and result redrawn. */
function useText(file: PolicyFile, text: string): void {
  const declared = JSON.stringify(file.policy?.document.facts ?? null);
  file.text = text;
  compile(file);
  if (file.policy !== undefined && JSON.stringify(file.policy.document.facts) !== declared) {
    const before = new Map(state.facts);
    resetFacts();
    for (const [name, fact] of before) if (state.facts.has(name)) state.facts.set(name, fact);
    renderForm();
  }
  renderHeader();
  void update();
}

function edited(file: PolicyFile, text: string): void {
  if (text === file.saved) localStorage.removeItem(draftKey(file));
  else localStorage.setItem(draftKey(file), JSON.stringify({ base: file.version, text }));
  setStatus(text === file.saved ? 'Saved' : 'Unsaved changes (kept as a draft in this browser)');
}

function mountEditor(): void {
  const file = currentFile();
  const tools = state.tools;
  if (file === undefined || tools === undefined || state.editor !== undefined) return;
  state.editor = tools.createEditor($('editor'), file.text, {
    check(text) {
      const open = currentFile();
      if (open === undefined) return [];
      if (text !== open.text) useText(open, text);
      return open.problems;
    },
    changed(text) {
      const open = currentFile();
      if (open !== undefined) edited(open, text);
    },
    names() {
      const doc = currentFile()?.policy?.document as { facts?: object; parameters?: object; outcomes?: object; conditions?: object } | undefined;
      return {
        facts: Object.keys(doc?.facts ?? {}),
        parameters: Object.keys(doc?.parameters ?? {}),
        outcomes: Object.keys(doc?.outcomes ?? {}),
        conditions: Object.keys(doc?.conditions ?? {}),
      };
    },
  });
  if ($('save-status').textContent === '') setStatus(file.text === file.saved ? 'Saved' : 'Unsaved changes (kept as a draft in this browser)');
}

/** Puts `text` in the editor (or the file, before the editor is open). */
function replaceText(file: PolicyFile, text: string): void {
  if (state.editor !== undefined && file === currentFile()) state.editor.setText(text);
  useText(file, text);
  edited(file, text);
}

async function save(overwrite = false): Promise<void> {
  const file = currentFile();
  if (file === undefined || state.mode !== 'studio') return;
  const text = state.editor?.text() ?? file.text;
  if (overwrite) {
    // The author chose to save over the change on disk: take its version, then save.
    const got = (await (await fetch(`/api/file?name=${encodeURIComponent(file.name)}`)).json()) as { version: string };
    file.version = got.version;
  }
  const response = await fetch(`/api/file?name=${encodeURIComponent(file.name)}`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json', 'If-Match': `"${file.version ?? ''}"` },
    body: text,
  });
  const reply = (await response.json().catch(() => ({}))) as { version?: string; message?: string };
  if (response.ok && reply.version !== undefined) {
    file.version = reply.version;
    file.saved = text;
    edited(file, text);
    setStatus('Saved');
    return;
  }
  if (response.status === 409) {
    notify(
      `${file.name} changed on disk since you loaded it. Nothing was saved.`,
      ['Load the version on disk (your text stays as a draft)', () => void loadFromDisk(file, true)],
      ['Save mine over it', () => void save(true)],
    );
    return;
  }
  setStatus(reply.message ?? `Not saved (${response.status})`);
}

/** Reads the file from disk into the page; with `keepDraft`, the text being replaced stays in the draft. */
async function loadFromDisk(file: PolicyFile, keepDraft = false): Promise<void> {
  const response = await fetch(`/api/file?name=${encodeURIComponent(file.name)}`);
  if (!response.ok) return;
  const got = (await response.json()) as { text: string; version: string };
  const mine = state.editor?.text() ?? file.text;
  file.version = got.version;
  file.saved = got.text;
  replaceText(file, got.text);
  if (keepDraft && mine !== got.text) localStorage.setItem(draftKey(file), JSON.stringify({ base: got.version, text: mine }));
}

/**
 * When the window gets focus again, looks at the file on disk: a change replaces the page's
 * text when it holds no unsaved work, and is offered otherwise.
 */
async function refreshFromDisk(): Promise<void> {
  const file = currentFile();
  if (state.mode !== 'studio' || file === undefined) return;
  // The page never holds unsaved work in the tests file: a change on disk is simply taken.
  const tests = file.tests;
  if (tests?.version !== undefined) {
    const fresh = await loadTests(tests.name);
    if (fresh.version !== tests.version) {
      file.tests = fresh;
      void update();
    }
  }
  const response = await fetch(`/api/file?name=${encodeURIComponent(file.name)}`);
  if (!response.ok) return;
  const got = (await response.json()) as { text: string; version: string };
  if (got.version === file.version) return;
  const mine = state.editor?.text() ?? file.text;
  if (mine === file.saved) {
    file.version = got.version;
    file.saved = got.text;
    replaceText(file, got.text);
    return;
  }
  notify(
    `${file.name} changed on disk, and you have unsaved changes.`,
    ['Load the version on disk (your text stays as a draft)', () => void loadFromDisk(file, true)],
    ['Keep editing mine', () => undefined],
  );
}

/** Offers the draft this browser kept of the open file. */
function offerDraft(file: PolicyFile): void {
  const raw = localStorage.getItem(draftKey(file));
  if (raw === null) return;
  const draft = JSON.parse(raw) as { base?: string; text?: string };
  if (typeof draft.text !== 'string' || draft.text === file.text) return;
  if (draft.base === file.version) {
    replaceText(file, draft.text);
    setStatus('Unsaved changes (restored from this browser’s draft)');
    return;
  }
  const text = draft.text;
  notify(
    `This browser keeps a draft of ${file.name} made before the file changed on disk.`,
    ['Restore the draft', () => replaceText(file, text)],
    ['Discard it', () => localStorage.removeItem(draftKey(file))],
  );
}

/**
 * Starts the page. `tools` (the studio's bundle) adds the editor and lint's findings.
 * @internal
 */
export async function start(tools?: StudioTools): Promise<void> {
  state.tools = tools;
  // The token has become a cookie: keep it out of the address bar, history and screenshots.
  if (location.search.includes('token=')) history.replaceState(null, '', location.pathname);
  state.files = await loadFiles();
  document.body.dataset['mode'] = state.mode;
  for (const f of state.files) compile(f);
  resetFacts();
  renderHeader();
  renderForm();
  $('policy-picker').addEventListener('change', (e) => {
    state.current = Number((e.target as HTMLSelectElement).value);
    state.whyNot = '';
    state.editor?.destroy();
    state.editor = undefined;
    setStatus('');
    resetFacts();
    renderHeader();
    renderForm();
    const file = currentFile();
    if (file !== undefined && state.tools !== undefined && state.mode === 'studio') offerDraft(file);
    showView(state.view);
  });
  $('locale').addEventListener('change', (e) => {
    state.locale = (e.target as HTMLSelectElement).value;
    renderForm();
    void update();
  });
  $('audience').addEventListener('change', (e) => {
    state.audience = (e.target as HTMLSelectElement).value === 'agent' ? 'agent' : 'customer';
    void update();
  });
  for (const v of VIEWS) $(`tab-${v}`).addEventListener('click', () => showView(v));
  $('review-run').addEventListener('click', runReview);
  $('reset').addEventListener('click', () => {
    resetFacts();
    renderForm();
    void update();
  });
  const canEdit = state.mode === 'studio' && tools !== undefined;
  $('tab-edit').hidden = !canEdit;
  $('tab-tests').hidden = !canEdit;
  if (canEdit) {
    $('save').addEventListener('click', () => void save());
    window.addEventListener('focus', () => void refreshFromDisk());
    const file = currentFile();
    if (file !== undefined) offerDraft(file);
  }
  showView('try');
  document.body.dataset['ready'] = 'true';
}
