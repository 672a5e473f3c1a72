import api, { route } from '@forge/api';
import { z } from 'zod';
import type { JiraFieldIds } from '../storage/delivery-records';
import { jiraFailure } from './jira-failure';

/**
 * The Jira fields an implementation request uses, found BY NAME (ids differ from site to site), and the two the app
 * keeps in step with its own record: "Implementation stage" (the app's own read-only field: only the app-field value
 * API sets it) and "Estimated hours" (an ordinary number field, set with an edit). Both writes run as the app after
 * the caller's permission was checked as the user; both are idempotent (same value, no change, no event).
 */
export const FIELD_NAMES: Record<keyof JiraFieldIds, string> = {
  endCustomer: 'End Customer',
  estimatedHours: 'Estimated hours',
  stage: 'Implementation stage',
  requestType: 'Request Type',
  organizations: 'Organizations',
  phasesWanted: 'Phases wanted',
};

const fieldList = z.array(z.object({ id: z.string(), name: z.string() }).passthrough());

export async function findFieldIds(): Promise<JiraFieldIds> {
  const response = await api.asApp().requestJira(route`/rest/api/3/field`, { headers: { Accept: 'application/json' } });
  if (!response.ok) throw jiraFailure(response, 'list its fields');
  const fields = fieldList.parse(await response.json());
  const idOf = (name: string) => fields.find((f) => f.name.toLocaleLowerCase('en-US') === name.toLocaleLowerCase('en-US'))?.id ?? null;
  return {
    endCustomer: idOf(FIELD_NAMES.endCustomer),
    estimatedHours: idOf(FIELD_NAMES.estimatedHours),
    stage: idOf(FIELD_NAMES.stage),
    requestType: idOf(FIELD_NAMES.requestType),
    organizations: idOf(FIELD_NAMES.organizations),
    phasesWanted: idOf(FIELD_NAMES.phasesWanted),
  };
}

/** Sets "Implementation stage" on the issues (one call). `generateAppEvents` stays on: ignoreSelf drops the event. */
export async function mirrorStage(stageFieldId: string, issueIds: string[], value: string): Promise<void> {
  const response = await api.asApp().requestJira(route`/rest/api/3/app/field/${stageFieldId}/value`, {
    method: 'PUT',
    headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
    body: JSON.stringify({ updates: [{ issueIds: issueIds.map(Number), value }] }),
  });
  if (!response.ok) throw jiraFailure(response, 'record the implementation stage');
}

/** Sets "Estimated hours" on the request issue. */
export async function mirrorEstimate(issueId: string, estimatedHoursFieldId: string, hours: number | null): Promise<void> {
  const response = await api.asApp().requestJira(route`/rest/api/3/issue/${issueId}?notifyUsers=false`, {
    method: 'PUT',
    headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
    body: JSON.stringify({ fields: { [estimatedHoursFieldId]: hours } }),
  });
  if (!response.ok) throw jiraFailure(response, 'record the estimate');
}
