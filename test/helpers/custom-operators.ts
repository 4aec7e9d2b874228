import type { CustomOperators } from '../../src/index.js';

/**
 * Custom operators of the kinds json-rules-engine users register most (its issue tracker: regex,
 * startsWith, date comparisons, set operators), written once for the tests.
 */
export const TEST_OPERATORS = {
  startsWith: {
    evaluate: (fact: string, value: string) => fact.startsWith(value),
    factTypes: ['string'],
    valueTypes: ['string'],
    phrase: {
      en: { holds: '{{fact}} starts with {{value}}', fails: '{{fact}} does not start with {{value}}' },
      nl: { holds: '{{fact}} met {{value}} begint', fails: '{{fact}} niet met {{value}} begint' },
      de: { holds: '{{fact}} mit {{value}} beginnt', fails: '{{fact}} nicht mit {{value}} beginnt' },
      fr: { holds: '{{fact}} commence par {{value}}', fails: '{{fact}} ne commence pas par {{value}}' },
    },
    boundary: (value: string) => [value, `${value}0`, ''],
  },
  matches: {
    evaluate: (fact: string, pattern: string) => new RegExp(pattern, 'u').test(fact),
    factTypes: ['string'],
    valueTypes: ['string'],
    phrase: {
      en: { holds: '{{fact}} has the expected form', fails: '{{fact}} does not have the expected form' },
      nl: { holds: '{{fact}} de verwachte vorm heeft', fails: '{{fact}} niet de verwachte vorm heeft' },
    },
  },
  before: {
    evaluate: (fact: string, value: string) => Date.parse(fact) < Date.parse(value),
    factTypes: ['date'],
    valueTypes: ['date'],
    phrase: {
      en: { holds: '{{fact}} is before {{value}}', fails: '{{fact}} is not before {{value}}' },
      nl: { holds: '{{fact}} vóór {{value}} ligt', fails: '{{fact}} niet vóór {{value}} ligt' },
      de: { holds: '{{fact}} vor dem {{value}} liegt', fails: '{{fact}} nicht vor dem {{value}} liegt' },
      fr: { holds: '{{fact}} tombe avant le {{value}}', fails: '{{fact}} ne tombe pas avant le {{value}}' },
    },
    boundary: (value: string) => {
      const day = Date.parse(value);
      return [new Date(day - 86_400_000).toISOString().slice(0, 10), value.slice(0, 10)];
    },
  },
} satisfies CustomOperators;
