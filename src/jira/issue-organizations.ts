import api, { route } from '@forge/api';
import { z } from 'zod';
import { jiraFailure } from './jira-failure';

const organizationsAnswer = z.object({ fields: z.record(z.unknown()) }).passthrough();
const organization = z.object({ id: z.union([z.string(), z.number()]).transform(String), name: z.string().optional() }).passthrough();

/** The JSM organisations an issue is shared with, from its "Organizations" field (one read, as the app). */
export async function readIssueOrganizations(issueId: string, organizationsFieldId: string): Promise<string[]> {
  const response = await api.asApp().requestJira(route`/rest/api/3/issue/${issueId}?fields=${organizationsFieldId}`, { headers: { Accept: 'application/json' } });
  if (response.status === 404) return [];
  if (!response.ok) throw jiraFailure(response, 'load the issue’s organisations');
  const value = organizationsAnswer.parse(await response.json()).fields[organizationsFieldId];
  return Array.isArray(value) ? value.flatMap((v) => (organization.safeParse(v).success ? [organization.parse(v).id] : [])) : [];
}
