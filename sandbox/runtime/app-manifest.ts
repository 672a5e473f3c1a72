import fs from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import type { EntityDefinition } from '../kvs/types';

/** The parts of manifest.yml the sandbox acts on, normalised. The manifest is the app's truth; nothing is repeated here. */
export interface AppManifest {
  appId: string;
  functions: Map<string, { file: string; exportName: string; timeoutSeconds: number }>;
  /** Custom UI modules with a resolver, by module key. */
  uiModules: Map<string, { type: string; functionKey: string; resource: string; title: string; unlicensedAccess: boolean }>;
  triggers: Array<{ key: string; functionKey: string; events: string[]; ignoreSelf: boolean }>;
  scheduled: Array<{ key: string; functionKey: string; interval: 'fiveMinute' | 'hour' | 'day' | 'week' }>;
  consumers: Array<{ key: string; queue: string; functionKey: string }>;
  customFields: Array<{ key: string; name: string; type: string; readOnly: boolean }>;
  resources: Map<string, string>;
  entities: EntityDefinition[];
  scopes: string[];
}

interface RawModule {
  key: string;
  [k: string]: unknown;
}

const UI_MODULE_TYPES = ['jira:issuePanel', 'jiraServiceManagement:portalRequestDetail', 'jira:projectPage', 'jira:adminPage'];
/** Forge's limit for resolvers and product triggers; consumers and scheduled functions may ask for up to 900 s. */
export const DEFAULT_TIMEOUT_SECONDS = 25;

export function loadAppManifest(appDir: string): AppManifest {
  const raw = yaml.load(fs.readFileSync(path.join(appDir, 'manifest.yml'), 'utf8')) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  const modules = (raw.modules ?? {}) as Record<string, RawModule[]>;
  const list = (type: string): RawModule[] => modules[type] ?? [];

  const functions = new Map(
    list('function').map((f) => {
      const [file, exportName] = String(f.handler).split('.');
      return [f.key, { file: file ?? 'index', exportName: exportName ?? 'handler', timeoutSeconds: Number(f.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS) }];
    }),
  );

  const uiModules = new Map<string, { type: string; functionKey: string; resource: string; title: string; unlicensedAccess: boolean }>();
  for (const type of UI_MODULE_TYPES) {
    for (const m of list(type)) {
      const resolver = m.resolver as { function: string } | undefined;
      if (!resolver) continue;
      uiModules.set(m.key, {
        type,
        functionKey: resolver.function,
        resource: String(m.resource),
        title: String(m.title),
        unlicensedAccess: Array.isArray(m.unlicensedAccess) && m.unlicensedAccess.length > 0,
      });
    }
  }

  const entities: EntityDefinition[] = ((raw.app?.storage?.entities ?? []) as Array<Record<string, any>>).map((e) => ({ // eslint-disable-line @typescript-eslint/no-explicit-any
    name: e.name,
    attributes: e.attributes ?? {},
    indexes: ((e.indexes ?? []) as Array<string | { name: string; range: string[]; partition?: string[] }>).map((i) =>
      typeof i === 'string' ? { name: i, range: [i] } : { name: i.name, range: i.range, ...(i.partition ? { partition: i.partition } : {}) },
    ),
  }));

  return {
    appId: String(raw.app?.id ?? ''),
    functions,
    uiModules,
    triggers: list('trigger').map((t) => ({
      key: t.key,
      functionKey: String(t.function),
      events: (t.events as string[]) ?? [],
      ignoreSelf: Boolean((t.filter as { ignoreSelf?: boolean } | undefined)?.ignoreSelf),
    })),
    scheduled: list('scheduledTrigger').map((s) => ({ key: s.key, functionKey: String(s.function), interval: s.interval as AppManifest['scheduled'][number]['interval'] })),
    consumers: list('consumer').map((c) => ({ key: c.key, queue: String(c.queue), functionKey: String(c.function) })),
    customFields: list('jira:customField').map((c) => ({ key: c.key, name: String(c.name), type: String(c.type), readOnly: Boolean(c.readOnly) })),
    resources: new Map(((raw.resources ?? []) as Array<{ key: string; path: string }>).map((r) => [r.key, r.path])),
    entities,
    scopes: (raw.permissions?.scopes ?? []) as string[],
  };
}
