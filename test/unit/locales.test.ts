/**
 * The translation files (Forge's nested JSON catalogues) stay in step: the same keys in every language, no empty
 * text, the same {placeholders}, and every key the pages ask for present. The key scan reads literal `t('…')` and
 * `tp('…')` calls in static/; keys built at run time (error codes, language names, plural forms) are listed below.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ERROR_CODES } from '../../src/shared/errors';
import { SUPPORTED_LOCALES } from '../../src/shared/locales';

const root = path.resolve(__dirname, '../..');

type Catalogue = { [key: string]: string | Catalogue };

function load(locale: string): Catalogue {
  return JSON.parse(fs.readFileSync(path.join(root, 'locales', `${locale}.json`), 'utf8')) as Catalogue;
}

/** Flattens to dotted keys, as Forge's translator looks them up; anything that is neither text nor object is reported. */
function flatten(catalogue: Catalogue, prefix = ''): Map<string, unknown> {
  const entries = new Map<string, unknown>();
  for (const [key, value] of Object.entries(catalogue)) {
    const full = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      for (const [k, v] of flatten(value, full)) entries.set(k, v);
    } else {
      entries.set(full, value);
    }
  }
  return entries;
}

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'build' || entry.name === 'node_modules' ? [] : sourceFiles(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

const catalogues = Object.fromEntries(SUPPORTED_LOCALES.map((locale) => [locale, flatten(load(locale))]));
const english = catalogues['en-US']!;

describe('locales', () => {
  it.each(SUPPORTED_LOCALES)('%s has a file for every supported locale, with text in it', (locale) => {
    expect(catalogues[locale]!.size).toBeGreaterThan(0);
  });

  it.each(SUPPORTED_LOCALES)('%s: every value is non-empty text', (locale) => {
    const bad = [...catalogues[locale]!].filter(([, value]) => typeof value !== 'string' || value.trim() === '').map(([key]) => key);
    expect(bad).toEqual([]);
  });

  it.each(SUPPORTED_LOCALES.filter((l) => l !== 'en-US'))('%s has exactly the keys of en-US', (locale) => {
    const other = catalogues[locale]!;
    expect([...english.keys()].filter((key) => !other.has(key))).toEqual([]);
    expect([...other.keys()].filter((key) => !english.has(key))).toEqual([]);
  });

  it.each(SUPPORTED_LOCALES.filter((l) => l !== 'en-US'))('%s uses the same {placeholders} as en-US in each text', (locale) => {
    const other = catalogues[locale]!;
    const mismatched = [...english]
      .filter(([key, value]) => typeof value === 'string' && typeof other.get(key) === 'string')
      .filter(([key, value]) => placeholders(value as string).join() !== placeholders(other.get(key) as string).join())
      .map(([key]) => key);
    expect(mismatched).toEqual([]);
  });

  it('has a message for every stable error code', () => {
    expect(ERROR_CODES.filter((code) => !english.has(`errors.${code}`))).toEqual([]);
  });

  it('has a name for every supported language', () => {
    expect(SUPPORTED_LOCALES.filter((locale) => !english.has(`languages.${locale}`))).toEqual([]);
  });

  it('has every key the pages ask for', () => {
    const used = new Set<string>();
    for (const file of sourceFiles(path.join(root, 'static'))) {
      const text = fs.readFileSync(file, 'utf8');
      for (const match of text.matchAll(/\bt\(\s*'([^'$`]+)'/g)) used.add(match[1]!);
      // Plural lookups: tp('key', n) reads key.other at least (and key.one where the language has it).
      for (const match of text.matchAll(/\btp\(\s*'([^'$`]+)'/g)) used.add(`${match[1]!}.other`);
    }
    expect(used.size).toBeGreaterThan(10);
    expect([...used].filter((key) => !english.has(key)).sort()).toEqual([]);
  });
});
