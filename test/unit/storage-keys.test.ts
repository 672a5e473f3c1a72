import { InvalidKeyPartError, keys } from '../../src/storage/keys';

const FORGE_KEY = /^(?!\s+$)[a-zA-Z0-9:._\s\-#]+$/;

describe('storage keys', () => {
  it('keys an engagement by the issue id, which survives a move to another project', () => {
    expect(keys.engagement('10042')).toBe('eng:10042');
    expect(() => keys.engagement('PS-42')).toThrow(InvalidKeyPartError);
  });

  it('keeps Atlassian account ids with a colon apart from the separator', () => {
    const a = keys.preferences('712020:5e1d0c00-0000-4000-8000-000000000001');
    expect(a).toBe('pref:712020#5e1d0c00-0000-4000-8000-000000000001');
    expect(a.split(':')).toHaveLength(2);
    expect(a).toMatch(FORGE_KEY);
  });

  it('builds audit keys that sort by time within a subject and pass Forge key rules', () => {
    const earlier = keys.audit('issue.10042', '2026-11-28T09:00:00.000Z', 'ab12');
    const later = keys.audit('issue.10042', '2026-11-28T10:00:00.000Z', '0000');
    expect(earlier < later).toBe(true);
    expect(earlier).toMatch(FORGE_KEY);
  });

  it.each(['', '   ', 'a/b', 'é', 'x'.repeat(600)])('refuses %j as a key part', (bad) => {
    expect(() => keys.preferences(bad)).toThrow(InvalidKeyPartError);
  });
});
