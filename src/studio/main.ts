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
import { definePolicy, explain, isBecauseError, type ConditionTrace, type DecisionResult, type Issue, type LeafTrace, type Policy, type RuleTrace } from '../index.js';
import { locateJsonPath } from '../authoring/locate.js';
import type { Problem } from './diagnose.js';
import { fill, h } from './dom.js';
import type { PolicyEditor, createEditor } from './editor.js';

/** What only the studio's bundle brings: the editor and the diagnostics of lint. */
export interface StudioTools {
  readonly createEditor: typeof createEditor;
  readonly diagnose: (text: string, policy: Policy | undefined) => Problem[];
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
}

type View = 'try' | 'texts' | 'edit';
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
  const list = (await (await fetch('/api/files')).json()) as { files: { name: string; kind: string }[] };
  const policies = list.files.filter((f) => f.kind === 'policy');
  return Promise.all(
    policies.map(async (f) => {
      const got = (await (await fetch(`/api/file?name=${encodeURIComponent(f.name)}`)).json()) as { text: string; version: string };
      return { name: f.name, text: got.text, saved: got.text, version: got.version, policy: undefined, issues: [], problems: [] };
    }),
  );
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

function conditionNode(node: ConditionTrace): HTMLElement {
  const internal = node.internal === true ? h('span', { class: 'tag' }, 'internal') : null;
  const item = (...children: Parameters<typeof h>[2][]): HTMLElement =>
    h('li', { class: `node r-${node.evaluated ? String(node.result) : 'skipped'}` }, h('span', { class: 'mark' }, mark(node.result, node.evaluated)), ...children, internal);
  if (!('fact' in node)) {
    const shared = node.condition === undefined ? null : h('code', {}, node.condition);
    if (node.not !== undefined) return item(' not ', shared, h('ul', {}, conditionNode(node.not)));
    const kind = node.all !== undefined ? 'all' : 'any';
    return item(` ${kind} of `, shared, h('ul', {}, (node.all ?? node.any ?? []).map(conditionNode)));
  }
  const leaf: LeafTrace = node;
  const expected = leaf.expectedFact !== undefined ? `${leaf.expectedFact} (${JSON.stringify(leaf.expected)})` : JSON.stringify(leaf.expected);
  return item(
    ' ',
    h('code', {}, `${leaf.fact}${leaf.path ?? ''} ${leaf.operator} ${expected ?? ''}`),
    leaf.actual !== undefined ? h('span', { class: 'actual' }, ` — is ${JSON.stringify(leaf.actual)}`) : null,
  );
}

function traceTree(result: DecisionResult, policy: Policy): HTMLElement {
  const internalRules = new Set(
    ((policy.document as { rules?: { name: string; internal?: boolean }[] }).rules ?? []).filter((r) => r.internal === true).map((r) => r.name),
  );
  const rule = (t: RuleTrace): HTMLElement =>
    h(
      'li',
      { class: `rule r-${String(t.fired)}${t.rule === result.decidedBy ? ' deciding' : ''}`, 'data-rule': t.rule },
      h('span', { class: 'mark' }, mark(t.fired)),
      ' ',
      h('strong', {}, t.rule),
      h('span', { class: 'meta' }, ` → ${t.outcome}, priority ${t.priority}`),
      t.rule === result.decidedBy ? h('span', { class: 'tag deciding-tag' }, 'decides') : null,
      internalRules.has(t.rule) ? h('span', { class: 'tag' }, 'internal') : null,
      h('ul', {}, conditionNode(t.conditions)),
    );
  return h('ul', { class: 'tree', 'aria-label': 'Trace' }, result.trace.map(rule));
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
  if (box.hidden) return fill(box);
  fill(
    box,
    h('h2', {}, file.policy === undefined ? `${file.name} is not a valid policy` : `${file.name}: what lint found`),
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
  try {
    const result = await explain(policy, givenFacts(), { locale: state.locale, audience: state.audience, ...(state.whyNot === '' ? {} : { whyNot: state.whyNot }) });
    if (run === state.run) renderResult(result, policy);
  } catch (error) {
    if (run !== state.run) return;
    const issues = isBecauseError(error) ? error.issues : [{ code: 'error', path: '', message: String(error) }];
    fill($('result'), h('div', { class: 'problems', role: 'alert' }, h('ul', {}, issues.map((i) => h('li', {}, i.path === '' ? '' : h('code', {}, i.path), ' ', i.message)))));
    fill($('trace'));
  }
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
  state.view = view;
  document.body.dataset['view'] = view;
  $('view-try').hidden = view === 'texts';
  $('view-texts').hidden = view !== 'texts';
  $('view-edit').hidden = view !== 'edit';
  $('facts-form').hidden = view === 'edit';
  for (const v of ['try', 'texts', 'edit'] as const) $(`tab-${v}`).setAttribute('aria-selected', String(v === view));
  if (view === 'edit') mountEditor();
  void update();
}

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
  for (const v of ['try', 'texts', 'edit'] as const) $(`tab-${v}`).addEventListener('click', () => showView(v));
  $('reset').addEventListener('click', () => {
    resetFacts();
    renderForm();
    void update();
  });
  const canEdit = state.mode === 'studio' && tools !== undefined;
  $('tab-edit').hidden = !canEdit;
  if (canEdit) {
    $('save').addEventListener('click', () => void save());
    window.addEventListener('focus', () => void refreshFromDisk());
    const file = currentFile();
    if (file !== undefined) offerDraft(file);
  }
  showView('try');
  document.body.dataset['ready'] = 'true';
}
