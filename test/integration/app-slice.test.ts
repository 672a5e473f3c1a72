/**
 * The first slice of the app, end to end on the sandbox with the real @forge/resolver, @forge/kvs, @forge/api and
 * @forge/events: each surface answers who is asking from the trusted context, checks permissions as that user, and
 * reads and writes real records. No @forge module is mocked.
 */
import type { ForgeHost } from '../../sandbox/runtime/host';
import { accountOf, assertContracts, invoke, kvsWritesSince, startTestHost } from '../support/sandbox';

let host: ForgeHost;
beforeAll(async () => {
  host = await startTestHost('empty');
});
afterAll(async () => host.close());
afterAll(() => assertContracts(host));

describe('admin page', () => {
  it('shows the defaults from the seed articles before anything is saved', async () => {
    const answer = await invoke(host, 'admin', 'settings/get', 'admin');
    expect(answer).toEqual({
      ok: true,
      body: {
        viewer: { accountId: accountOf('admin'), preferredLocale: null, preferencesVersion: 0 },
        settings: { sowThresholdHours: 8, siteLocale: 'en-US', version: 0, updatedAt: null, updatedBy: null },
      },
    });
  });

  it('saves settings, records who did it, and reads them back', async () => {
    const saved = await invoke(host, 'admin', 'settings/update', 'admin', { sowThresholdHours: 12, siteLocale: 'fr-FR', expectedVersion: 0 });
    expect(saved.ok).toBe(true);
    const read = await invoke(host, 'admin', 'settings/get', 'admin');
    expect(read.body.settings).toMatchObject({ sowThresholdHours: 12, siteLocale: 'fr-FR', version: 1, updatedBy: accountOf('admin') });
  });

  it('refuses a save based on an old version with CONFLICT and keeps the newer value', async () => {
    const stale = await invoke(host, 'admin', 'settings/update', 'admin', { sowThresholdHours: 4, siteLocale: 'en-US', expectedVersion: 0 });
    expect(stale).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect((await invoke(host, 'admin', 'settings/get', 'admin')).body.settings).toMatchObject({ sowThresholdHours: 12, version: 1 });
  });

  it.each([
    ['a negative threshold', { sowThresholdHours: -1, siteLocale: 'en-US', expectedVersion: 1 }],
    ['an unsupported language', { sowThresholdHours: 8, siteLocale: 'de-DE', expectedVersion: 1 }],
    ['an unknown field', { sowThresholdHours: 8, siteLocale: 'en-US', expectedVersion: 1, isAdmin: true }],
    ['no payload at all', undefined],
  ])('answers INVALID_INPUT for %s and writes nothing', async (_what, payload) => {
    const seq = host.log.since(0).next;
    const answer = await invoke(host, 'admin', 'settings/update', 'admin', payload);
    expect(answer).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(kvsWritesSince(host, seq)).toBe(0);
    expect((await invoke(host, 'admin', 'settings/get', 'admin')).body.settings).toMatchObject({ sowThresholdHours: 12, version: 1 });
  });

  it.each(['agent', 'lead', 'partner'] as const)('is closed to a %s, who is not a Jira admin', async (who) => {
    expect(await invoke(host, 'admin', 'settings/get', who)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const seq = host.log.since(0).next;
    expect(await invoke(host, 'admin', 'settings/update', who, { sowThresholdHours: 1, siteLocale: 'en-US', expectedVersion: 1 })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(kvsWritesSince(host, seq)).toBe(0);
  });

  it('cannot be reached from another surface: the issue panel has no settings operation', async () => {
    await expect(invoke(host, 'issue-panel', 'settings/update', 'admin', { sowThresholdHours: 1, siteLocale: 'en-US', expectedVersion: 1 })).rejects.toThrow(
      /FUNCTION_ERROR: Resolver has no definition for 'settings\/update'/,
    );
  });
});

describe('issue panel', () => {
  let issue: { id: string; key: string };
  beforeAll(() => {
    const row = host.jiraStore.addIssue('PS', {
      summary: 'Request for Implementation services for End Customer Contoso Foods',
      reporterAccountId: accountOf('partner'),
      organization: 'Northwind Partners',
    });
    issue = { id: row.id, key: row.key };
  });

  it('shows an agent the issue with no engagement yet, and that they may edit it', async () => {
    const answer = await invoke(host, 'issue-panel', 'panel/get', 'agent', {}, { issue });
    expect(answer).toEqual({
      ok: true,
      body: { viewer: { accountId: accountOf('agent'), preferredLocale: null, preferencesVersion: 0 }, issue, canEdit: true, engagement: null, sowThresholdHours: 12, request: null, requestTeam: null },
    });
  });

  it('starts an engagement once; a second start is a CONFLICT that changes nothing', async () => {
    const started = await invoke(host, 'issue-panel', 'engagement/start', 'agent', { title: 'Contoso Foods roll-out' }, { issue });
    expect(started).toMatchObject({ ok: true, body: { issueId: issue.id, title: 'Contoso Foods roll-out', createdBy: accountOf('agent'), version: 1 } });
    const again = await invoke(host, 'issue-panel', 'engagement/start', 'agent', { title: 'Other' }, { issue });
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const panel = await invoke(host, 'issue-panel', 'panel/get', 'consultant', {}, { issue });
    expect(panel.body.engagement).toMatchObject({ title: 'Contoso Foods roll-out' });
    expect(panel.body.canEdit).toBe(false);
  });

  it('does not let a delivery person without edit permission start an engagement', async () => {
    const other = host.jiraStore.addIssue('PS', { summary: 'General question', reporterAccountId: accountOf('partner') });
    const answer = await invoke(host, 'issue-panel', 'engagement/start', 'consultant', { title: 'x' }, { issue: { id: other.id, key: other.key } });
    expect(answer).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await invoke(host, 'issue-panel', 'panel/get', 'agent', {}, { issue: { id: other.id, key: other.key } })).body.engagement).toBeNull();
  });

  it('answers NOT_FOUND to a JSM customer, who has no project permission, even with a forged extension', async () => {
    expect(await invoke(host, 'issue-panel', 'panel/get', 'partner', {}, { issue })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it.each([
    ['no issue', {}],
    ['a non-numeric issue id', { issue: { id: 'PS-1', key: 'PS-1' } }],
  ])('answers INVALID_INPUT when the page gives %s', async (_what, extension) => {
    expect(await invoke(host, 'issue-panel', 'panel/get', 'agent', {}, extension)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('answers INVALID_INPUT for an empty title', async () => {
    expect(await invoke(host, 'issue-panel', 'engagement/start', 'agent', { title: '   ' }, { issue })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
  });
});

describe('portal and project page', () => {
  it('shows a customer their own request and hides it from another organisation', async () => {
    const row = host.jiraStore.addIssue('PS', { summary: 'Help with go-live', reporterAccountId: accountOf('partner'), organization: 'Northwind Partners' });
    const own = await invoke(host, 'portal', 'request/get', 'partner', {}, { request: { key: row.key } });
    expect(own).toMatchObject({ ok: true, body: { viewer: { accountId: accountOf('partner') }, request: { key: row.key, summary: 'Help with go-live' } } });
    const other = await invoke(host, 'portal', 'request/get', 'partnerFr', {}, { request: { key: row.key } });
    expect(other).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('opens the delivery board to the delivery team and not to a customer', async () => {
    expect(await invoke(host, 'project-page', 'board/get', 'lead', {}, { project: { key: 'DEL' } })).toMatchObject({ ok: true, body: { project: { key: 'DEL' } } });
    expect(await invoke(host, 'project-page', 'board/get', 'partner', {}, { project: { key: 'DEL' } })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });
});

describe('who is asking', () => {
  it.each(['issue-panel', 'portal', 'project-page', 'admin'] as const)('%s answers the trusted account, never one from the payload', async (surface) => {
    expect(await invoke(host, surface, 'viewer/get', 'consultant')).toEqual({ ok: true, body: { accountId: accountOf('consultant'), preferredLocale: null, preferencesVersion: 0 } });
    expect(await invoke(host, surface, 'viewer/get', 'consultant', { accountId: accountOf('admin') })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
  });

  it('keeps each person’s language preference to themselves', async () => {
    const saved = await invoke(host, 'portal', 'preferences/save', 'partnerFr', { preferredLocale: 'fr-FR', expectedVersion: 0 });
    expect(saved).toEqual({ ok: true, body: { preferredLocale: 'fr-FR', version: 1 } });
    expect((await invoke(host, 'issue-panel', 'viewer/get', 'partnerFr')).body).toMatchObject({ preferredLocale: 'fr-FR', preferencesVersion: 1 });
    expect(await invoke(host, 'portal', 'preferences/save', 'partnerFr', { preferredLocale: null, expectedVersion: 0 })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect((await invoke(host, 'issue-panel', 'viewer/get', 'partner')).body.preferredLocale).toBeNull();
  });

  it('answers NOT_AUTHENTICATED when Forge gives no account (an anonymous portal visitor)', async () => {
    const outcome = await host.invokeResolver({ moduleKey: 'partner-request-view', functionKey: 'viewer/get', payload: {}, accountId: '' });
    expect(outcome).toEqual({ kind: 'answer', value: { ok: false, error: expect.objectContaining({ code: 'NOT_AUTHENTICATED' }) } });
  });
});
