import { i18n, view } from '@forge/bridge';
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { DEFAULT_LOCALE, toSupportedLocale, type SupportedLocale } from '../../src/shared/locales';

/**
 * Translations through Forge's own mechanism: `i18n.createTranslationFunction` from @forge/bridge reads
 * `__LOCALES__/i18n-info.json` and `__LOCALES__/<locale>.json` next to the page, which Forge's bundler builds from the
 * manifest's `translations` (locales/*.json) and the sandbox serves the same way. Forge's lookup already falls back
 * from the chosen language to the manifest's default (en-US) key by key; if the chosen language's files cannot be
 * fetched at all, English is tried on its own, and only if that fails too are keys shown as they are.
 *
 * Which language: the viewer's own choice in the app (`preferredLocale` from `viewer/get`), else the language of the
 * Jira context (`view.getContext().locale`), mapped onto the languages the app speaks.
 */

export type Vars = Record<string, string | number>;
export type Translate = (key: string, vars?: Vars) => string;

export interface I18n {
  /** The language the page speaks. */
  locale: SupportedLocale;
  t: Translate;
  /** Picks `key.one`, `key.other`… by the language's plural rules for `count`; `{count}` is available in the text. */
  tp: (key: string, count: number, vars?: Vars) => string;
  /** Date and time in the user's locale and Jira time zone; the ISO text itself if it is not a date. */
  formatDateTime: (iso: string) => string;
  formatNumber: (value: number) => string;
}

type Lookup = (key: string) => string | null;

const loaded = new Map<SupportedLocale, Promise<Lookup | null>>();

/** One fetch per language per page load; a failure is remembered as null (no lookup) rather than thrown. */
function loadLookup(locale: SupportedLocale): Promise<Lookup | null> {
  let pending = loaded.get(locale);
  if (!pending) {
    pending = i18n
      .createTranslationFunction(locale)
      .then((translate): Lookup => {
        // Forge's function answers the default value (else the key) when nothing matches: ask with a sentinel.
        const missing = '\u0000';
        return (key) => {
          const value = translate(key, missing);
          return value === missing ? null : value;
        };
      })
      .catch(() => null);
    loaded.set(locale, pending);
  }
  return pending;
}

function interpolate(text: string, vars: Vars | undefined): string {
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

interface JiraContext {
  locale: string | null;
  timeZone: string | undefined;
}

let contextPromise: Promise<JiraContext> | undefined;

/** The Jira context's language and time zone; a page outside Jira (no bridge) gets neither. */
function jiraContext(): Promise<JiraContext> {
  contextPromise ??= view
    .getContext()
    .then((context) => ({ locale: typeof context.locale === 'string' ? context.locale : null, timeZone: validTimeZone(context.timezone) }))
    .catch(() => ({ locale: null, timeZone: undefined }));
  return contextPromise;
}

function validTimeZone(zone: unknown): string | undefined {
  if (typeof zone !== 'string' || zone === '') return undefined;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return zone;
  } catch {
    return undefined;
  }
}

function makeI18n(locale: SupportedLocale, lookup: Lookup | null, context: JiraContext): I18n {
  const t: Translate = (key, vars) => interpolate(lookup?.(key) || key, vars);
  // Jira's own locale formats dates when it is the same language (en-GB keeps day/month order); otherwise the
  // language the page speaks does, so that dates never read in a different language from the text around them.
  const formatLocale = context.locale && toSupportedLocale(context.locale) === locale ? context.locale.replace('_', '-') : locale;
  let dateFormat: Intl.DateTimeFormat;
  let numberFormat: Intl.NumberFormat;
  try {
    dateFormat = new Intl.DateTimeFormat(formatLocale, { dateStyle: 'medium', timeStyle: 'short', timeZone: context.timeZone });
    numberFormat = new Intl.NumberFormat(formatLocale);
  } catch {
    dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
    numberFormat = new Intl.NumberFormat(locale);
  }
  const plurals = new Intl.PluralRules(locale);
  return {
    locale,
    t,
    tp: (key, count, vars) => {
      const all = { count: numberFormat.format(count), ...vars };
      const category = `${key}.${plurals.select(count)}`;
      return lookup?.(category) ? t(category, all) : t(`${key}.other`, all);
    },
    formatDateTime: (iso) => {
      const date = new Date(iso);
      return Number.isNaN(date.getTime()) ? iso : dateFormat.format(date);
    },
    formatNumber: (value) => numberFormat.format(value),
  };
}

const I18nContext = createContext<I18n | null>(null);

export interface I18nProviderProps {
  /**
   * The viewer's own choice: a language, `null` to follow Jira, or `undefined` while it is not known yet (the page
   * then speaks Jira's language meanwhile, which is right for everyone who has not chosen).
   */
  preferredLocale: SupportedLocale | null | undefined;
  children: ReactNode;
}

/**
 * Renders its children once a language is loaded. Until the very first one is, it shows a busy placeholder without
 * text (there is no language to write it in yet); after that, a change of language keeps the old texts on screen
 * until the new ones have arrived.
 */
export function I18nProvider({ preferredLocale, children }: I18nProviderProps) {
  const [context, setContext] = useState<JiraContext | null>(null);
  const [current, setCurrent] = useState<I18n | null>(null);

  useEffect(() => {
    let live = true;
    void jiraContext().then((value) => {
      if (live) setContext(value);
    });
    return () => {
      live = false;
    };
  }, []);

  const locale: SupportedLocale | null = preferredLocale ?? (context ? toSupportedLocale(context.locale) : null);

  useEffect(() => {
    if (!locale || !context) return;
    let live = true;
    void loadLookup(locale).then(async (lookup) => {
      // If the chosen language could not be fetched at all, Forge's key-by-key fallback never ran: English stands in.
      const usable = lookup ?? (locale === DEFAULT_LOCALE ? null : await loadLookup(DEFAULT_LOCALE));
      if (!live) return;
      setCurrent(makeI18n(locale, usable, context));
      document.documentElement.lang = locale;
    });
    return () => {
      live = false;
    };
  }, [locale, context]);

  if (!current) return <div className="ed-boot" aria-busy="true" />;
  return <I18nContext.Provider value={current}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n is used outside <I18nProvider>.');
  return value;
}

/** Shorthand for components that only translate. */
export function useT(): Translate {
  return useI18n().t;
}

/**
 * A provider with messages given up front instead of fetched through the bridge: for component tests and previews
 * outside Forge. Pages never use it (so it is dropped from their bundles).
 */
export function FixedI18nProvider({ locale, messages, children }: { locale: SupportedLocale; messages: Record<string, string>; children: ReactNode }) {
  const value = makeI18n(locale, (key) => messages[key] ?? null, { locale, timeZone: 'UTC' });
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}
