/**
 * The policy editor of `because studio`: CodeMirror 6 with JSON, and the core's own diagnostics
 * (definePolicy's issues, then lint's findings) placed where the CLI places them, updated as one
 * types. Only the studio's bundle holds it; an exported site has no editor.
 * @internal
 */
import { autocompletion, completionKeymap, type CompletionContext, type CompletionResult } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { json } from '@codemirror/lang-json';
import { bracketMatching, defaultHighlightStyle, foldGutter, syntaxHighlighting } from '@codemirror/language';
import { linter, lintGutter, type Diagnostic } from '@codemirror/lint';
import { EditorState, RangeSet, StateEffect, StateField, type Range } from '@codemirror/state';
import { Decoration, drawSelection, EditorView, gutter, GutterMarker, highlightActiveLine, hoverTooltip, keymap, lineNumbers, type DecorationSet } from '@codemirror/view';
import POLICY_SCHEMA from '../../schema/policy.schema.json';
import { hoverAt, jsonContextAt, nameSuggestions, suggestions, type PolicyNames, type SchemaNode } from './schema-help.js';

/** One diagnostic as the page computes it: an offset in the text, a severity and the CLI's message. */
export interface Finding {
  readonly offset: number;
  readonly severity: 'error' | 'warning';
  readonly code: string;
  readonly message: string;
}

/** What the page gives the editor. */
export interface EditorHooks {
  /** Called (debounced) with the text after each change; returns the text's findings. */
  check(text: string): readonly Finding[];
  /** Called at once on every change (for the draft and the "unsaved" state). */
  changed(text: string): void;
  /** The names the last valid version of the policy declares, offered where a value names one. */
  names(): PolicyNames;
}

/**
 * A coverage mark of the tests: a condition no case saw true (or false), a rule no case fired,
 * drawn on its line with a gutter marker and its message on hover.
 */
export interface CoverageMark {
  readonly offset: number;
  readonly kind: 'never-true' | 'never-false' | 'never-fired';
  readonly message: string;
}

/** The editor the page drives. */
export interface PolicyEditor {
  text(): string;
  /** Replaces the whole text (a reload from disk, a restored draft). */
  setText(text: string): void;
  /** Puts the cursor at `offset`, scrolled into view, and focuses the editor. */
  reveal(offset: number): void;
  /** Draws the tests' coverage marks (none: removes them). */
  setCoverage(marks: readonly CoverageMark[]): void;
  /** Removes the editor (another file is opened). */
  destroy(): void;
}

/** From an offset to the end of its line: where the finding's value starts. */
function rangeAt(state: EditorState, offset: number): { from: number; to: number } {
  const from = Math.min(Math.max(0, offset), state.doc.length);
  const line = state.doc.lineAt(from);
  return { from, to: Math.max(from, line.to) };
}

const schema = POLICY_SCHEMA as SchemaNode;

/** Property names and enum values from the policy JSON Schema where the cursor is, and the policy's own names. */
const schemaCompletion = (names: () => PolicyNames) => (context: CompletionContext): CompletionResult | null => {
  const text = context.state.doc.toString();
  const at = jsonContextAt(text, context.pos);
  if (!context.explicit && at.from === context.pos) return null;
  // Inside a quote, the options are matched and put in after it (and a closing quote after the cursor is taken in).
  const quoted = text[at.from] === '"';
  const options = [...suggestions(schema, at), ...nameSuggestions(at, names())].filter((o) => !quoted || o.insert.startsWith('"'));
  if (options.length === 0) return null;
  return {
    from: quoted ? at.from + 1 : at.from,
    to: quoted && text[context.pos] === '"' ? context.pos + 1 : context.pos,
    options: options.map((o) => ({
      label: o.kind === 'value' && quoted ? o.insert.slice(1, -1) : o.label,
      apply: quoted ? o.insert.slice(1) : o.insert,
      type: o.kind === 'property' ? 'property' : 'constant',
      ...(o.detail === undefined ? {} : { detail: o.detail }),
      ...(o.info === undefined ? {} : { info: o.info }),
    })),
    validFor: /^[\w$-]*$/,
  };
};

/** The schema's description of the property name under the pointer. */
const schemaHover = hoverTooltip((view, pos) => {
  const found = hoverAt(schema, view.state.doc.toString(), pos);
  if (found === undefined) return null;
  return {
    pos: found.from,
    end: found.to,
    above: true,
    create() {
      const dom = document.createElement('div');
      dom.className = 'cm-schema-hover';
      const title = document.createElement('strong');
      title.textContent = found.title;
      dom.append(title, found.detail === undefined ? '' : ` (${found.detail})`);
      if (found.info !== undefined) {
        const p = document.createElement('p');
        p.textContent = found.info;
        dom.append(p);
      }
      return { dom };
    },
  };
});

const setMarks = StateEffect.define<readonly CoverageMark[]>();

class CoverageGutterMarker extends GutterMarker {
  constructor(readonly kinds: string, readonly message: string) {
    super();
  }
  override eq(other: CoverageGutterMarker): boolean {
    return other.kinds === this.kinds && other.message === this.message;
  }
  override toDOM(): Node {
    const el = document.createElement('span');
    el.className = `cm-coverage-marker ${this.kinds}`;
    el.textContent = '◐';
    el.title = this.message;
    return el;
  }
}

interface CoverageState {
  readonly lines: DecorationSet;
  readonly markers: RangeSet<GutterMarker>;
}

/** The coverage marks, by line: a line class and a gutter marker that say what no case saw. */
const coverageField = StateField.define<CoverageState>({
  create: () => ({ lines: Decoration.none, markers: RangeSet.empty }),
  update(value, tr) {
    let next = tr.docChanged ? { lines: value.lines.map(tr.changes), markers: value.markers.map(tr.changes) } : value;
    for (const effect of tr.effects) {
      if (!effect.is(setMarks)) continue;
      const byLine = new Map<number, { from: number; kinds: Set<string>; messages: string[] }>();
      for (const mark of effect.value) {
        const line = tr.state.doc.lineAt(Math.min(Math.max(0, mark.offset), tr.state.doc.length));
        const entry = byLine.get(line.number) ?? { from: line.from, kinds: new Set(), messages: [] };
        entry.kinds.add(`cm-${mark.kind}`);
        entry.messages.push(mark.message);
        byLine.set(line.number, entry);
      }
      const sorted = [...byLine.values()].sort((a, b) => a.from - b.from);
      const lines: Range<Decoration>[] = sorted.map((e) => Decoration.line({ class: `cm-uncovered ${[...e.kinds].join(' ')}`, attributes: { title: e.messages.join('\n') } }).range(e.from));
      const markers = sorted.map((e) => new CoverageGutterMarker([...e.kinds].join(' '), e.messages.join('\n')).range(e.from));
      next = { lines: Decoration.set(lines), markers: RangeSet.of(markers) };
    }
    return next;
  },
  provide: (field) => [EditorView.decorations.from(field, (v) => v.lines), gutter({ class: 'cm-coverage-gutter', markers: (view) => view.state.field(field).markers })],
});

/** The editor's own look (its styles live in its shadow root, apart from the page's). */
const theme = EditorView.theme({
  '&': { height: '100%', fontSize: '13px', border: '1px solid #d8dce3', borderRadius: '5px', backgroundColor: '#fff' },
  '&.cm-focused': { outline: '3px solid #8fb0ff' },
  '.cm-scroller': { overflow: 'auto', fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace' },
  '.cm-uncovered': { backgroundColor: '#fff4e0' },
  '.cm-never-fired': { backgroundColor: '#fdecea' },
  '.cm-coverage-gutter': { width: '1.1em' },
  '.cm-coverage-marker': { color: '#9a6700', cursor: 'default' },
  '.cm-coverage-marker.cm-never-fired': { color: '#b42318' },
  '.cm-schema-hover': { padding: '4px 8px', maxWidth: '28rem', fontSize: '13px' },
  '.cm-schema-hover p': { margin: '4px 0 0' },
});

/**
 * Mounts the editor in `host` with `text`. It lives in a shadow root: CodeMirror then styles it
 * with a constructed style sheet, which the studio's Content-Security-Policy (no inline style)
 * allows, where the <style> element it would add to the document is refused.
 */
export function createEditor(host: HTMLElement, text: string, hooks: EditorHooks): PolicyEditor {
  const root = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
  root.replaceChildren();
  const diagnostics = linter(
    (view) =>
      hooks.check(view.state.doc.toString()).map((f): Diagnostic => ({ ...rangeAt(view.state, f.offset), severity: f.severity, source: f.code, message: f.message })),
    { delay: 250 },
  );
  const view = new EditorView({
    root,
    parent: root,
    state: EditorState.create({
      doc: text,
      extensions: [
        lineNumbers(),
        foldGutter(),
        lintGutter(),
        coverageField,
        history(),
        drawSelection(),
        highlightActiveLine(),
        bracketMatching(),
        syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
        theme,
        json(),
        diagnostics,
        autocompletion({ override: [schemaCompletion(() => hooks.names())] }),
        schemaHover,
        // Tab is left to the browser, so the keyboard can leave the editor.
        keymap.of([...completionKeymap, ...defaultKeymap, ...historyKeymap]),
        EditorView.contentAttributes.of({ 'aria-label': 'Policy JSON' }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) hooks.changed(update.state.doc.toString());
        }),
      ],
    }),
  });
  return {
    text: () => view.state.doc.toString(),
    setText(next) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: next } });
    },
    reveal(offset) {
      const at = Math.min(Math.max(0, offset), view.state.doc.length);
      view.dispatch({ selection: { anchor: at }, effects: EditorView.scrollIntoView(at, { y: 'center' }) });
      view.focus();
    },
    setCoverage(marks) {
      view.dispatch({ effects: setMarks.of(marks) });
    },
    destroy: () => view.destroy(),
  };
}
