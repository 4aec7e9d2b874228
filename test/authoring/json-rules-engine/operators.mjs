// The custom operators a json-rules-engine user registered with engine.addOperator, written for
// because: each with the types it takes and its phrase per language. `because import
// --operators` and `definePolicy(json, { operators })` read this module.

const day = 86_400_000;
const isoDay = (ms) => new Date(ms).toISOString().slice(0, 10);

export const operators = {
  startsWith: {
    evaluate: (fact, value) => fact.startsWith(value),
    factTypes: ['string'],
    valueTypes: ['string'],
    phrase: {
      en: { holds: '{{fact}} starts with {{value}}', fails: '{{fact}} does not start with {{value}}' },
      nl: { holds: '{{fact}} met {{value}} begint', fails: '{{fact}} niet met {{value}} begint' },
    },
    boundary: (value) => [value, ''],
  },
  matches: {
    // json-rules-engine's most requested operator: a regular expression, written as a string.
    evaluate: (fact, pattern) => new RegExp(pattern).test(fact),
    factTypes: ['string'],
    valueTypes: ['string'],
    phrase: {
      en: { holds: '{{fact}} has the required form', fails: '{{fact}} does not have the required form' },
      nl: { holds: '{{fact}} de vereiste vorm heeft', fails: '{{fact}} niet de vereiste vorm heeft' },
    },
  },
  dateAfter: {
    evaluate: (fact, value) => Date.parse(fact) > Date.parse(value),
    factTypes: ['date'],
    valueTypes: ['date'],
    phrase: {
      en: { holds: '{{fact}} is after {{value}}', fails: '{{fact}} is not after {{value}}' },
      nl: { holds: '{{fact}} na {{value}} ligt', fails: '{{fact}} niet na {{value}} ligt' },
    },
    boundary: (value) => [isoDay(Date.parse(value)), isoDay(Date.parse(value) + day)],
  },
  containsAll: {
    evaluate: (fact, value) => value.every((v) => fact.includes(v)),
    factTypes: ['array'],
    valueTypes: ['array'],
    phrase: {
      en: { holds: '{{fact}} include all of {{value}}', fails: '{{fact}} do not include all of {{value}}' },
      nl: { holds: '{{fact}} alle van {{value}} bevatten', fails: '{{fact}} niet alle van {{value}} bevatten' },
    },
    boundary: (value, current) => [[...new Set([...(current ?? []), ...value])], []],
  },
};
