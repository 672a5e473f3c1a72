import { canBrowse, describePermission, hasGlobalPermission, isKnownPermission, projectPermissions } from '../permissions';
import { jiraError, type JiraContext, type Route } from '../router';
import type { SandboxUser } from '../types';

/** GET /rest/api/3/mypermissions: as the acting user; a project or issue the user cannot browse is a 404. */
function myPermissions(context: JiraContext) {
  const query = context.request.query;
  const actor = context.user;
  const keys = (query.get('permissions') ?? '').split(',').map((k) => k.trim()).filter(Boolean);
  if (keys.length === 0) return jiraError(400, 'The permissions parameter is required.');
  const unknown = keys.filter((k) => !isKnownPermission(k));
  if (unknown.length > 0) return jiraError(400, `Unknown permission keys: ${unknown.join(', ')}`);
  if (!actor) return jiraError(400, 'Get my permissions needs a user; the app has no permissions of its own here.');

  const issueRef = query.get('issueKey') ?? query.get('issueId');
  const projectRef = query.get('projectKey') ?? query.get('projectId');
  let project = projectRef ? context.store.project(projectRef) : undefined;
  if (issueRef) {
    const issue = context.store.issue(issueRef);
    project = issue ? context.store.project(issue.projectId) : undefined;
    if (!issue || !project || !canBrowse(actor, project)) return jiraError(404, 'Issue does not exist or you do not have permission to see it.');
  } else if (projectRef && (!project || !canBrowse(actor, project))) {
    return jiraError(404, `No project could be found with key '${projectRef}'.`);
  }

  const granted = project ? projectPermissions(actor, project) : undefined;
  const permissions: Record<string, unknown> = {};
  for (const key of keys) {
    if (!isKnownPermission(key)) continue;
    const { name, type } = describePermission(key);
    const havePermission = type === 'GLOBAL' ? hasGlobalPermission(actor, key) : granted ? granted.has(key) : anywhere(context, actor, key);
    permissions[key] = { id: String(Object.keys(permissions).length + 1), key, name, type, description: name, havePermission };
  }
  return { status: 200, body: { permissions } };
}

/** Without a project or issue, Jira answers whether the user has the permission in at least one project. */
function anywhere(context: JiraContext, actor: SandboxUser, key: string): boolean {
  return context.store.projects().some((project) => (projectPermissions(actor, project) as Set<string>).has(key));
}

export const myPermissionsRoutes: Route[] = [{ method: 'GET', path: '/rest/api/3/mypermissions', handle: myPermissions }];
