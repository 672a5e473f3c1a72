import { toSupportedLocale } from '../../src/shared/locales';

describe('the language a person sees', () => {
  it.each([
    ['fr-FR', 'fr-FR'],
    ['fr_FR', 'fr-FR'],
    ['fr-CA', 'fr-FR'],
    ['fr', 'fr-FR'],
    ['en-GB', 'en-US'],
    ['de-DE', 'en-US'],
    ['fresh', 'en-US'],
    [undefined, 'en-US'],
    [null, 'en-US'],
  ])('%s → %s', (input, expected) => {
    expect(toSupportedLocale(input)).toBe(expected);
  });
});
