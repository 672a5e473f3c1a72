import type { ProjectRow } from '../jira-store';
import { hasGlobalPermission, projectPermissions } from '../permissions';
import { jiraError, type JiraContext, type Route } from '../router';
import type { JiraReply, SandboxUser } from '../types';
import { issueTypeJson, issueTypesOf } from './issue-types';
import { browsable, paging, queryList } from './route-kit';
import { avatarUrls, userJson } from './users';

/**
 * Projects: GET /project/{projectIdOrKey}, GET /project/search (paged, filtered, ordered), GET /project (deprecated,
 * every visible project). A user sees the projects they can browse (or administer); the app sees all. Both demo
 * projects are company-managed ("classic") with no default assignee, so "-1" on assign means unassigned.
 */

/** The project's lead: the service project's first agent, the software project's delivery lead (or an admin). */
function leadOf(context: JiraContext, project: ProjectRow): SandboxUser | undefined {
  const users = context.store.users();
  const preferred =
    project.projectTypeKey === 'service_desk' ? users.find((u) => u.kind === 'agent') : users.find((u) => u.kind === 'delivery' && u.deliveryRole === 'lead');
  return preferred ?? users.find((u) => u.kind === 'admin');
}

/** The short project shape issue fields use (`fields.project`). */
export function projectRefJson(context: Pick<JiraContext, 'baseUrl'>, project: ProjectRow): Record<string, unknown> {
  return {
    self: `${context.baseUrl}/rest/api/3/project/${project.id}`,
    id: project.id,
    key: project.key,
    name: project.name,
    projectTypeKey: project.projectTypeKey,
    simplified: false,
    avatarUrls: avatarUrls(context, 'project', project.id),
  };
}

const DESCRIPTIONS: Record<ProjectRow['projectTypeKey'], string> = {
  service_desk: 'Requests from partners and customers, raised through the portal.',
  software: 'Where implementation work is planned and delivered.',
};

/** `Project` (strict in the spec). `full` is GET /project/{key}, which always has description, lead and issue types. */
export function projectJson(context: JiraContext, project: ProjectRow, expand: string[], full: boolean): Record<string, unknown> {
  const want = (name: string) => full || expand.includes(name);
  const lead = leadOf(context, project);
  const perms = context.user ? projectPermissions(context.user, project) : undefined;
  return {
    expand: 'description,lead,issueTypes,url,projectKeys,permissions,insight',
    self: `${context.baseUrl}/rest/api/3/project/${project.id}`,
    id: project.id,
    key: project.key,
    ...(want('description') ? { description: DESCRIPTIONS[project.projectTypeKey] } : {}),
    ...(want('lead') && lead ? { lead: userJson(context, lead) } : {}),
    ...(full ? { components: [] } : {}),
    ...(want('issueTypes') ? { issueTypes: issueTypesOf(project).map((t) => issueTypeJson(context, t)) } : {}),
    ...(full ? { assigneeType: 'UNASSIGNED', versions: [], roles: {} } : {}),
    name: project.name,
    avatarUrls: avatarUrls(context, 'project', project.id),
    projectTypeKey: project.projectTypeKey,
    simplified: false,
    style: 'classic',
    isPrivate: false,
    properties: {},
    ...(expand.includes('permissions') ? { permissions: { canEdit: !perms || perms.has('ADMINISTER_PROJECTS') } } : {}),
    ...(expand.includes('insight') ? { insight: insightOf(context, project) } : {}),
  };
}

function insightOf(context: JiraContext, project: ProjectRow): Record<string, unknown> {
  const issues = context.store.issues().filter((i) => i.projectId === project.id);
  const last = issues.reduce((max, i) => Math.max(max, i.updated), 0);
  return { totalIssueCount: issues.length, ...(last ? { lastIssueUpdateTime: new Date(last).toISOString().replace('Z', '+0000') } : {}) };
}

/** Projects the acting user may see: Browse Projects, Administer Projects, or Administer Jira. */
export function visibleProjects(context: JiraContext): ProjectRow[] {
  const user = context.user;
  return context.store.projects().filter((p) => !user || hasGlobalPermission(user, 'ADMINISTER') || browsable(context, p) || projectPermissions(user, p).has('ADMINISTER_PROJECTS'));
}

function getProject(context: JiraContext, params: Record<string, string>): JiraReply {
  const ref = params.projectIdOrKey ?? '';
  // Keys are case sensitive here (the spec says so); ids are numeric.
  const project = context.store.projects().find((p) => p.id === ref || p.key === ref);
  if (!project || !visibleProjects(context).some((p) => p.id === project.id)) return jiraError(404, `No project could be found with key '${ref}'.`);
  return { status: 200, body: projectJson(context, project, queryList(context.request.query, 'expand'), true) };
}

const ORDERINGS: Record<string, (a: ProjectRow, b: ProjectRow) => number> = {
  key: (a, b) => a.key.localeCompare(b.key),
  name: (a, b) => a.name.localeCompare(b.name),
  category: () => 0,
  issueCount: () => 0,
  lastIssueUpdatedTime: () => 0,
  owner: () => 0,
  archivedDate: () => 0,
  deletedDate: () => 0,
};

function searchProjects(context: JiraContext): JiraReply {
  const query = context.request.query;
  const page = paging(query, 50, 100);
  if (!page.ok) return page.reply;
  const orderBy = query.get('orderBy') ?? 'key';
  const descending = orderBy.startsWith('-');
  const order = ORDERINGS[orderBy.replace(/^[-+]/, '')];
  if (!order) return jiraError(400, `Invalid orderBy value '${orderBy}'.`);
  const ids = query.getAll('id');
  const keys = query.getAll('keys');
  const types = queryList(query, 'typeKey');
  const text = (query.get('query') ?? '').toLowerCase();
  const status = query.get('status');
  const matching = visibleProjects(context)
    .filter((p) => ids.length === 0 || ids.includes(p.id))
    .filter((p) => keys.length === 0 || keys.includes(p.key))
    .filter((p) => types.length === 0 || types.includes(p.projectTypeKey))
    .filter((p) => !text || p.key.toLowerCase().includes(text) || p.name.toLowerCase().includes(text))
    // Every sandbox project is live: archived and deleted searches find nothing.
    .filter(() => !status || status.split(',').includes('live'))
    .sort((a, b) => (descending ? -order(a, b) : order(a, b)));
  const { startAt, maxResults } = page.value;
  const values = matching.slice(startAt, startAt + maxResults);
  const isLast = startAt + values.length >= matching.length;
  const link = (at: number) => {
    const q = new URLSearchParams(query);
    q.set('startAt', String(at));
    q.set('maxResults', String(maxResults));
    return `${context.baseUrl}${context.request.path}?${q.toString()}`;
  };
  const expand = queryList(query, 'expand');
  return {
    status: 200,
    body: {
      self: link(startAt),
      ...(isLast ? {} : { nextPage: link(startAt + maxResults) }),
      maxResults,
      startAt,
      total: matching.length,
      isLast,
      values: values.map((p) => projectJson(context, p, expand, false)),
    },
  };
}

export const projectRoutes: Route[] = [
  { method: 'GET', path: '/rest/api/3/project/search', handle: searchProjects },
  {
    method: 'GET',
    path: '/rest/api/3/project',
    handle: (context) => ({ status: 200, body: visibleProjects(context).map((p) => projectJson(context, p, queryList(context.request.query, 'expand'), false)) }),
  },
  { method: 'GET', path: '/rest/api/3/project/{projectIdOrKey}', handle: getProject },
];
