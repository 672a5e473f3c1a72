import api, { route } from '@forge/api';
import { z } from 'zod';
import { snapshotOf, type IssueSnapshot } from '../domain/issue-snapshot';
import type { JiraFieldIds } from '../shared/delivery';
import { jiraFailure } from './jira-failure';
import { ROUTING_PROPERTY } from './route-issue';

/**
 * What routing needs to know about an issue, in ONE Jira read (`GET /rest/api/3/issue` with exactly the fields the
 * rules compare and the app's routing marker as a property), and the reporter's language in a second. Made for both
 * callers of routing: a trigger (as the app, on an event Forge vouches for) and "Test this rule" on the admin page
 * (as the admin: the admin names the issue, so Jira decides whether they may see it).
 *
 * The fields are read into routing's facts by src/domain/issue-snapshot.ts, the same parser the trigger applies to an
 * event's fields, so that a test of a rule and the routing of an event judge an issue alike. Request Type and
 * Organizations are JSM's own custom fields, found by name like every other (src/jira/request-fields.ts); a site
 * without one of them has null for its id: no request type, no organisations.
 */

/** The field ids to read: the app's (by name) and those the rules compare (`fieldsRulesRead`). */
export type RoutingFieldIds = Pick<JiraFieldIds, 'endCustomer' | 'requestType' | 'organizations' | 'phasesWanted'> & { conditions: readonly string[] };

export interface RoutingIssue {
  issueId: string;
  issueKey: string;
  projectKey: string;
  /** Routing's facts, the reporter, the organisations, the End Customer field and the phases wanted. */
  snapshot: IssueSnapshot;
  issueTypeName: string;
  requestTypeName: string | null;
  assigneeAccountId: string | null;
  labels: string[];
  /** The app's routing marker (`engagement-desk.routing`), as stored; null when the issue has none. */
  routingProperty: unknown;
}

const person = z.object({ accountId: z.string() }).passthrough().nullable().optional();
const issueBean = z
  .object({
    id: z.string(),
    key: z.string(),
    fields: z
      .object({
        summary: z.string(),
        issuetype: z.object({ id: z.string(), name: z.string() }).passthrough(),
        project: z.object({ key: z.string() }).passthrough(),
        reporter: person,
        assignee: person,
        labels: z.array(z.string()).optional(),
      })
      .passthrough(),
    properties: z.record(z.unknown()).optional(),
  })
  .passthrough();
const requestTypeName = z
  .object({ requestType: z.object({ name: z.string() }).passthrough() })
  .passthrough()
  .nullable()
  .optional()
  .catch(null);

/** The fields routing reads: the system ones it needs, the app's, and every field a rule compares. */
function fieldList(ids: RoutingFieldIds): string[] {
  const app = [ids.endCustomer, ids.requestType, ids.organizations, ids.phasesWanted].filter((id): id is string => id !== null);
  return [...new Set(['summary', 'issuetype', 'project', 'reporter', 'assignee', 'labels', ...app, ...ids.conditions])];
}

/**
 * Reads the issue as the app or as the acting user. A failure is a JiraFailure (src/jira/jira-failure.ts): NOT_FOUND
 * when the issue does not exist or the user cannot see it, retryable on 429 and 5xx.
 */
export async function readRoutingIssue(issueIdOrKey: string, fieldIds: RoutingFieldIds, as: 'app' | 'user'): Promise<RoutingIssue> {
  const requester = as === 'app' ? api.asApp() : api.asUser();
  const fields = fieldList(fieldIds).join(',');
  const response = await requester.requestJira(route`/rest/api/3/issue/${issueIdOrKey}?fields=${fields}&properties=${ROUTING_PROPERTY}`, {
    headers: { Accept: 'application/json' },
  });
  if (!response.ok) throw jiraFailure(response, `read the issue ${issueIdOrKey}`);
  const bean = issueBean.parse(await response.json());
  const ids: JiraFieldIds = { endCustomer: fieldIds.endCustomer, requestType: fieldIds.requestType, organizations: fieldIds.organizations, phasesWanted: fieldIds.phasesWanted, estimatedHours: null, stage: null };
  const snapshot = snapshotOf(bean.fields, ids);
  const values = bean.fields as Record<string, unknown>;
  return {
    issueId: bean.id,
    issueKey: bean.key,
    projectKey: bean.fields.project.key,
    snapshot,
    issueTypeName: bean.fields.issuetype.name,
    requestTypeName: fieldIds.requestType ? (requestTypeName.parse(values[fieldIds.requestType])?.requestType.name ?? null) : null,
    assigneeAccountId: bean.fields.assignee?.accountId ?? null,
    labels: bean.fields.labels ?? [],
    routingProperty: bean.properties?.[ROUTING_PROPERTY] ?? null,
  };
}

const userAnswer = z.object({ accountId: z.string(), locale: z.string().nullable().optional() }).passthrough();

/**
 * The account's locale as Jira reports it (`en_US`, `fr_FR`), read as the app; null when Jira gives none (the caller
 * falls back to the site's language) or when the account is unknown to Jira (a deleted reporter).
 */
export async function readUserLocale(accountId: string): Promise<string | null> {
  const response = await api.asApp().requestJira(route`/rest/api/3/user?accountId=${accountId}`, { headers: { Accept: 'application/json' } });
  if (response.status === 404) return null;
  if (!response.ok) throw jiraFailure(response, 'tell the reporter’s language');
  return userAnswer.parse(await response.json()).locale ?? null;
}
