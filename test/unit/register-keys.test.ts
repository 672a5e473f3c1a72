import { InvalidKeyPartError, REGISTER_ENTITIES, registerKeys } from '../../src/storage/keys';

const FORGE_KEY = /^(?!\s+$)[a-zA-Z0-9:._\s\-#]+$/;

describe('register storage keys', () => {
  it('keys registers, templates, proposals and contacts with one separator and Forge-valid characters', () => {
    const built = [
      registerKeys.register('jsm-3'),
      registerKeys.template('key-contacts-gold'),
      registerKeys.proposal('org-1a2b3c4d', 'pr-0123456789ab'),
      registerKeys.contact('jsm-3', 'p-1a2b3c4d'),
    ];
    expect(built).toEqual(['reg:jsm-3', 'tpl:key-contacts-gold', 'prop:org-1a2b3c4d:pr-0123456789ab', 'contact:jsm-3:p-1a2b3c4d']);
    for (const key of built) expect(key).toMatch(FORGE_KEY);
  });

  it('names the audit subjects that register and template histories are read by', () => {
    expect(registerKeys.auditSubject('jsm-3')).toBe('register.jsm-3');
    expect(registerKeys.templateAuditSubject('key-contacts-gold')).toBe('template.key-contacts-gold');
  });

  it.each(['', ' ', 'a:b', 'a/b', 'é'])('refuses %j as an id in a key', (bad) => {
    expect(() => registerKeys.register(bad)).toThrow(InvalidKeyPartError);
    expect(() => registerKeys.contact('jsm-1', bad)).toThrow(InvalidKeyPartError);
  });

  it('uses entity names within Forge’s 3 to 60 characters', () => {
    for (const name of Object.values(REGISTER_ENTITIES)) expect(name).toMatch(/^[a-z0-9:._-]{3,60}$/);
  });
});
