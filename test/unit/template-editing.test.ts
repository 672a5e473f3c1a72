import {
  addDuty,
  addRole,
  copyTemplate,
  editDuty,
  keyFromText,
  removeDuty,
  removeRole,
  renameRole,
  renameTemplate,
  setCondition,
  setCounts,
  setPremium,
  setRoleDescription,
  setTemplateDescription,
  uniqueKey,
} from '../../src/domain/template-editing';
import { findBuiltInTemplate } from '../../src/domain/templates';
import type { LocalizedText, RoleTemplate, Template, TemplateEditResult } from '../../src/shared/templates';

const t = (en: string, fr: string): LocalizedText => ({ 'en-US': en, 'fr-FR': fr });
const builtIn = (key: string): Template => findBuiltInTemplate(key)!;

function ok(result: TemplateEditResult): Template {
  if (!result.ok) throw new Error(`expected success, got ${result.code}: ${result.message}`);
  return result.template;
}

function failure(result: TemplateEditResult): { code: string; message: string } {
  if (result.ok) throw new Error('expected a failure');
  return { code: result.code, message: result.message };
}

function role(template: Template, key: string): RoleTemplate {
  const found = template.roles.find((r) => r.key === key);
  if (!found) throw new Error(`no role ${key}`);
  return found;
}

/** An editable copy of the key contacts template, version 1. */
const copy = (): Template => ok(copyTemplate(builtIn('key-contacts'), 'acme-contacts', t('ACME contacts', 'Contacts ACME')));

describe('copyTemplate', () => {
  it('makes an editable copy: not built in, based on the source, version 1, roles and duty keys kept', () => {
    const source = builtIn('key-contacts');
    const result = copy();
    expect(result).toMatchObject({ key: 'acme-contacts', builtIn: false, basedOn: 'key-contacts', version: 1 });
    expect(result.name).toEqual({ 'en-US': 'ACME contacts', 'fr-FR': 'Contacts ACME' });
    expect(result.roles.map((r) => [r.key, r.duties.map((d) => d.key)])).toEqual(source.roles.map((r) => [r.key, r.duties.map((d) => d.key)]));
  });

  it('gives a copy that can be changed without touching the built-in', () => {
    const edited = ok(setCounts(copy(), 'expert-user', { required: 2, recommended: 3 }));
    expect(role(edited, 'expert-user')).toMatchObject({ required: 2, recommended: 3 });
    expect(role(builtIn('key-contacts'), 'expert-user')).toMatchObject({ required: 1, recommended: 1 });
  });

  it('copies a copy, pointing at its direct source', () => {
    expect(ok(copyTemplate(copy(), 'acme-contacts-2', t('ACME 2', 'ACME 2 (fr)'))).basedOn).toBe('acme-contacts');
  });

  it.each([
    ['the source key', 'key-contacts'],
    ['another built-in key', 'onboarding'],
    ['a key the site already uses', 'taken-one'],
  ])('refuses %s as DUPLICATE_KEY', (_what, key) => {
    expect(failure(copyTemplate(builtIn('key-contacts'), key, t('Name', 'Nom'), ['taken-one'])).code).toBe('DUPLICATE_KEY');
  });

  it('refuses a malformed key or a name missing a language as INVALID_INPUT', () => {
    expect(failure(copyTemplate(builtIn('key-contacts'), 'ACME Contacts', t('Name', 'Nom'))).code).toBe('INVALID_INPUT');
    expect(failure(copyTemplate(builtIn('key-contacts'), 'acme', t('Name', ' ')))).toEqual({
      code: 'INVALID_INPUT',
      message: 'name.fr-FR: A text is required in every language',
    });
  });
});

describe('built-in templates are read-only', () => {
  const key = builtIn('key-contacts');
  it.each<[string, () => TemplateEditResult]>([
    ['renameTemplate', () => renameTemplate(key, t('X name', 'Nom X'))],
    ['setTemplateDescription', () => setTemplateDescription(key, t('X description', 'Description X'))],
    ['renameRole', () => renameRole(key, 'expert-user', t('Power user', 'Super utilisateur'))],
    ['setRoleDescription', () => setRoleDescription(key, 'expert-user', t('A description', 'Une description'))],
    ['addDuty', () => addDuty(key, 'expert-user', t('Test releases', 'Tester les versions'))],
    ['editDuty', () => editDuty(key, 'expert-user', 'use-system-regularly', t('Use it', 'L’utiliser'))],
    ['removeDuty', () => removeDuty(key, 'expert-user', 'use-system-regularly')],
    ['addRole', () => addRole(key, { side: 'client', name: t('Trainer', 'Formateur'), description: t('Trains', 'Forme') })],
    ['removeRole', () => removeRole(key, 'expert-user')],
    ['setCounts', () => setCounts(key, 'expert-user', { required: 2, recommended: 2 })],
    ['setCondition', () => setCondition(key, 'expert-user', { deploymentTypes: ['hosted'] })],
    ['setPremium', () => setPremium(key, 'expert-user', true)],
  ])('%s answers BUILT_IN_READ_ONLY', (_name, edit) => {
    expect(failure(edit()).code).toBe('BUILT_IN_READ_ONLY');
    expect(role(builtIn('key-contacts'), 'expert-user')).toMatchObject({ required: 1, premiumServiceWhenMissing: false });
  });
});

describe('editing a copy', () => {
  it('bumps the version once per edit and leaves the input as it was', () => {
    const before = copy();
    const snapshot = JSON.stringify(before);
    const after = ok(setPremium(before, 'expert-user', true));
    expect(after.version).toBe(2);
    expect(ok(setPremium(after, 'expert-user', false)).version).toBe(3);
    expect(JSON.stringify(before)).toBe(snapshot);
  });

  it('renames the template and changes its description', () => {
    const renamed = ok(renameTemplate(copy(), t('ACME people', 'Personnes ACME')));
    expect(renamed.name).toEqual({ 'en-US': 'ACME people', 'fr-FR': 'Personnes ACME' });
    const described = ok(setTemplateDescription(renamed, t('Who is who at ACME.', 'Qui fait quoi chez ACME.')));
    expect(described.description['fr-FR']).toBe('Qui fait quoi chez ACME.');
  });

  it('renames a role in both languages and keeps its key', () => {
    const result = ok(renameRole(copy(), 'service-owner', t('  System owner ', 'Propriétaire du système')));
    expect(role(result, 'service-owner').name).toEqual({ 'en-US': 'System owner', 'fr-FR': 'Propriétaire du système' });
    expect(result.roles.map((r) => r.key)).toEqual(copy().roles.map((r) => r.key));
  });

  it('refuses a role name without French, and an unknown role', () => {
    expect(failure(renameRole(copy(), 'service-owner', t('System owner', '')))).toEqual({
      code: 'INVALID_INPUT',
      message: 'roles.2.name.fr-FR: A text is required in every language',
    });
    expect(failure(renameRole(copy(), 'nobody', t('A', 'B'))).code).toBe('UNKNOWN_ROLE');
  });

  it('changes a role description', () => {
    const result = ok(setRoleDescription(copy(), 'expert-user', t('Knows the system best.', 'Connaît le mieux le système.')));
    expect(role(result, 'expert-user').description['en-US']).toBe('Knows the system best.');
    expect(failure(setRoleDescription(copy(), 'expert-user', t('x'.repeat(1001), 'y'))).code).toBe('INVALID_INPUT');
  });

  it('adds a duty with a key made from the English text, unique within the role', () => {
    const once = ok(addDuty(copy(), 'expert-user', t('Test each new release!', 'Tester chaque nouvelle version !')));
    const twice = ok(addDuty(once, 'expert-user', t('Test each new release', 'Tester chaque version')));
    const duties = role(twice, 'expert-user').duties;
    expect(duties.map((d) => d.key)).toEqual(['use-system-regularly', 'share-system-knowledge', 'test-each-new-release', 'test-each-new-release-2']);
    expect(duties[2]!.text).toEqual({ 'en-US': 'Test each new release!', 'fr-FR': 'Tester chaque nouvelle version !' });
  });

  it('refuses a duty without both languages, or on an unknown role', () => {
    expect(failure(addDuty(copy(), 'expert-user', t('Only English', '  '))).code).toBe('INVALID_INPUT');
    expect(failure(addDuty(copy(), 'nobody', t('A duty', 'Une tâche'))).code).toBe('UNKNOWN_ROLE');
  });

  it('edits a duty text and keeps its key and place', () => {
    const result = ok(editDuty(copy(), 'contract-manager', 'invoice-contact', t('Handle invoices.', 'Traiter les factures.')));
    const duties = role(result, 'contract-manager').duties;
    expect(duties.map((d) => d.key)).toEqual(['contract-contact', 'invoice-contact', 'arrange-cover']);
    expect(duties[1]!.text['fr-FR']).toBe('Traiter les factures.');
  });

  it('removes a duty', () => {
    const result = ok(removeDuty(copy(), 'contract-manager', 'arrange-cover'));
    expect(role(result, 'contract-manager').duties.map((d) => d.key)).toEqual(['contract-contact', 'invoice-contact']);
  });

  it('answers UNKNOWN_DUTY and UNKNOWN_ROLE for duties that are not there', () => {
    expect(failure(editDuty(copy(), 'contract-manager', 'nope', t('A', 'B'))).code).toBe('UNKNOWN_DUTY');
    expect(failure(removeDuty(copy(), 'contract-manager', 'nope')).code).toBe('UNKNOWN_DUTY');
    expect(failure(removeDuty(copy(), 'nobody', 'arrange-cover')).code).toBe('UNKNOWN_ROLE');
  });

  it('adds a role with defaults and a key from its English name', () => {
    const result = ok(addRole(copy(), { side: 'client', name: t('Data Protection Officer', 'Délégué à la protection des données'), description: t('Handles personal data requests.', 'Traite les demandes sur les données personnelles.') }));
    expect(role(result, 'data-protection-officer')).toEqual({
      key: 'data-protection-officer',
      side: 'client',
      name: { 'en-US': 'Data Protection Officer', 'fr-FR': 'Délégué à la protection des données' },
      description: { 'en-US': 'Handles personal data requests.', 'fr-FR': 'Traite les demandes sur les données personnelles.' },
      duties: [],
      required: 0,
      recommended: 0,
      premiumServiceWhenMissing: false,
      contactDetails: true,
    });
  });

  it('adds a role with an explicit key, counts and condition; refuses a taken key or bad counts', () => {
    const input = {
      key: 'dba',
      side: 'client' as const,
      name: t('Database administrator', 'Administrateur de bases de données'),
      description: t('Looks after the database.', 'S’occupe de la base de données.'),
      required: 1,
      recommended: 2,
      condition: { deploymentTypes: ['installed' as const] },
      premiumServiceWhenMissing: true,
    };
    const result = ok(addRole(copy(), input));
    expect(role(result, 'dba')).toMatchObject({ required: 1, recommended: 2, condition: { deploymentTypes: ['installed'] }, premiumServiceWhenMissing: true });
    expect(failure(addRole(copy(), { ...input, key: 'service-owner' })).code).toBe('DUPLICATE_KEY');
    expect(failure(addRole(copy(), { ...input, required: 3 })).code).toBe('INVALID_COUNTS');
    expect(failure(addRole(copy(), { ...input, key: 'Bad Key' })).code).toBe('INVALID_INPUT');
  });

  it('makes a generated role key unique', () => {
    const result = ok(addRole(copy(), { side: 'client', name: t('Service owner', 'Responsable du service'), description: t('Second list.', 'Deuxième liste.') }));
    expect(result.roles.map((r) => r.key)).toContain('service-owner-2');
  });

  it('removes a role, but never the last one', () => {
    const result = ok(removeRole(copy(), 'operations-technician'));
    expect(result.roles.map((r) => r.key)).toEqual(['expert-user', 'contract-manager', 'service-owner']);
    expect(failure(removeRole(copy(), 'nobody')).code).toBe('UNKNOWN_ROLE');
    let shrinking = copy();
    for (const key of ['expert-user', 'contract-manager', 'service-owner']) shrinking = ok(removeRole(shrinking, key));
    expect(failure(removeRole(shrinking, 'operations-technician'))).toEqual({ code: 'INVALID_INPUT', message: 'roles: A template has at least one role' });
  });

  it('sets counts, refusing recommended below required and counts out of range', () => {
    expect(role(ok(setCounts(copy(), 'expert-user', { required: 2, recommended: 4 })), 'expert-user')).toMatchObject({ required: 2, recommended: 4 });
    expect(role(ok(setCounts(copy(), 'expert-user', { required: 0, recommended: 0 })), 'expert-user')).toMatchObject({ required: 0, recommended: 0 });
    expect(failure(setCounts(copy(), 'expert-user', { required: 2, recommended: 1 }))).toEqual({
      code: 'INVALID_COUNTS',
      message: 'The recommended count (1) cannot be below the required count (2).',
    });
    for (const counts of [{ required: -1, recommended: 1 }, { required: 1.5, recommended: 2 }, { required: 1, recommended: 51 }]) {
      expect(failure(setCounts(copy(), 'expert-user', counts)).code).toBe('INVALID_COUNTS');
    }
    expect(failure(setCounts(copy(), 'nobody', { required: 1, recommended: 1 })).code).toBe('UNKNOWN_ROLE');
  });

  it('sets, normalises and removes a condition', () => {
    const set = ok(setCondition(copy(), 'service-owner', { deploymentTypes: ['hosted', 'hosted'], projectKinds: [] }));
    expect(role(set, 'service-owner').condition).toEqual({ deploymentTypes: ['hosted'] });
    const both = ok(setCondition(set, 'service-owner', { deploymentTypes: ['installed'], projectKinds: ['appops', 'appflow'] }));
    expect(role(both, 'service-owner').condition).toEqual({ deploymentTypes: ['installed'], projectKinds: ['appops', 'appflow'] });
    expect(role(ok(setCondition(both, 'service-owner', undefined)), 'service-owner')).not.toHaveProperty('condition');
    expect(role(ok(setCondition(both, 'service-owner', { deploymentTypes: [] })), 'service-owner')).not.toHaveProperty('condition');
    expect(role(ok(setCondition(copy(), 'operations-technician', undefined)), 'operations-technician')).not.toHaveProperty('condition');
  });

  it('refuses a condition value that does not exist', () => {
    const bad = { deploymentTypes: ['cloud'] } as unknown as Parameters<typeof setCondition>[2];
    expect(failure(setCondition(copy(), 'service-owner', bad)).code).toBe('INVALID_INPUT');
  });

  it('sets and clears the premium-service flag', () => {
    const on = ok(setPremium(copy(), 'contract-manager', true));
    expect(role(on, 'contract-manager').premiumServiceWhenMissing).toBe(true);
    expect(role(ok(setPremium(on, 'contract-manager', false)), 'contract-manager').premiumServiceWhenMissing).toBe(false);
    expect(failure(setPremium(copy(), 'nobody', true)).code).toBe('UNKNOWN_ROLE');
  });
});

describe('key helpers', () => {
  it('makes a key from a text: accents dropped, lowercase, cut at a word within 40 characters', () => {
    expect(keyFromText('Vérifier la facturation récurrente', 'duty')).toBe('verifier-la-facturation-recurrente');
    expect(keyFromText('Organise and run a kick-off meeting with the customer and engineers', 'duty')).toBe('organise-and-run-a-kick-off-meeting-with');
    expect(keyFromText('!!!', 'duty')).toBe('duty');
    expect(keyFromText('x'.repeat(70), 'duty')).toBe('x'.repeat(40));
  });

  it('numbers a key that is taken', () => {
    expect(uniqueKey('review', [])).toBe('review');
    expect(uniqueKey('review', ['review', 'review-2'])).toBe('review-3');
  });
});
