/**
 * Shared set-up of the engagement suites: a sandbox host with Northwind Partners' register, a request shared with
 * Northwind, and helpers that call Jira's REST emulator as a user (as a Jira client would) or read what the app
 * stored. Nothing here reaches into app code: the app is driven through its resolvers only.
 */
import type { ForgeHost } from '../../sandbox/runtime/host';
import { accountOf, invoke, type EMAILS } from '../support/sandbox';

export type Who = keyof typeof EMAILS;

/** A second Northwind customer, who sees Northwind's requests but is not the engagement's sponsor. */
export const NINA = {
  accountId: '712020:5e1d0c00-0000-4000-8000-00000000aa01',
  displayName: 'Nina Northwind',
  emailAddress: 'nina@northwind-partners.example',
  kind: 'customer' as const,
  organization: 'Northwind Partners',
  locale: 'en-US',
  timeZone: 'America/New_York',
};

export type Account = Who | { accountId: string };
const idOf = (who: Account): string => (typeof who === 'string' ? accountOf(who) : who.accountId);

/** Calls a resolver as `who`, which may be one of the demo people or any account (e.g. NINA). */
export async function call(host: ForgeHost, surface: 'issue-panel' | 'portal', key: string, who: Account, payload: unknown, extension: Record<string, unknown>) {
  if (typeof who === 'string') return invoke(host, surface, key, who, payload, extension);
  const outcome = await host.invokeResolver({ moduleKey: surface === 'portal' ? 'partner-request-view' : 'engagement-panel', functionKey: key, payload, accountId: who.accountId, extension });
  if (outcome.kind === 'failure') throw new Error(`${outcome.code}: ${outcome.message}`);
  return outcome.value as { ok: boolean; body?: any; error?: { code: string; message: string } }; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** A Jira REST call as a user, through the emulator the app talks to. */
export async function jiraAs(host: ForgeHost, who: Account | 'app', method: string, path: string, body?: unknown) {
  const url = new URL(path, 'http://sandbox.local');
  const actor = who === 'app' ? { kind: 'app' as const } : { kind: 'user' as const, accountId: idOf(who) };
  return host.jira.handle({ method, path: url.pathname, query: url.searchParams, body, actor });
}

/** A request in PS shared with Northwind Partners, filed by Paula. */
export function northwindRequest(host: ForgeHost, summary: string): { id: string; key: string } {
  const row = host.jiraStore.addIssue('PS', { summary, reporterAccountId: accountOf('partner'), organization: 'Northwind Partners' });
  return { id: row.id, key: row.key };
}

/**
 * Northwind's register, created as the admin through the register operations, with Paula (who has an Atlassian
 * account) as a person the engagement can name. Answers the register id and Paula's person id.
 */
export async function northwindRegister(host: ForgeHost): Promise<{ registerId: string; paulaId: string }> {
  const created = await invoke(host, 'admin', 'organisations/create', 'admin', {
    source: { kind: 'jsm', jsmOrganizationId: host.jiraStore.organizationByName('Northwind Partners')!.id },
    deploymentType: 'hosted',
    templateKeys: ['service-engagement'],
  });
  if (!created.ok) throw new Error(`Creating the register failed: ${JSON.stringify(created.error)}`);
  const registerId = created.body.register.id as string;
  const updated = await invoke(host, 'admin', 'register/update', 'admin', {
    registerId,
    expectedVersion: created.body.register.version,
    changes: [
      {
        kind: 'person/add',
        person: {
          name: 'Paula Partner',
          email: 'paula@northwind-partners.example',
          phone: '+1 555 010 9999',
          accountId: accountOf('partner'),
          roles: ['service-engagement/engagement-sponsor'],
          backupFor: [],
          absences: [],
        },
      },
    ],
  });
  if (!updated.ok) throw new Error(`Adding Paula to the register failed: ${JSON.stringify(updated.error)}`);
  const paula = (updated.body.register.people as Array<{ id: string; email: string }>).find((p) => p.email === 'paula@northwind-partners.example')!;
  return { registerId, paulaId: paula.id };
}

/** The log entries of the calls made since `seq` (the sandbox counts KVS requests and Jira calls per call). */
export function callsSince(host: ForgeHost, seq: number) {
  return host.log.since(seq).entries;
}

export function kvsWritesSince(host: ForgeHost, seq: number): number {
  return callsSince(host, seq).reduce((n, e) => n + e.kvs.writes, 0);
}
