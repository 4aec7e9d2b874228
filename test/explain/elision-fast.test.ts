import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { elideFrench } from '../../src/explain/render.js';

/** The elision as it was before its plain precheck: both patterns run on every sentence with "ue " or "i il". */
function referenceElision(text: string): string {
  if (!text.includes('ue ') && !text.includes('i il')) return text;
  return text
    .replace(/(?<![\p{L}\p{N}])((?:lors|puis)?[Qq]u)e (?!(?:oui|onze)(?![\p{L}]))(?=[aeiouàâäéèêëîïôöùûüœæAEIOUÀÂÉÈÊÎÔŒ])/gu, '$1’')
    .replace(/(?<![\p{L}\p{N}])([Ss])i (?=ils?(?![\p{L}]))/gu, '$1’');
}

/** Pieces French sentences are made of around the elisions: "que"/"qu", "si", "il(s)", vowels, "oui", "onze", digits, letters, spaces. */
const piece = fc.constantFrom(
  'que ', 'Que ', 'parce que ', 'si ', 'Si ', 'lorsque ', 'que', 'Que', 'qu', 'lorsque', 'puisque', 'quelque', 'si', 'Si', 'ainsi', 'il', 'ils', 'ile', 'île', 'oui', 'onze', 'une', 'Émile', 'œuvre', 'a', 'e', 'h',
  'rue', 'rue ', ' ', ' ', ' ', '  ', '\u00a0', '.', ',', '’', '1', '€', 'x', 'Bé', 'i', 'ue', 'q',
);
const sentence = fc.array(piece, { maxLength: 14 }).map((parts) => parts.join(''));

describe('the French elision', () => {
  it('elides as the plain two patterns do, on sentences made of the pieces around them', () => {
    let elided = 0;
    fc.assert(
      fc.property(sentence, (text) => {
        const out = elideFrench(text);
        expect(out).toBe(referenceElision(text));
        if (out !== text) elided++;
      }),
      { numRuns: 5000 },
    );
    // The property says something only if sentences are elided.
    expect(elided).toBeGreaterThan(200);
  });
});
