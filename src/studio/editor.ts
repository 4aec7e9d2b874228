/**
 * The policy editor of `because studio`: CodeMirror 6 with JSON, and the core's own diagnostics
 * (definePolicy's issues, then lint's findings) placed where the CLI places them, updated as one
 * types. Only the studio's bundle holds it; an exported site has no editor.
 * @internal
 */
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { json } from '@codemirror/lang-json';
import { bracketMatching, defaultHighlightStyle, foldGutter, syntaxHighlighting } from '@codemirror/language';
import { linter, lintGutter, type Diagnostic } from '@codemirror/lint';
import { EditorState } from '@codemirror/state';
import { drawSelection, EditorView, highlightActiveLine, keymap, lineNumbers } from '@codemirror/view';

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
}

/** The editor the page drives. */
export interface PolicyEditor {
  text(): string;
  /** Replaces the whole text (a reload from disk, a restored draft). */
  setText(text: string): void;
  /** Puts the cursor at `offset`, scrolled into view, and focuses the editor. */
  reveal(offset: number): void;
  /** Removes the editor (another file is opened). */
  destroy(): void;
}

/** From an offset to the end of its line: where the finding's value starts. */
function rangeAt(state: EditorState, offset: number): { from: number; to: number } {
  const from = Math.min(Math.max(0, offset), state.doc.length);
  const line = state.doc.lineAt(from);
  return { from, to: Math.max(from, line.to) };
}

/** The editor's own look (its styles live in its shadow root, apart from the page's). */
const theme = EditorView.theme({
  '&': { height: '100%', fontSize: '13px', border: '1px solid #d8dce3', borderRadius: '5px', backgroundColor: '#fff' },
  '&.cm-focused': { outline: '3px solid #8fb0ff' },
  '.cm-scroller': { overflow: 'auto', fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace' },
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
        history(),
        drawSelection(),
        highlightActiveLine(),
        bracketMatching(),
        syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
        theme,
        json(),
        diagnostics,
        // Tab is left to the browser, so the keyboard can leave the editor.
        keymap.of([...defaultKeymap, ...historyKeymap]),
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
    destroy: () => view.destroy(),
  };
}
