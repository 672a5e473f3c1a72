import kvs from '@forge/kvs';
import { BUILT_IN_TEMPLATES, findBuiltInTemplate } from '../domain/templates';
import type { Template } from '../shared/templates';
import { REGISTER_ENTITIES, registerKeys } from './keys';
import { templateRecord, type TemplateRecord } from './register-records';
import { commit, type AuditInput } from './register-transaction';
import { storageError } from './versioned-write';

/**
 * Role templates: the built-in ones come with the code (read-only, never stored); the site's own copies are
 * `role-template` entities. A site keeps at most MAX_CUSTOM_TEMPLATES copies, so listing them is one index page.
 */
export const MAX_CUSTOM_TEMPLATES = 50;

const entity = () => kvs.entity<TemplateRecord>(REGISTER_ENTITIES.template);

/** The site's own templates, by key: one KVS request. */
export async function listCustomTemplates(): Promise<Template[]> {
  try {
    const page = await entity().query().index('by-template-key').limit(MAX_CUSTOM_TEMPLATES).getMany();
    return page.results.map((r) => templateRecord.parse(r.value).template);
  } catch (error) {
    throw storageError(error, '');
  }
}

/** Built-in templates, then the site's own. */
export async function listTemplates(): Promise<Template[]> {
  return [...BUILT_IN_TEMPLATES, ...(await listCustomTemplates())];
}

/**
 * The templates with these keys that exist: built-in ones from the code, the site's own in one batch read (none when
 * every key is built-in). Unknown keys are simply absent from the answer.
 */
export async function readTemplates(templateKeys: readonly string[]): Promise<Template[]> {
  const wanted = [...new Set(templateKeys)];
  const builtIn = wanted.flatMap((k) => findBuiltInTemplate(k) ?? []);
  const custom = wanted.filter((k) => !findBuiltInTemplate(k));
  if (custom.length === 0) return builtIn;
  const found: Template[] = [];
  try {
    for (let i = 0; i < custom.length; i += 25) {
      const batch = await kvs.batchGet<TemplateRecord>(custom.slice(i, i + 25).map((k) => ({ key: registerKeys.template(k), entityName: REGISTER_ENTITIES.template })));
      const trouble = batch.failedKeys.find((f) => f.error.code !== 'KEY_NOT_FOUND');
      if (trouble) throw new Error(`Reading template ${trouble.key} failed: ${trouble.error.code}`);
      found.push(...batch.successfulKeys.map((s) => templateRecord.parse(s.value).template));
    }
  } catch (error) {
    throw storageError(error, '');
  }
  return [...builtIn, ...found];
}

export async function readTemplate(templateKey: string): Promise<Template | null> {
  const builtIn = findBuiltInTemplate(templateKey);
  if (builtIn) return builtIn;
  let stored: unknown;
  try {
    stored = await entity().get(registerKeys.template(templateKey));
  } catch (error) {
    throw storageError(error, '');
  }
  return stored === undefined ? null : templateRecord.parse(stored).template;
}

/**
 * Saves a template the domain edited (template-editing.ts): version 1 creates it (and fails with CONFLICT if the key
 * is taken meanwhile), any later version is written only over `version - 1`, the version the admin read.
 */
export async function saveTemplate(template: Template, actor: string, audit: Pick<AuditInput, 'action' | 'before' | 'after'>): Promise<Template> {
  const record = templateRecord.parse({ schemaVersion: 1, version: template.version, key: template.key, template, updatedAt: new Date().toISOString(), updatedBy: actor });
  await commit(
    {
      sets: [
        {
          entityName: REGISTER_ENTITIES.template,
          key: registerKeys.template(template.key),
          value: record,
          condition: template.version === 1 ? { kind: 'absent' } : { kind: 'version', version: template.version - 1 },
        },
      ],
      audits: [{ subject: registerKeys.templateAuditSubject(template.key), actor, ...audit }],
    },
    template.version === 1 ? `A template with the key "${template.key}" already exists.` : undefined,
  );
  return record.template;
}
