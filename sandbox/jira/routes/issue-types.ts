import type { ProjectRow } from '../jira-store';
import { hasGlobalPermission } from '../permissions';
import { jiraError, type JiraContext, type Route } from '../router';
import { ISSUE_TYPES, type IssueTypeConfig } from '../site-config';
import type { JiraReply } from '../types';
import { browsable } from './route-kit';

/**
 * Issue types: GET /issuetype (the types of the projects the user can browse; all of them for Jira admins and the
 * app), GET /issuetype/project?projectId=[&level=], GET /issuetype/{id}. Company-managed types: no `scope`.
 */

export function issueTypeJson(context: Pick<JiraContext, 'baseUrl'>, type: IssueTypeConfig): Record<string, unknown> {
  const avatarId = type.subtask ? 10316 : 10318;
  return {
    self: `${context.baseUrl}/rest/api/3/issuetype/${type.id}`,
    id: type.id,
    description: type.description,
    iconUrl: `${context.baseUrl}/rest/api/2/universal_avatar/view/type/issuetype/avatar/${avatarId}?size=medium`,
    name: type.name,
    subtask: type.subtask,
    avatarId,
    hierarchyLevel: type.hierarchyLevel,
  };
}

export function issueTypesOf(project: ProjectRow): IssueTypeConfig[] {
  return ISSUE_TYPES.filter((t) => t.projectTypes.includes(project.projectTypeKey));
}

/** An issue type of `project`, by id or (as create accepts) by name. */
export function issueTypeIn(project: ProjectRow, ref: { id?: string; name?: string }): IssueTypeConfig | undefined {
  return issueTypesOf(project).find((t) => (ref.id !== undefined ? t.id === ref.id : t.name === ref.name));
}

const seesEverything = (context: JiraContext) => !context.user || hasGlobalPermission(context.user, 'ADMINISTER');

function visibleTypes(context: JiraContext): IssueTypeConfig[] {
  if (seesEverything(context)) return ISSUE_TYPES;
  const projects = context.store.projects().filter((p) => browsable(context, p));
  return ISSUE_TYPES.filter((t) => projects.some((p) => t.projectTypes.includes(p.projectTypeKey)));
}

function getIssueTypesForProject(context: JiraContext): JiraReply {
  const projectId = context.request.query.get('projectId');
  if (!projectId || !/^\d+$/.test(projectId)) return jiraError(400, "The 'projectId' parameter must be a project id.");
  const level = context.request.query.get('level');
  if (level !== null && !['-1', '0', '1'].includes(level)) return jiraError(400, "The 'level' parameter must be -1, 0 or 1.");
  const project = context.store.project(projectId);
  if (!project || project.id !== projectId || !(seesEverything(context) || browsable(context, project))) {
    return jiraError(404, `No project could be found with id '${projectId}'.`);
  }
  const types = issueTypesOf(project).filter((t) => level === null || t.hierarchyLevel === Number(level));
  return { status: 200, body: types.map((t) => issueTypeJson(context, t)) };
}

function getIssueType(context: JiraContext, params: Record<string, string>): JiraReply {
  const id = params.id ?? '';
  if (!/^\d+$/.test(id)) return jiraError(400, `The issue type id '${id}' is invalid.`);
  const type = visibleTypes(context).find((t) => t.id === id);
  if (!type) return jiraError(404, `Issue type with id '${id}' does not exist or you do not have permission to see it.`);
  return { status: 200, body: issueTypeJson(context, type) };
}

export const issueTypeRoutes: Route[] = [
  { method: 'GET', path: '/rest/api/3/issuetype', handle: (context) => ({ status: 200, body: visibleTypes(context).map((t) => issueTypeJson(context, t)) }) },
  { method: 'GET', path: '/rest/api/3/issuetype/project', handle: getIssueTypesForProject },
  { method: 'GET', path: '/rest/api/3/issuetype/{id}', handle: getIssueType },
];
