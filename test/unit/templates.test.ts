import {
  BUILT_IN_TEMPLATES,
  findBuiltInTemplate,
  findRole,
  isBuiltInTemplateKey,
  resolveRoleRef,
} from '../../src/domain/templates';
import { SUPPORTED_LOCALES } from '../../src/shared/locales';
import {
  parseRoleRef,
  roleRef,
  templateSchema,
  type LocalizedText,
  type RoleTemplate,
  type Template,
} from '../../src/shared/templates';

/** Every text of a template, named by where it sits, so a failure says which one. */
function textsOf(template: Template): Array<[string, LocalizedText]> {
  return [
    [`${template.key}: name`, template.name],
    [`${template.key}: description`, template.description],
    ...template.roles.flatMap((role): Array<[string, LocalizedText]> => [
      [`${template.key}/${role.key}: name`, role.name],
      [`${template.key}/${role.key}: description`, role.description],
      ...role.duties.map((d): [string, LocalizedText] => [`${template.key}/${role.key}/${d.key}`, d.text]),
    ]),
  ];
}

const allTexts = BUILT_IN_TEMPLATES.flatMap(textsOf);

function role(templateKey: string, roleKey: string): RoleTemplate {
  const template = findBuiltInTemplate(templateKey);
  const found = template && findRole(template, roleKey);
  if (!found) throw new Error(`no built-in role ${templateKey}/${roleKey}`);
  return found;
}

describe('built-in templates', () => {
  it.each(BUILT_IN_TEMPLATES.map((t) => [t.key, t] as const))('%s parses with the shared schema, unchanged', (_key, template) => {
    expect(templateSchema.parse(template)).toEqual(template);
    expect(template.builtIn).toBe(true);
    expect(template.version).toBe(1);
  });

  it('has every text in every supported language, none empty', () => {
    const lacking = allTexts.flatMap(([where, text]) =>
      SUPPORTED_LOCALES.filter((locale) => typeof text[locale] !== 'string' || text[locale].trim() === '').map((l) => `${where} (${l})`),
    );
    expect(allTexts.length).toBeGreaterThan(100);
    expect(lacking).toEqual([]);
  });

  it('has no long text left untranslated: English and French differ', () => {
    const untranslated = allTexts.filter(([, text]) => text['en-US'].length > 15 && text['en-US'] === text['fr-FR']).map(([where]) => where);
    expect(untranslated).toEqual([]);
  });

  it('keeps its keys stable: templates, roles and duties', () => {
    const keys = Object.fromEntries(
      BUILT_IN_TEMPLATES.flatMap((t) => t.roles.map((r) => [roleRef(t.key, r.key), r.duties.map((d) => d.key)])),
    );
    expect(keys).toEqual({
      'service-engagement/engagement-sponsor': [
        'book-demonstration',
        'own-engagement',
        'keep-milestone-schedule',
        'keep-engagement-files',
        'set-strategic-course',
        'lead-change-effort',
        'set-clear-deliverables',
        'approve-changes',
        'resolve-constraints',
        'liaise-with-executives',
      ],
      'service-engagement/engagement-lead': [
        'attend-training',
        'set-up-application-data',
        'prepare-and-run-tests',
        'be-issue-contact',
        'maintain-procedures',
        'train-end-users',
        'troubleshoot-application',
        'update-test-scripts',
        'manage-application-ongoing',
      ],
      'service-engagement/technical-support-staff': [
        'solve-hardware-issues',
        'configure-environments',
        'join-initial-installation',
        'maintain-printer-connections',
        'maintain-security-tables',
        'maintain-databases-test-data',
        'keep-backups',
        'lead-third-parties',
      ],
      'service-engagement/account-manager': [
        'partner-with-client',
        'prescribe-methodology',
        'own-invoicing-and-budget',
        'coordinate-sponsor-communication',
        'set-realistic-expectations',
        'provide-timely-decisions',
        'monitor-methodology',
        'own-client-satisfaction',
      ],
      'service-engagement/service-provider': [
        'coordinate-service-activities',
        'communicate-task-timelines',
        'maintain-planning-boards',
        'escalate-risks',
        'identify-processes',
        'assess-process-gaps',
        'clarify-capabilities',
        'install-software-and-data',
        'train-on-application',
        'scope-machine-connections-reports',
        'scope-software-data-solutions',
        'train-on-backups',
        'review-tests',
        'define-best-practices',
      ],
      'service-engagement/service-coordinator': [
        'coordinate-service-activities',
        'allocate-resources',
        'communicate-task-timelines',
        'set-up-planning-boards',
        'monitor-methodology',
        'escalate-risks',
      ],
      'key-contacts/expert-user': ['use-system-regularly', 'share-system-knowledge'],
      'key-contacts/contract-manager': ['contract-contact', 'invoice-contact', 'arrange-cover'],
      'key-contacts/service-owner': ['own-configuration', 'map-business-processes', 'talk-to-support', 'change-configuration'],
      'key-contacts/operations-technician': [
        'keep-system-running',
        'manage-servers-network',
        'install-upgrades',
        'troubleshoot-infrastructure',
        'test-after-upgrade',
        'perform-maintenance',
      ],
      'onboarding/account-manager': [
        'host-kick-off',
        'define-work',
        'keep-everyone-updated',
        'join-planning-and-reviews',
        'control-budget',
        'check-recurring-billing',
        'run-retrospective',
      ],
      'onboarding/inside-sales': ['general-onboarding'],
      'onboarding/solution-architect': ['define-work-packages', 'technical-communication', 'explain-design'],
      'onboarding/product-owner': ['plan-team-work', 'define-work-packages', 'relay-review-outcomes'],
      'onboarding/technical-project-manager': ['lead-technically', 'coordinate-with-account-manager', 'act-as-product-owner'],
    });
    expect(BUILT_IN_TEMPLATES.map((t) => [t.key, t.kind])).toEqual([
      ['service-engagement', 'engagement'],
      ['key-contacts', 'key-contacts'],
      ['onboarding', 'onboarding'],
    ]);
  });

  it('lists every duty of the English service engagement article, per role', () => {
    const counts = Object.fromEntries(findBuiltInTemplate('service-engagement')!.roles.map((r) => [r.key, r.duties.length]));
    expect(counts).toEqual({
      'engagement-sponsor': 10,
      'engagement-lead': 9,
      'technical-support-staff': 8,
      'account-manager': 8,
      'service-provider': 14,
      'service-coordinator': 6,
    });
  });

  it('writes French for the duties the French article leaves out', () => {
    const french = (roleKey: string, dutyKey: string) =>
      role('service-engagement', roleKey).duties.find((d) => d.key === dutyKey)?.text['fr-FR'];
    expect(french('account-manager', 'monitor-methodology')).toMatch(/^Contrôler que la méthode/);
    expect(
      ['coordinate-service-activities', 'communicate-task-timelines', 'maintain-planning-boards', 'escalate-risks'].map((key) =>
        french('service-provider', key),
      ),
    ).toEqual([
      'Organiser les interventions de service et les échanges qui s’y rattachent.',
      'Tenir à jour les échéanciers des tâches de service et les diffuser.',
      'Tenir à jour les tableaux de planification du projet et les feuilles de temps des tâches.',
      expect.stringMatching(/^Alerter le gestionnaire de compte/),
    ]);
  });

  it('puts the sponsor, lead and technical staff on the client side and the vendor team on the vendor side', () => {
    const sides = findBuiltInTemplate('service-engagement')!.roles.map((r) => `${r.key}:${r.side}`);
    expect(sides).toEqual([
      'engagement-sponsor:client',
      'engagement-lead:client',
      'technical-support-staff:client',
      'account-manager:vendor',
      'service-provider:vendor',
      'service-coordinator:vendor',
    ]);
  });

  it('encodes the key contacts article: counts, installed-only operations technician, premium roles, contact details', () => {
    const summary = findBuiltInTemplate('key-contacts')!.roles.map((r) => ({
      key: r.key,
      required: r.required,
      recommended: r.recommended,
      condition: r.condition,
      premium: r.premiumServiceWhenMissing,
      contactDetails: r.contactDetails,
    }));
    expect(summary).toEqual([
      { key: 'expert-user', required: 1, recommended: 1, condition: undefined, premium: false, contactDetails: true },
      { key: 'contract-manager', required: 1, recommended: 2, condition: undefined, premium: false, contactDetails: true },
      { key: 'service-owner', required: 1, recommended: 2, condition: undefined, premium: true, contactDetails: true },
      { key: 'operations-technician', required: 1, recommended: 1, condition: { deploymentTypes: ['installed'] }, premium: true, contactDetails: true },
    ]);
  });

  it('encodes the onboarding article: the account manager leads, the technical project manager only on AppOps / AppFlow', () => {
    expect(role('onboarding', 'account-manager').leads).toBe(true);
    expect(role('onboarding', 'solution-architect').leads).toBeUndefined();
    expect(role('onboarding', 'technical-project-manager')).toMatchObject({ leads: true, condition: { projectKinds: ['appops', 'appflow'] } });
    expect(role('onboarding', 'inside-sales')).toMatchObject({ required: 0, recommended: 1 });
    expect(role('onboarding', 'account-manager').duties.map((d) => d.text['en-US']).join(' ')).toMatch(/kick-off.*sales order.*retrospective/s);
  });

  it('is frozen, so nobody edits a built-in in place', () => {
    const sponsor = role('service-engagement', 'engagement-sponsor');
    expect(() => {
      sponsor.required = 5;
    }).toThrow(TypeError);
    expect(() => sponsor.duties.push({ key: 'x', text: { 'en-US': 'x', 'fr-FR': 'x' } })).toThrow(TypeError);
    expect(role('service-engagement', 'engagement-sponsor').required).toBe(1);
  });

  it('finds built-ins and role references', () => {
    expect(isBuiltInTemplateKey('key-contacts')).toBe(true);
    expect(isBuiltInTemplateKey('my-copy')).toBe(false);
    expect(resolveRoleRef(BUILT_IN_TEMPLATES, 'key-contacts/service-owner')?.role.name['fr-FR']).toBe('Responsable du service');
    expect(resolveRoleRef(BUILT_IN_TEMPLATES, 'key-contacts/nobody')).toBeUndefined();
    expect(resolveRoleRef(BUILT_IN_TEMPLATES, 'not a ref')).toBeUndefined();
  });
});

describe('template schema', () => {
  const base = (): Template => JSON.parse(JSON.stringify(findBuiltInTemplate('key-contacts'))) as Template;
  const firstRole = (t: Template) => t.roles[0]!;
  const messages = (t: unknown) => {
    const result = templateSchema.safeParse(t);
    return result.success ? [] : result.error.issues.map((i) => i.message);
  };

  it('accepts a faithful copy and trims texts', () => {
    const t = base();
    firstRole(t).name['fr-FR'] = '  Utilisateur expert  ';
    expect(templateSchema.parse(t).roles[0]!.name['fr-FR']).toBe('Utilisateur expert');
  });

  it('refuses a text missing in French or blank', () => {
    const blank = base();
    firstRole(blank).duties[0]!.text['fr-FR'] = '   ';
    expect(messages(blank)).toEqual(['A text is required in every language']);
    const missing = base() as unknown as { description: Record<string, string> };
    delete missing.description['fr-FR'];
    expect(messages(missing)).toHaveLength(1);
  });

  it('refuses a text over its limit', () => {
    const t = base();
    firstRole(t).name['en-US'] = 'x'.repeat(121);
    expect(messages(t)).toEqual(['At most 120 characters']);
  });

  it.each(['Service-Owner', 'service_owner', 'service--owner', '-owner', 'owner-', '', 'x'.repeat(65)])('refuses the key %j', (key) => {
    const t = base();
    firstRole(t).key = key;
    expect(messages(t).length).toBeGreaterThan(0);
  });

  it('refuses two roles with one key, and two duties with one key in a role', () => {
    const roles = base();
    roles.roles[1]!.key = roles.roles[0]!.key;
    expect(messages(roles)).toEqual(['Role key "expert-user" is used more than once in template "key-contacts"']);
    const duties = base();
    firstRole(duties).duties[1]!.key = firstRole(duties).duties[0]!.key;
    expect(messages(duties)).toEqual(['Duty key "use-system-regularly" is used more than once in role "expert-user"']);
  });

  it('allows the same duty key in two roles (each role has its own list)', () => {
    const serviceEngagement = findBuiltInTemplate('service-engagement')!;
    expect(findRole(serviceEngagement, 'service-provider')!.duties.some((d) => d.key === 'escalate-risks')).toBe(true);
    expect(findRole(serviceEngagement, 'service-coordinator')!.duties.some((d) => d.key === 'escalate-risks')).toBe(true);
  });

  it('refuses a recommended count below the required one, and counts that are not whole or negative', () => {
    const below = base();
    Object.assign(firstRole(below), { required: 2, recommended: 1 });
    expect(messages(below)).toEqual(['The recommended count cannot be below the required count']);
    const fraction = base();
    Object.assign(firstRole(fraction), { required: 1.5, recommended: 2 });
    expect(messages(fraction)).toEqual(['A whole number']);
    const negative = base();
    Object.assign(firstRole(negative), { required: -1, recommended: 0 });
    expect(messages(negative)).toEqual(['Zero or more']);
  });

  it('refuses an empty or repeating condition list, and an unknown deployment type', () => {
    for (const condition of [{ deploymentTypes: [] }, { deploymentTypes: ['installed', 'installed'] }, { deploymentTypes: ['cloud'] }]) {
      const t = base() as unknown as { roles: Array<Record<string, unknown>> };
      t.roles[0]!.condition = condition;
      expect(messages(t).length).toBeGreaterThan(0);
    }
  });

  it('refuses unknown fields (strict)', () => {
    const t = { ...base(), colour: 'red' };
    expect(messages(t).length).toBeGreaterThan(0);
  });
});

describe('role references', () => {
  it('joins and splits templateKey/roleKey', () => {
    expect(roleRef('key-contacts', 'service-owner')).toBe('key-contacts/service-owner');
    expect(parseRoleRef('key-contacts/service-owner')).toEqual({ templateKey: 'key-contacts', roleKey: 'service-owner' });
  });

  it.each(['key-contacts', 'key-contacts/', '/service-owner', 'a/b/c', 'Key-Contacts/service-owner'])('refuses %j', (ref) => {
    expect(parseRoleRef(ref)).toBeNull();
  });
});
