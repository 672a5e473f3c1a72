import { requestJira } from '@forge/bridge';
import { useEffect, useState } from 'react';
import { z } from 'zod';
import type { DeliverySetup, FinanceHold } from '../../../src/shared/delivery';
import type { AppErrorBody, Envelope } from '../../../src/shared/errors';
import type { Translate } from '../../common/i18n';
import { call } from '../../common/invoke';
import { useLoad, type Load } from '../../common/use-load';
import './delivery-admin.css';

/**
 * What the three delivery tabs (routing rules, delivery teams, finance holds) share: the set-up as the resolver
 * answers it, Jira's lists read as the admin through the bridge (issue types, request types, organisations, fields,
 * people), and the wording of a value the shared schemas or the resolver refused, shown beside its field.
 *
 * Jira's lists come straight from Jira (`requestJira`, as the admin) rather than through the resolver: the resolver
 * call that opens a tab stays one, and costs no Jira call on the app's side.
 */

export interface DeliveryData {
  setup: DeliverySetup;
  holds: FinanceHold[];
}

const loadDelivery = () => call('admin', 'delivery/get', {});

export function useDelivery(): Load<DeliveryData> {
  return useLoad(loadDelivery);
}

// ---- Jira, as the admin ----------------------------------------------------------------------------------------------

export interface Named {
  id: string;
  name: string;
}

export interface Person {
  accountId: string;
  displayName: string;
  emailAddress?: string;
}

async function jiraJson<S extends z.ZodTypeAny>(path: string, schema: S): Promise<z.output<S>> {
  const response = await requestJira(path, { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(`Jira answered ${response.status} for ${path}.`);
  return schema.parse(await response.json());
}

/** A Jira read as an Envelope, so that pages show its failure like any other (JIRA_UNAVAILABLE, with Retry). */
async function fromJira<T>(work: () => Promise<T>): Promise<Envelope<T>> {
  try {
    return { ok: true, body: await work() };
  } catch (error) {
    return { ok: false, error: { code: 'JIRA_UNAVAILABLE', message: error instanceof Error ? error.message : '' } };
  }
}

const id = z.union([z.string(), z.number()]).transform(String);
const named = z.object({ id, name: z.string() }).passthrough();
const page = z.object({ values: z.array(named) }).passthrough();
const issueTypes = z.array(named.extend({ subtask: z.boolean().optional() }));
const fields = z.array(named.extend({ custom: z.boolean().optional() }));
const people = z.array(z.object({ accountId: z.string(), displayName: z.string().optional(), emailAddress: z.string().optional(), accountType: z.string().optional() }).passthrough());
const bulk = z.object({ values: people }).passthrough();

const byName = (a: Named, b: Named) => a.name.localeCompare(b.name);
const plain = (n: Named): Named => ({ id: n.id, name: n.name });

/** The site's JSM organisations (the first 100: partners and end customers; a site with more pages them in Jira). */
export const readOrganizations = () => jiraJson('/rest/servicedeskapi/organization?start=0&limit=100', page).then((p) => p.values.map(plain));

export interface RuleLists {
  issueTypes: Named[];
  requestTypes: Named[];
  organizations: Named[];
  /** Custom fields a rule may compare, by name. */
  fields: Named[];
}

async function readRuleLists(): Promise<RuleLists> {
  const [types, requestTypes, organizations, allFields] = await Promise.all([
    jiraJson('/rest/api/3/issuetype', issueTypes),
    jiraJson('/rest/servicedeskapi/requesttype?start=0&limit=100', page),
    readOrganizations(),
    jiraJson('/rest/api/3/field', fields),
  ]);
  return {
    issueTypes: types.filter((t) => !t.subtask).map(plain),
    requestTypes: requestTypes.values.map(plain),
    organizations,
    fields: allFields.filter((f) => f.custom).map(plain).sort(byName),
  };
}

export const loadRuleLists = () => fromJira(readRuleLists);
export const loadOrganizations = () => fromJira(readOrganizations);

/** People in Jira whose name or email starts with `query`; JSM customers and apps cannot be on a delivery team. */
export async function searchPeople(query: string): Promise<Envelope<Person[]>> {
  return fromJira(async () => {
    const found = await jiraJson(`/rest/api/3/user/search?query=${encodeURIComponent(query)}&maxResults=20`, people);
    return found.filter((p) => (p.accountType ?? 'atlassian') === 'atlassian').map((p) => ({ accountId: p.accountId, displayName: p.displayName ?? p.accountId, emailAddress: p.emailAddress }));
  });
}

/** Display names of the accounts a page names, asked of Jira once per page load (50 per request). */
const knownNames = new Map<string, string>();

export function useNames(ids: readonly string[]): (accountId: string) => string {
  const [, setRound] = useState(0);
  const missing = [...new Set(ids)].filter((i) => i !== '' && !knownNames.has(i)).sort();
  const key = missing.join(',');
  useEffect(() => {
    if (key === '') return;
    let live = true;
    const wanted = key.split(',');
    const chunks: string[][] = [];
    for (let start = 0; start < wanted.length; start += 50) chunks.push(wanted.slice(start, start + 50));
    void Promise.all(
      chunks.map(async (chunk) => {
        const query = new URLSearchParams(chunk.map((a) => ['accountId', a]));
        query.set('maxResults', String(chunk.length));
        const answer = await jiraJson(`/rest/api/3/user/bulk?${query.toString()}`, bulk).catch(() => null);
        for (const p of answer?.values ?? []) if (p.displayName) knownNames.set(p.accountId, p.displayName);
      }),
    ).then(() => {
      if (live) setRound((n) => n + 1);
    });
    return () => {
      live = false;
    };
  }, [key]);
  // Until Jira answers (or when it does not know the account), the id itself stands in.
  return (accountId) => knownNames.get(accountId) ?? accountId;
}

/** Remembers the names of people the admin just picked, so the page does not ask Jira for them again. */
export function rememberName(person: Person): void {
  knownNames.set(person.accountId, person.displayName);
}

// ---- problems beside fields ------------------------------------------------------------------------------------------

/** A value the shared schema (in the page) or the resolver (INVALID_INPUT) refused: where, and the zod code if known. */
export interface Problem {
  path: string;
  code?: string;
}

export function problemsOfZod(error: z.ZodError): Problem[] {
  return error.issues.map((issue) => ({ path: issue.path.join('.'), code: issue.code }));
}

/** The resolver's INVALID_INPUT issues under `prefix` (`rules.2.`, `team.`), with the prefix taken off. */
export function problemsOfServer(error: AppErrorBody | null, prefix = ''): Problem[] {
  if (!error || error.code !== 'INVALID_INPUT') return [];
  return (error.issues ?? []).filter((i) => i.path.startsWith(prefix)).map((i) => ({ path: i.path.slice(prefix.length) }));
}

const WORDING: Array<[RegExp, string]> = [
  [/(^|\.)summaryPattern$/, 'pattern'],
  [/(^|\.)backupAccountId$/, 'backup'],
  [/(^|\.)members\.\d+\.accountId$/, 'person'],
  [/(^|\.)leadAccountId$/, 'lead'],
  [/(^|\.)absences\.\d+\.to$/, 'absenceOrder'],
  [/(^|\.)(from|overdueSince)$/, 'date'],
  [/(^|\.)teamId$/, 'team'],
  [/(^|\.)labels(\.\d+)?$/, 'label'],
  [/(^|\.)weeklyCapacityHours$/, 'capacity'],
  [/(^|\.)amount$/, 'amount'],
  [/(^|\.)currency$/, 'currency'],
  [/(^|\.)organizationId$/, 'organization'],
  [/(^|\.)issueKey$/, 'issueKey'],
  [/(^|\.)fields\.\d+\.fieldId$/, 'field'],
];

/** The problem in the page's language: a missing or too long text by its code, anything else by the field it is in. */
export function wordProblem(t: Translate, problem: Problem): string {
  // The schema's own check of an absence's order is `custom`; any other problem with its end is a date not given.
  if (/(^|\.)absences\.\d+\.to$/.test(problem.path) && problem.code !== undefined && problem.code !== 'custom') return t('routingAdmin.problems.date');
  const rule = WORDING.find(([pattern]) => pattern.test(problem.path))?.[1];
  const numeric = rule === 'amount' || rule === 'capacity';
  if (!numeric && problem.code === 'too_big') return t('routingAdmin.problems.tooLong');
  if (!numeric && problem.code === 'too_small') return t('routingAdmin.problems.required');
  return t(`routingAdmin.problems.${rule ?? 'invalid'}`);
}

/** The first problem at `path` or inside it (`labels` for `labels.0`), worded; null when there is none. */
export function problemAt(t: Translate, problems: readonly Problem[], path: string): string | null {
  const found = problems.find((p) => p.path === path || p.path.startsWith(`${path}.`));
  return found ? wordProblem(t, found) : null;
}

/** Words from a free-text list: commas or line breaks separate them (`SAP, Finance`). */
export function splitList(text: string, separator: RegExp = /[,\n]/): string[] {
  return [
    ...new Set(
      text
        .split(separator)
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
}

/** A new id for a rule: lower-case letters, digits and hyphens, as appIdSchema wants. */
export function newRuleId(): string {
  return `rule-${Date.now().toString(36)}-${Math.floor(Math.random() * 36 ** 4).toString(36)}`;
}

/** A calendar day (`YYYY-MM-DD`) in the page's language, read as that day wherever the admin is. */
export function formatDay(locale: string, day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? day : new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
}

/** An amount of money in the page's language (`12 500,00 €`); the code itself when the browser does not know it. */
export function formatMoney(locale: string, amount: number, currency: string): string {
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(amount);
  } catch {
    return `${new Intl.NumberFormat(locale).format(amount)} ${currency}`;
  }
}

/**
 * After a refused submit, moves the focus to the form's first field marked invalid — once the render that marks it
 * has happened (the marks do not exist yet while the submit handler runs).
 */
export function useFocusFirstInvalid(formId: string): () => void {
  const [round, setRound] = useState(0);
  useEffect(() => {
    if (round > 0) document.querySelector<HTMLElement>(`#${formId} [aria-invalid="true"]`)?.focus();
  }, [round, formId]);
  return () => setRound((n) => n + 1);
}
