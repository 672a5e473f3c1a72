import fs from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';

/**
 * What the simulated Jira needs from manifest.yml: the Custom UI modules and their resources, the content security
 * policy that the manifest's `permissions` allow, and the translations Forge's bundler publishes as `__LOCALES__`.
 * Read once at start, like a deployed app version.
 */

export interface UiModule {
  key: string;
  /** Forge module type, e.g. `jira:issuePanel`. */
  type: string;
  resource: string;
  title: string;
  /** `resource:<key>;<path>` of the module's icon, if any. */
  icon?: string;
}

export interface Resource {
  key: string;
  /** Absolute directory of the resource's files. */
  dir: string;
  /** The manifest's path, relative to the app. */
  path: string;
  /** Named entry files (the icon resource's `entry`). */
  entry: Record<string, string>;
}

export interface Translations {
  /** Locale → absolute path of its messages file. */
  files: Map<string, string>;
  /** The i18n-info.json Forge serves beside every page. */
  info: { translations: Record<string, Record<string, string>>; config: { locales: string[]; fallback: Record<string, unknown> } };
}

export interface WebAppConfig {
  appDir: string;
  /** The uuid of the manifest's `app.id` (what Forge's extension ids embed). */
  appUuid: string;
  scopes: string[];
  modules: Map<string, UiModule>;
  resources: Map<string, Resource>;
  /** The Content-Security-Policy header of every Custom UI page. */
  contentSecurityPolicy: string;
  translations: Translations | undefined;
}

const UI_MODULE_TYPES = ['jira:issuePanel', 'jiraServiceManagement:portalRequestDetail', 'jira:projectPage', 'jira:adminPage', 'jira:issueAction', 'jira:issueGlance', 'jira:globalPage'];

type Raw = Record<string, unknown>;
const isRecord = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.flatMap((x) => (typeof x === 'string' ? [x] : isRecord(x) && typeof x.address === 'string' ? [x.address] : [])) : []);

export function loadWebAppConfig(appDir: string): WebAppConfig {
  const manifest = yaml.load(fs.readFileSync(path.join(appDir, 'manifest.yml'), 'utf8')) as Raw;
  const modulesRaw = isRecord(manifest.modules) ? manifest.modules : {};
  const modules = new Map<string, UiModule>();
  for (const type of UI_MODULE_TYPES) {
    const list = modulesRaw[type];
    if (!Array.isArray(list)) continue;
    for (const m of list.filter(isRecord)) {
      if (typeof m.key !== 'string' || typeof m.resource !== 'string') continue;
      modules.set(m.key, { key: m.key, type, resource: m.resource, title: titleOf(m.title, m.key), ...(typeof m.icon === 'string' ? { icon: m.icon } : {}) });
    }
  }
  const resources = new Map<string, Resource>();
  for (const r of (Array.isArray(manifest.resources) ? manifest.resources : []).filter(isRecord)) {
    if (typeof r.key !== 'string' || typeof r.path !== 'string') continue;
    const entry = isRecord(r.entry) ? Object.fromEntries(Object.entries(r.entry).filter((e): e is [string, string] => typeof e[1] === 'string')) : {};
    resources.set(r.key, { key: r.key, path: r.path, dir: path.resolve(appDir, r.path), entry });
  }
  const permissions = isRecord(manifest.permissions) ? manifest.permissions : {};
  const app = isRecord(manifest.app) ? manifest.app : {};
  return {
    appDir,
    appUuid: String(app.id ?? '').replace(/^.*\//, ''),
    scopes: strings(permissions.scopes),
    modules,
    resources,
    contentSecurityPolicy: contentSecurityPolicy(permissions),
    translations: loadTranslations(appDir, manifest.translations, modulesRaw),
  };
}

function titleOf(title: unknown, fallback: string): string {
  if (typeof title === 'string') return title;
  if (isRecord(title) && typeof title.i18n === 'string') return title.i18n;
  return fallback;
}

/**
 * Forge's Custom UI policy: only the app's own origin, plus exactly what `permissions.content` (inline scripts or
 * styles) and `permissions.external` (hosts for fetch, images, scripts, styles, fonts, frames, media) grant.
 */
export function contentSecurityPolicy(permissions: Raw): string {
  const content = isRecord(permissions.content) ? permissions.content : {};
  const external = isRecord(permissions.external) ? permissions.external : {};
  const keywords = (values: string[]) => values.filter((v) => /^unsafe-(inline|hashes|eval)$/.test(v)).map((v) => `'${v}'`);
  const fetch = isRecord(external.fetch) ? external.fetch : {};
  const directives: Array<[string, string[]]> = [
    ['default-src', ["'self'"]],
    ['script-src', ["'self'", ...keywords(strings(content.scripts)), ...strings(external.scripts)]],
    ['style-src', ["'self'", ...keywords(strings(content.styles)), ...strings(external.styles)]],
    ['img-src', ["'self'", 'data:', 'blob:', ...strings(external.images)]],
    ['connect-src', ["'self'", ...strings(fetch.client)]],
    ['font-src', ["'self'", ...strings(external.fonts)]],
    ['media-src', ["'self'", ...strings(external.media)]],
    ['frame-src', ["'self'", ...strings(external.frames)]],
    ['object-src', ["'none'"]],
    ['base-uri', ["'self'"]],
    ['frame-ancestors', ["'self'"]],
  ];
  return directives.map(([name, values]) => `${name} ${[...new Set(values)].join(' ')}`).join('; ');
}

function loadTranslations(appDir: string, raw: unknown, modules: Raw): Translations | undefined {
  if (!isRecord(raw) || !Array.isArray(raw.resources)) return undefined;
  const files = new Map<string, string>();
  for (const r of raw.resources.filter(isRecord)) {
    if (typeof r.key === 'string' && typeof r.path === 'string') files.set(r.key, path.resolve(appDir, r.path));
  }
  const fallback = isRecord(raw.fallback) ? raw.fallback : { default: [...files.keys()][0] ?? 'en-US' };
  // The manifest's own i18n keys (module titles and the like), with each language's text, as Forge's bundler lists them.
  const keys = new Set<string>();
  const collect = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(collect);
    else if (isRecord(value)) {
      if (typeof value.i18n === 'string') keys.add(value.i18n);
      Object.values(value).forEach(collect);
    }
  };
  collect(modules);
  const translations: Record<string, Record<string, string>> = {};
  for (const key of keys) {
    translations[key] = {};
    for (const [locale, file] of files) {
      const text = lookup(readJson(file), key);
      if (text !== undefined) translations[key]![locale] = text;
    }
  }
  return { files, info: { translations, config: { locales: [...files.keys()], fallback } } };
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/** A message by its dotted key: a flat key first, then the nested path (both layouts are allowed by Forge). */
function lookup(messages: unknown, key: string): string | undefined {
  if (!isRecord(messages)) return undefined;
  if (typeof messages[key] === 'string') return messages[key];
  let node: unknown = messages;
  for (const part of key.split('.')) node = isRecord(node) ? node[part] : undefined;
  return typeof node === 'string' ? node : undefined;
}
