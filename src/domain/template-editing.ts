import {
  MAX_ROLE_COUNT,
  keySchema,
  templateSchema,
  type DutyTemplate,
  type LocalizedText,
  type RoleCondition,
  type RoleTemplate,
  type Side,
  type Template,
  type TemplateEditErrorCode,
  type TemplateEditResult,
} from '../shared/templates';
import { BUILT_IN_TEMPLATE_KEYS } from './templates';

/**
 * What an admin does to role templates, as pure functions: each takes a template and answers either the edited
 * template or a typed failure; the input is never changed. Built-in templates are read-only: they are copied, and the
 * copy is edited.
 *
 * Keys never change once given: renaming a role or rewording a duty keeps its key, so the people registered against
 * it and the checklists that tick its duties keep pointing at it. Removing a role or a duty does not touch registers or
 * checklists that still name it; coverage ignores roles a template no longer has, and whoever stores the checklists
 * decides what to show for a removed duty.
 *
 * Every successful edit answers `version + 1`. Storage still writes conditional on the version the admin read (the
 * input's), so two admins editing the same copy at once cannot silently overwrite each other.
 *
 * Every result is parsed with the shared schema, so text limits, both languages and key rules are enforced here the
 * same way the resolver and storage enforce them; a text that breaks them is INVALID_INPUT.
 */

export type TemplateEditFailure = Extract<TemplateEditResult, { ok: false }>;

function fail(code: TemplateEditErrorCode, message: string): TemplateEditFailure {
  return { ok: false, code, message };
}

function isFailure(value: unknown): value is TemplateEditFailure {
  return typeof value === 'object' && value !== null && 'ok' in value && (value as { ok: unknown }).ok === false;
}

/** Parses a candidate template; a schema failure becomes INVALID_INPUT naming the first problem and where it is. */
function validated(candidate: Template): TemplateEditResult {
  const parsed = templateSchema.safeParse(candidate);
  if (parsed.success) return { ok: true, template: parsed.data };
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  return fail('INVALID_INPUT', `${where}${issue?.message ?? 'Invalid template'}`);
}

function editable(template: Template, change: (template: Template) => Template | TemplateEditFailure): TemplateEditResult {
  if (template.builtIn) {
    return fail('BUILT_IN_READ_ONLY', `"${template.key}" comes with the app and cannot be changed; copy it and edit the copy.`);
  }
  const next = change(template);
  if (isFailure(next)) return next;
  return validated({ ...next, version: template.version + 1 });
}

function withRole(
  template: Template,
  roleKey: string,
  change: (role: RoleTemplate) => RoleTemplate | TemplateEditFailure,
): TemplateEditResult {
  return editable(template, (t) => {
    const role = t.roles.find((r) => r.key === roleKey);
    if (!role) return fail('UNKNOWN_ROLE', `Template "${t.key}" has no role "${roleKey}".`);
    const changed = change(role);
    if (isFailure(changed)) return changed;
    return { ...t, roles: t.roles.map((r) => (r.key === roleKey ? changed : r)) };
  });
}

function withDuty(
  template: Template,
  roleKey: string,
  dutyKey: string,
  change: (duties: DutyTemplate[], index: number) => DutyTemplate[],
): TemplateEditResult {
  return withRole(template, roleKey, (role) => {
    const index = role.duties.findIndex((d) => d.key === dutyKey);
    if (index < 0) return fail('UNKNOWN_DUTY', `Role "${roleKey}" has no duty "${dutyKey}".`);
    return { ...role, duties: change(role.duties, index) };
  });
}

/**
 * A new, editable template with the source's roles and duties (keys kept, so a copy's role is recognisably the
 * built-in one it came from). `takenKeys` are the keys of the site's other templates; built-in keys are always taken.
 */
export function copyTemplate(source: Template, newKey: string, newName: LocalizedText, takenKeys: readonly string[] = []): TemplateEditResult {
  if (!keySchema.safeParse(newKey).success) {
    return fail('INVALID_INPUT', `"${newKey}" is not a valid key: lowercase letters and digits in words joined by hyphens.`);
  }
  if (newKey === source.key || BUILT_IN_TEMPLATE_KEYS.includes(newKey) || takenKeys.includes(newKey)) {
    return fail('DUPLICATE_KEY', `A template with the key "${newKey}" already exists.`);
  }
  return validated({ ...source, key: newKey, name: newName, builtIn: false, basedOn: source.key, version: 1 });
}

export function renameTemplate(template: Template, name: LocalizedText): TemplateEditResult {
  return editable(template, (t) => ({ ...t, name }));
}

export function setTemplateDescription(template: Template, description: LocalizedText): TemplateEditResult {
  return editable(template, (t) => ({ ...t, description }));
}

/** Changes the role's name in both languages; its key stays, so the people holding it keep it. */
export function renameRole(template: Template, roleKey: string, name: LocalizedText): TemplateEditResult {
  return withRole(template, roleKey, (role) => ({ ...role, name }));
}

export function setRoleDescription(template: Template, roleKey: string, description: LocalizedText): TemplateEditResult {
  return withRole(template, roleKey, (role) => ({ ...role, description }));
}

/** Appends a duty; its key is made from the English text and made unique within the role. */
export function addDuty(template: Template, roleKey: string, text: LocalizedText): TemplateEditResult {
  return withRole(template, roleKey, (role) => {
    const key = uniqueKey(keyFromText(text['en-US'], 'duty'), role.duties.map((d) => d.key));
    return { ...role, duties: [...role.duties, { key, text }] };
  });
}

export function editDuty(template: Template, roleKey: string, dutyKey: string, text: LocalizedText): TemplateEditResult {
  return withDuty(template, roleKey, dutyKey, (duties, index) => duties.map((d, i) => (i === index ? { ...d, text } : d)));
}

export function removeDuty(template: Template, roleKey: string, dutyKey: string): TemplateEditResult {
  return withDuty(template, roleKey, dutyKey, (duties, index) => duties.filter((_, i) => i !== index));
}

export interface NewRole {
  /** Left out: made from the English name (and made unique). Given: must be free, or DUPLICATE_KEY. */
  key?: string;
  side: Side;
  name: LocalizedText;
  description: LocalizedText;
  /** Default 0 (optional role). */
  required?: number;
  /** Default: the required count. */
  recommended?: number;
  condition?: RoleCondition;
  /** Default false. */
  premiumServiceWhenMissing?: boolean;
  /** Default true: registers usually need to reach the people they list. */
  contactDetails?: boolean;
  leads?: boolean;
}

/** Appends a role without duties (add them with addDuty). */
export function addRole(template: Template, input: NewRole): TemplateEditResult {
  return editable(template, (t) => {
    const taken = t.roles.map((r) => r.key);
    let key: string;
    if (input.key !== undefined) {
      if (!keySchema.safeParse(input.key).success) {
        return fail('INVALID_INPUT', `"${input.key}" is not a valid key: lowercase letters and digits in words joined by hyphens.`);
      }
      if (taken.includes(input.key)) return fail('DUPLICATE_KEY', `Template "${t.key}" already has a role "${input.key}".`);
      key = input.key;
    } else {
      key = uniqueKey(keyFromText(input.name['en-US'], 'role'), taken);
    }
    const required = input.required ?? 0;
    const recommended = input.recommended ?? required;
    const countProblem = checkCounts(required, recommended);
    if (countProblem) return countProblem;
    const condition = input.condition === undefined ? undefined : normaliseCondition(input.condition);
    const role: RoleTemplate = {
      key,
      side: input.side,
      name: input.name,
      description: input.description,
      duties: [],
      required,
      recommended,
      ...(condition ? { condition } : {}),
      premiumServiceWhenMissing: input.premiumServiceWhenMissing ?? false,
      contactDetails: input.contactDetails ?? true,
      ...(input.leads !== undefined ? { leads: input.leads } : {}),
    };
    return { ...t, roles: [...t.roles, role] };
  });
}

/** Removes a role and its duties. A template keeps at least one role (INVALID_INPUT otherwise). */
export function removeRole(template: Template, roleKey: string): TemplateEditResult {
  return editable(template, (t) => {
    if (!t.roles.some((r) => r.key === roleKey)) return fail('UNKNOWN_ROLE', `Template "${t.key}" has no role "${roleKey}".`);
    return { ...t, roles: t.roles.filter((r) => r.key !== roleKey) };
  });
}

/** Sets how many people the role needs at least (required) and should have (recommended ≥ required). */
export function setCounts(template: Template, roleKey: string, counts: { required: number; recommended: number }): TemplateEditResult {
  return withRole(template, roleKey, (role) => checkCounts(counts.required, counts.recommended) ?? { ...role, ...counts });
}

/**
 * Sets when the role applies. Repeated values are dropped, an empty list means "no restriction on that" and is left
 * out, and a condition with no list left is removed: the role then always applies. `undefined` removes it too.
 */
export function setCondition(template: Template, roleKey: string, condition: RoleCondition | undefined): TemplateEditResult {
  return withRole(template, roleKey, (role) => {
    const { condition: _old, ...rest } = role;
    const next = condition === undefined ? undefined : normaliseCondition(condition);
    return next ? { ...rest, condition: next } : rest;
  });
}

/** Whether a missing role is shown as an opportunity to sell it as a premium service. */
export function setPremium(template: Template, roleKey: string, premiumServiceWhenMissing: boolean): TemplateEditResult {
  return withRole(template, roleKey, (role) => ({ ...role, premiumServiceWhenMissing }));
}

function checkCounts(required: number, recommended: number): TemplateEditFailure | undefined {
  const valid = (n: number) => Number.isInteger(n) && n >= 0 && n <= MAX_ROLE_COUNT;
  if (!valid(required) || !valid(recommended)) {
    return fail('INVALID_COUNTS', `Counts are whole numbers from 0 to ${MAX_ROLE_COUNT}.`);
  }
  if (recommended < required) {
    return fail('INVALID_COUNTS', `The recommended count (${recommended}) cannot be below the required count (${required}).`);
  }
  return undefined;
}

function normaliseCondition(condition: RoleCondition): RoleCondition | undefined {
  const deploymentTypes = condition.deploymentTypes && [...new Set(condition.deploymentTypes)];
  const projectKinds = condition.projectKinds && [...new Set(condition.projectKinds)];
  const next: RoleCondition = {
    ...(deploymentTypes && deploymentTypes.length > 0 ? { deploymentTypes } : {}),
    ...(projectKinds && projectKinds.length > 0 ? { projectKinds } : {}),
  };
  return Object.keys(next).length > 0 ? next : undefined;
}

/** Short enough that any "-n" suffix keeps a key well under MAX_KEY_LENGTH (64). */
const KEY_STEM_LENGTH = 40;

/**
 * A key from a text: accents dropped, lowercase, words joined by hyphens, cut at a word boundary so it stays short.
 * A text with no usable letter (e.g. only punctuation) gives `fallback`.
 */
export function keyFromText(text: string, fallback: string): string {
  const words = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  let key = '';
  for (const word of words) {
    const next = key ? `${key}-${word}` : word;
    if (next.length > KEY_STEM_LENGTH) break;
    key = next;
  }
  if (!key && words[0]) key = words[0].slice(0, KEY_STEM_LENGTH);
  return key || fallback;
}

/** `stem` if free, else `stem-2`, `stem-3`, … */
export function uniqueKey(stem: string, taken: readonly string[]): string {
  if (!taken.includes(stem)) return stem;
  for (let n = 2; ; n += 1) {
    const candidate = `${stem}-${n}`;
    if (!taken.includes(candidate)) return candidate;
  }
}

