import { parseRoleRef, templateSchema, type RoleTemplate, type Template } from '../../shared/templates';
import { keyContactsTemplate } from './key-contacts';
import { onboardingTemplate } from './onboarding';
import { serviceEngagementTemplate } from './service-engagement';

/**
 * The templates shipped with the app. Each is parsed with the shared schema when this module loads, so a typo in a
 * key, an empty translation or a duplicated duty key fails at start-up (and in the unit tests), not in a customer's
 * register. They are frozen: admins change a copy (template-editing.ts), never a built-in.
 */
export const BUILT_IN_TEMPLATES: Template[] = [serviceEngagementTemplate, keyContactsTemplate, onboardingTemplate].map(
  (template) => {
    const parsed = templateSchema.parse(template);
    if (!parsed.builtIn) throw new Error(`Built-in template "${parsed.key}" must be marked builtIn`);
    return deepFreeze(parsed);
  },
);

const duplicate = BUILT_IN_TEMPLATES.map((t) => t.key).find((key, i, all) => all.indexOf(key) !== i);
if (duplicate) throw new Error(`Two built-in templates share the key "${duplicate}"`);

export const BUILT_IN_TEMPLATE_KEYS: readonly string[] = BUILT_IN_TEMPLATES.map((t) => t.key);

export function isBuiltInTemplateKey(key: string): boolean {
  return BUILT_IN_TEMPLATE_KEYS.includes(key);
}

export function findBuiltInTemplate(key: string): Template | undefined {
  return findTemplate(BUILT_IN_TEMPLATES, key);
}

export function findTemplate(templates: readonly Template[], key: string): Template | undefined {
  return templates.find((t) => t.key === key);
}

export function findRole(template: Template, roleKey: string): RoleTemplate | undefined {
  return template.roles.find((r) => r.key === roleKey);
}

/** The template and role a `templateKey/roleKey` reference names among `templates`, or undefined. */
export function resolveRoleRef(templates: readonly Template[], ref: string): { template: Template; role: RoleTemplate } | undefined {
  const parts = parseRoleRef(ref);
  if (!parts) return undefined;
  const template = findTemplate(templates, parts.templateKey);
  const role = template && findRole(template, parts.roleKey);
  return template && role ? { template, role } : undefined;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}
