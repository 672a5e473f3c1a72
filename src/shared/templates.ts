import { z } from 'zod';
import type { SupportedLocale } from './locales';

/**
 * Role templates: the contract the admin page, the panels and storage share. A template lists the roles one side or
 * both sides of an engagement must fill, with the duties of each role and how many people each role needs.
 *
 * Keys are stable identifiers, never shown to people: renaming a role or rewording a duty keeps its key, so the
 * people registered against `templateKey/roleKey` and the ticked duty checklists survive every edit of the texts.
 */

/** Lowercase words joined by single hyphens: `service-owner`, `book-demonstration`. */
export const KEY_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const MAX_KEY_LENGTH = 64;

export const MAX_NAME_LENGTH = 120;
export const MAX_DESCRIPTION_LENGTH = 1000;
export const MAX_DUTY_LENGTH = 400;
/** A ceiling on required and recommended counts, well above any real register, so a typo (200 for 2) is refused. */
export const MAX_ROLE_COUNT = 50;
export const MAX_ROLES_PER_TEMPLATE = 50;
export const MAX_DUTIES_PER_ROLE = 60;

export const keySchema = z
  .string()
  .max(MAX_KEY_LENGTH, `At most ${MAX_KEY_LENGTH} characters`)
  .regex(KEY_PATTERN, 'Lowercase letters and digits in words joined by single hyphens');

function localizedTextOf(max: number) {
  const text = z.string().trim().min(1, 'A text is required in every language').max(max, `At most ${max} characters`);
  return z.object({ 'en-US': text, 'fr-FR': text }).strict();
}

/** The same text in every supported language; none may be empty. */
export type LocalizedText = { [L in SupportedLocale]: string };
export const localizedNameSchema = localizedTextOf(MAX_NAME_LENGTH);
export const localizedDescriptionSchema = localizedTextOf(MAX_DESCRIPTION_LENGTH);
export const localizedDutySchema = localizedTextOf(MAX_DUTY_LENGTH);
// Fails to compile if a locale is added to SUPPORTED_LOCALES and not to the schemas above (or the other way round).
type SameKeys<A, B> = [keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : false) : false;
type Expect<T extends true> = T;
type _LocalesCovered = Expect<SameKeys<z.infer<typeof localizedNameSchema>, LocalizedText>>;

export const SIDES = ['client', 'vendor'] as const;
export type Side = (typeof SIDES)[number];
export const sideSchema = z.enum(SIDES);

/** How the customer runs the product: on the vendor's servers (hosted) or on their own (installed / on-premise). */
export const DEPLOYMENT_TYPES = ['hosted', 'installed'] as const;
export type DeploymentType = (typeof DEPLOYMENT_TYPES)[number];
export const deploymentTypeSchema = z.enum(DEPLOYMENT_TYPES);

/** The kind of onboarding project; AppOps and AppFlow are the managed-application kinds (seed 003). */
export const PROJECT_KINDS = ['standard', 'appops', 'appflow'] as const;
export type ProjectKind = (typeof PROJECT_KINDS)[number];
export const projectKindSchema = z.enum(PROJECT_KINDS);

export const TEMPLATE_KINDS = ['engagement', 'key-contacts', 'onboarding'] as const;
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];
export const templateKindSchema = z.enum(TEMPLATE_KINDS);

export const dutyTemplateSchema = z.object({ key: keySchema, text: localizedDutySchema }).strict();
export type DutyTemplate = z.infer<typeof dutyTemplateSchema>;

function uniqueList<T extends z.ZodTypeAny>(item: T) {
  return z
    .array(item)
    .min(1, 'Leave the list out rather than empty: an empty list would match nothing')
    .refine((list) => new Set(list).size === list.length, 'Each value at most once');
}

/**
 * When a role applies. Every list given must contain the organisation's (or project's) value; a list left out does
 * not restrict. A role conditioned on project kinds does not apply where there is no project (an organisation's own
 * register), since nothing says the project is of that kind.
 */
export const roleConditionSchema = z
  .object({
    deploymentTypes: uniqueList(deploymentTypeSchema).optional(),
    projectKinds: uniqueList(projectKindSchema).optional(),
  })
  .strict();
export type RoleCondition = z.infer<typeof roleConditionSchema>;

const countSchema = z.number().int('A whole number').min(0, 'Zero or more').max(MAX_ROLE_COUNT, `At most ${MAX_ROLE_COUNT}`);

export const roleTemplateSchema = z
  .object({
    key: keySchema,
    side: sideSchema,
    name: localizedNameSchema,
    description: localizedDescriptionSchema,
    duties: z.array(dutyTemplateSchema).max(MAX_DUTIES_PER_ROLE),
    /** The fewest people the role needs; below it the role is missing. 0: the role is optional. */
    required: countSchema,
    /** How many people the role should have (e.g. two, so that one can be on holiday); never below `required`. */
    recommended: countSchema,
    condition: roleConditionSchema.optional(),
    /** When the role is missing, the vendor can offer to do it as a paid (premium) service. */
    premiumServiceWhenMissing: z.boolean(),
    /** The register asks for each holder's name, email and phone. */
    contactDetails: z.boolean(),
    /** The role takes a lead (the whole work, or its technical part: the description says which). */
    leads: z.boolean().optional(),
  })
  .strict()
  .superRefine((role, ctx) => {
    if (role.recommended < role.required) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['recommended'], message: 'The recommended count cannot be below the required count' });
    }
    duplicates(role.duties.map((d) => d.key)).forEach((key) => {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['duties'], message: `Duty key "${key}" is used more than once in role "${role.key}"` });
    });
  });
export type RoleTemplate = z.infer<typeof roleTemplateSchema>;

export const templateSchema = z
  .object({
    key: keySchema,
    kind: templateKindSchema,
    name: localizedNameSchema,
    description: localizedDescriptionSchema,
    roles: z.array(roleTemplateSchema).min(1, 'A template has at least one role').max(MAX_ROLES_PER_TEMPLATE),
    /** Shipped with the app: read-only; admins copy it to change it. */
    builtIn: z.boolean(),
    /** The key of the template this one was copied from. */
    basedOn: keySchema.optional(),
    /** Counts the saved revisions (1 for a new template); storage writes conditional on the version read. */
    version: z.number().int().positive(),
  })
  .strict()
  .superRefine((template, ctx) => {
    duplicates(template.roles.map((r) => r.key)).forEach((key) => {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['roles'], message: `Role key "${key}" is used more than once in template "${template.key}"` });
    });
  });
export type Template = z.infer<typeof templateSchema>;

function duplicates(values: string[]): string[] {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const value of values) (seen.has(value) ? repeated : seen).add(value);
  return [...repeated];
}

/** A person holds a role as `templateKey/roleKey`, e.g. `key-contacts/service-owner`. */
export const roleRefSchema = z
  .string()
  .max(MAX_KEY_LENGTH * 2 + 1)
  .refine((ref) => parseRoleRef(ref) !== null, 'A role reference is "templateKey/roleKey"');
export type RoleRef = string;

export function roleRef(templateKey: string, roleKey: string): RoleRef {
  return `${templateKey}/${roleKey}`;
}

export function parseRoleRef(ref: string): { templateKey: string; roleKey: string } | null {
  const [templateKey, roleKey, extra] = ref.split('/');
  if (extra !== undefined || !templateKey || !roleKey || !KEY_PATTERN.test(templateKey) || !KEY_PATTERN.test(roleKey)) return null;
  return { templateKey, roleKey };
}

/**
 * Why an admin's template edit was refused. Stable codes, like those in errors.ts: the admin page maps each to a
 * message in both languages; a resolver answers them as INVALID_INPUT / FORBIDDEN / NOT_FOUND as it sees fit.
 */
export const TEMPLATE_EDIT_ERROR_CODES = [
  'BUILT_IN_READ_ONLY',
  'DUPLICATE_KEY',
  'UNKNOWN_ROLE',
  'UNKNOWN_DUTY',
  'INVALID_COUNTS',
  'INVALID_INPUT',
] as const;
export type TemplateEditErrorCode = (typeof TEMPLATE_EDIT_ERROR_CODES)[number];

export type TemplateEditResult =
  | { ok: true; template: Template }
  | { ok: false; code: TemplateEditErrorCode; message: string };
