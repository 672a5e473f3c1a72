import api, { route } from '@forge/api';
import { doc, link, paragraph, text } from '@atlaskit/adf-utils/builders';
import { z } from 'zod';
import { PHASE_FIELD_OPTIONS, type DeliveryIssue, type Phase } from '../shared/implementation';
import { jiraFailure } from './jira-failure';

/**
 * The internal delivery issue in the delivery project (DEL): a Task linked to the partner's request ("Relates"), with
 * one Sub-task per phase the request wants; its assignee is the request's consultant. Everything here runs AS THE APP,
 * after the caller's permission on the request was checked as the user (consultants need not see PS, agents need not
 * be able to create in DEL).
 *
 * Safe to retry: a set-up that failed half-way (the Task made, then the link or a sub-task refused) is finished by
 * the next attempt, never started again. The Task carries the issue property `engagement-desk.request` naming its
 * request, set in the same call that creates it, so an issue is recognised as a request's delivery issue only by that
 * mark (a person's "Relates" link to some other DEL issue is not mistaken for it). It is found through the request's
 * links (read straight from the issue: consistent at once), else — when the link itself is what failed — by a search
 * of DEL for the request key in the summary (Jira's search index catches up within seconds; a retry comes later than
 * that). Sub-tasks are matched by their summary, the phase's English name the set-up gave them.
 *
 * Not covered: two people setting up the same request in the same second can both find nothing and create two.
 * Sub-tasks are created one call each: Jira's POST /issue/bulk is not emulated by the sandbox, and six calls at most
 * is a small price for a step taken once per request.
 */
export const DELIVERY_PROJECT_KEY = 'DEL';
export const REQUEST_PROPERTY = 'engagement-desk.request';
const TASK_TYPE = 'Task';
const SUBTASK_TYPE = 'Sub-task';
const LINK_TYPE = 'Relates';

const JSON_HEADERS = { Accept: 'application/json', 'Content-Type': 'application/json' };

const issueRef = z.object({ id: z.string(), key: z.string(), fields: z.object({ summary: z.string().optional() }).passthrough().optional() }).passthrough();
const linkJson = z.object({ inwardIssue: issueRef.optional(), outwardIssue: issueRef.optional() }).passthrough();
const issueBean = z
  .object({
    id: z.string(),
    key: z.string(),
    self: z.string().optional(),
    fields: z.object({ issuelinks: z.array(linkJson).optional(), subtasks: z.array(issueRef).optional(), summary: z.string().optional() }).passthrough().optional(),
    properties: z.record(z.unknown()).optional(),
  })
  .passthrough();
type IssueBean = z.infer<typeof issueBean>;
const requestMark = z.object({ requestIssueId: z.string() }).passthrough();
const created = z.object({ id: z.string(), key: z.string() }).passthrough();
const searchAnswer = z.object({ issues: z.array(issueBean).default([]) }).passthrough();

/** What the set-up needs to know of the request. */
export interface RequestRef {
  issueId: string;
  issueKey: string;
  summary: string;
  endCustomer: string | null;
  partnerName: string | null;
  phasesWanted: Phase[];
}

/** An existing delivery issue as found: whether it is linked to the request yet, and the sub-tasks it has. */
interface FoundDelivery {
  issueId: string;
  issueKey: string;
  linked: boolean;
  subtasks: Array<{ issueId: string; issueKey: string; summary: string }>;
}

/**
 * Creates (or finishes creating) the request's delivery issue: the Task, its link to the request, one sub-task per
 * wanted phase in delivery order. Answers the ids to store with the request.
 */
export async function setUpDeliveryIssue(request: RequestRef): Promise<DeliveryIssue> {
  const requestBean = await readIssue(request.issueId, ['issuelinks'], []);
  const found = (await findThroughLinks(request, requestBean)) ?? (await findBySearch(request));
  const parent = found ?? (await createTask(request, browseUrl(requestBean)));
  if (!parent.linked) await linkToRequest(parent.issueId, request.issueId);
  const subtasks: DeliveryIssue['subtasks'] = [];
  for (const phase of request.phasesWanted) {
    const summary = PHASE_FIELD_OPTIONS[phase];
    const existing = parent.subtasks.find((s) => s.summary === summary);
    const made = existing ?? (await createSubtask(parent.issueId, summary, request.issueKey));
    subtasks.push({ phase, issueId: made.issueId, issueKey: made.issueKey });
  }
  return { issueId: parent.issueId, issueKey: parent.issueKey, subtasks };
}

async function readIssue(issueId: string, fields: string[], properties: string[]): Promise<IssueBean> {
  const response = await api
    .asApp()
    .requestJira(route`/rest/api/3/issue/${issueId}?fields=${fields.join(',')}&properties=${properties.join(',')}`, { headers: { Accept: 'application/json' } });
  if (!response.ok) throw jiraFailure(response, 'read the issue');
  return issueBean.parse(await response.json());
}

const isDelivery = (key: string) => key.startsWith(`${DELIVERY_PROJECT_KEY}-`);

function marksRequest(bean: IssueBean, requestIssueId: string): boolean {
  const mark = requestMark.safeParse(bean.properties?.[REQUEST_PROPERTY]);
  return mark.success && mark.data.requestIssueId === requestIssueId;
}

function toFound(bean: IssueBean, requestIssueId: string): FoundDelivery {
  const links = bean.fields?.issuelinks ?? [];
  return {
    issueId: bean.id,
    issueKey: bean.key,
    linked: links.some((l) => l.inwardIssue?.id === requestIssueId || l.outwardIssue?.id === requestIssueId),
    subtasks: (bean.fields?.subtasks ?? []).map((s) => ({ issueId: s.id, issueKey: s.key, summary: s.fields?.summary ?? '' })),
  };
}

/** The DEL issues linked to the request, read one by one until the one that carries the request's mark. */
async function findThroughLinks(request: RequestRef, requestBean: IssueBean): Promise<FoundDelivery | null> {
  const linked = (requestBean.fields?.issuelinks ?? []).flatMap((l) => [l.inwardIssue, l.outwardIssue]).filter((i): i is z.infer<typeof issueRef> => !!i && isDelivery(i.key));
  for (const candidate of linked) {
    const bean = await readIssue(candidate.id, ['issuelinks', 'subtasks'], [REQUEST_PROPERTY]);
    if (marksRequest(bean, request.issueId)) return toFound(bean, request.issueId);
  }
  return null;
}

/** A Task created for the request whose link was never made: found by the request key its summary names. */
async function findBySearch(request: RequestRef): Promise<FoundDelivery | null> {
  const jql = `project = ${DELIVERY_PROJECT_KEY} AND summary ~ "\\"${request.issueKey}\\""`;
  const response = await api.asApp().requestJira(route`/rest/api/3/search/jql`, {
    method: 'POST',
    headers: JSON_HEADERS,
    body: JSON.stringify({ jql, fields: ['issuelinks', 'subtasks'], properties: [REQUEST_PROPERTY], maxResults: 20 }),
  });
  if (!response.ok) throw jiraFailure(response, 'search the delivery project');
  const match = searchAnswer.parse(await response.json()).issues.find((bean) => marksRequest(bean, request.issueId));
  return match ? toFound(match, request.issueId) : null;
}

/** The request's page for people, from the REST `self` link Jira gave (the site's own address). */
function browseUrl(requestBean: IssueBean): string | null {
  if (!requestBean.self) return null;
  try {
    return `${new URL(requestBean.self).origin}/browse/${requestBean.key}`;
  } catch {
    return null;
  }
}

export function deliverySummary(request: Pick<RequestRef, 'issueKey' | 'endCustomer' | 'partnerName'>): string {
  const forWhom = request.endCustomer ?? request.partnerName ?? 'the partner';
  return `Implementation for ${forWhom} (${request.issueKey})`;
}

async function createTask(request: RequestRef, requestUrl: string | null): Promise<FoundDelivery> {
  const key = requestUrl ? link({ href: requestUrl })(request.issueKey) : text(request.issueKey);
  const description = doc(
    paragraph(text('Delivery of the implementation request '), key, text(`: ${request.summary}`)),
    paragraph(text(`End customer: ${request.endCustomer ?? 'not named'}. Partner: ${request.partnerName ?? 'not named'}.`)),
    paragraph(text('Log the time spent on each phase on its sub-task: it is the hours that stage used.')),
  );
  const response = await api.asApp().requestJira(route`/rest/api/3/issue`, {
    method: 'POST',
    headers: JSON_HEADERS,
    body: JSON.stringify({
      fields: { project: { key: DELIVERY_PROJECT_KEY }, issuetype: { name: TASK_TYPE }, summary: deliverySummary(request), description },
      properties: [{ key: REQUEST_PROPERTY, value: { requestIssueId: request.issueId, requestKey: request.issueKey } }],
    }),
  });
  if (!response.ok) throw jiraFailure(response, 'create the delivery issue');
  const made = created.parse(await response.json());
  return { issueId: made.id, issueKey: made.key, linked: false, subtasks: [] };
}

async function linkToRequest(deliveryIssueId: string, requestIssueId: string): Promise<void> {
  const response = await api.asApp().requestJira(route`/rest/api/3/issueLink`, {
    method: 'POST',
    headers: JSON_HEADERS,
    body: JSON.stringify({ type: { name: LINK_TYPE }, inwardIssue: { id: deliveryIssueId }, outwardIssue: { id: requestIssueId } }),
  });
  if (!response.ok) throw jiraFailure(response, 'link the delivery issue to the request');
}

async function createSubtask(parentId: string, summary: string, requestKey: string): Promise<{ issueId: string; issueKey: string }> {
  const response = await api.asApp().requestJira(route`/rest/api/3/issue`, {
    method: 'POST',
    headers: JSON_HEADERS,
    body: JSON.stringify({
      fields: {
        project: { key: DELIVERY_PROJECT_KEY },
        issuetype: { name: SUBTASK_TYPE },
        parent: { id: parentId },
        summary,
        description: doc(paragraph(text(`A phase of ${requestKey}. Log the time spent on this phase here.`))),
      },
    }),
  });
  if (!response.ok) throw jiraFailure(response, `create the sub-task "${summary}"`);
  const made = created.parse(await response.json());
  return { issueId: made.id, issueKey: made.key };
}

export async function assignIssue(issueId: string, accountId: string | null): Promise<void> {
  const response = await api.asApp().requestJira(route`/rest/api/3/issue/${issueId}/assignee`, {
    method: 'PUT',
    headers: JSON_HEADERS,
    body: JSON.stringify({ accountId }),
  });
  if (!response.ok) throw jiraFailure(response, 'assign the delivery issue');
}
