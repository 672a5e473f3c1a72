import type { JiraStore } from './jira-store';
import { canBrowse, describePermission, hasGlobalPermission, isKnownPermission, projectPermissions } from './permissions';
import type { JiraReply, JiraRequest, SandboxUser } from './types';

/**
 * Jira Cloud and JSM REST, emulated on the sandbox's database. Answers use Jira's shapes and status codes (errors
 * as `{errorMessages, errors}`), checked against Atlassian's OpenAPI specs in the contract tests.
 */
export class JiraEmulator {
  constructor(
    private readonly store: JiraStore,
    private readonly baseUrl: () => string,
  ) {}

  async handle(request: JiraRequest): Promise<JiraReply> {
    const actor = request.actor.kind === 'user' ? this.store.user(request.actor.accountId) : undefined;
    if (request.actor.kind === 'user' && !actor) return jiraError(401, 'You are not authenticated. Authentication required to perform this operation.');
    const route = `${request.method.toUpperCase()} ${request.path}`;
    if (route === 'GET /rest/api/3/myself') {
      return actor ? { status: 200, body: this.userBody(actor) } : jiraError(404, 'The app has no user of its own to describe.');
    }
    if (route === 'GET /rest/api/3/mypermissions') return this.myPermissions(request.query, actor);
    const request_ = /^GET \/rest\/servicedeskapi\/request\/([^/]+)$/.exec(route);
    if (request_?.[1]) return this.customerRequest(decodeURIComponent(request_[1]), actor);
    return jiraError(404, `No emulated Jira resource at ${route}.`);
  }

  userBody(user: SandboxUser): Record<string, unknown> {
    return {
      self: `${this.baseUrl()}/rest/api/3/user?accountId=${user.accountId}`,
      accountId: user.accountId,
      accountType: user.kind === 'customer' ? 'customer' : 'atlassian',
      emailAddress: user.emailAddress,
      displayName: user.displayName,
      active: true,
      timeZone: user.timeZone,
      locale: user.locale.replace('-', '_'),
      avatarUrls: {},
    };
  }

  /** GET /rest/api/3/mypermissions: as the acting user; a project or issue the user cannot browse is a 404. */
  private myPermissions(query: URLSearchParams, actor: SandboxUser | undefined): JiraReply {
    const keys = (query.get('permissions') ?? '').split(',').map((k) => k.trim()).filter(Boolean);
    if (keys.length === 0) return jiraError(400, 'The permissions parameter is required.');
    const unknown = keys.filter((k) => !isKnownPermission(k));
    if (unknown.length > 0) return jiraError(400, `Unknown permission keys: ${unknown.join(', ')}`);
    if (!actor) return jiraError(400, 'Get my permissions needs a user; the app has no permissions of its own here.');

    const issueRef = query.get('issueKey') ?? query.get('issueId');
    const projectRef = query.get('projectKey') ?? query.get('projectId');
    let project = projectRef ? this.store.project(projectRef) : undefined;
    if (issueRef) {
      const issue = this.store.issue(issueRef);
      project = issue ? this.store.project(issue.projectId) : undefined;
      if (!issue || !project || !canBrowse(actor, project)) return jiraError(404, 'Issue does not exist or you do not have permission to see it.');
    } else if (projectRef && (!project || !canBrowse(actor, project))) {
      return jiraError(404, `No project could be found with key '${projectRef}'.`);
    }

    const granted = project ? projectPermissions(actor, project) : undefined;
    const permissions: Record<string, unknown> = {};
    for (const key of keys) {
      if (!isKnownPermission(key)) continue;
      const { name, type } = describePermission(key);
      const havePermission = type === 'GLOBAL' ? hasGlobalPermission(actor, key) : granted ? granted.has(key) : this.anywhere(actor, key);
      permissions[key] = { id: String(Object.keys(permissions).length + 1), key, name, type, description: name, havePermission };
    }
    return { status: 200, body: { permissions } };
  }

  /** Without a project or issue, Jira answers whether the user has the permission in at least one project. */
  private anywhere(actor: SandboxUser, key: string): boolean {
    return ['PS', 'DEL'].some((k) => {
      const project = this.store.project(k);
      return project ? (projectPermissions(actor, project) as Set<string>).has(key) : false;
    });
  }

  /**
   * GET /rest/servicedeskapi/request/{key}: a customer sees their own requests and those shared with their
   * organisation; agents and admins see every request of a service project they can browse.
   */
  private customerRequest(ref: string, actor: SandboxUser | undefined): JiraReply {
    const issue = this.store.issue(ref);
    const project = issue && this.store.project(issue.projectId);
    if (!issue || !project || project.projectTypeKey !== 'service_desk') return jiraError(404, 'The request does not exist.');
    if (actor) {
      const ownOrShared = issue.reporterAccountId === actor.accountId || (!!actor.organization && issue.organization === actor.organization);
      if (!ownOrShared && !canBrowse(actor, project)) return jiraError(404, 'The request does not exist.');
    }
    const reporter = issue.reporterAccountId ? this.store.user(issue.reporterAccountId) : undefined;
    return {
      status: 200,
      body: {
        issueId: issue.id,
        issueKey: issue.key,
        projectId: project.id,
        reporter: reporter ? { accountId: reporter.accountId, displayName: reporter.displayName, emailAddress: reporter.emailAddress, active: true, timeZone: reporter.timeZone } : undefined,
        requestFieldValues: [{ fieldId: 'summary', label: 'Summary', value: issue.summary }],
      },
    };
  }
}

export function jiraError(status: number, message: string): JiraReply {
  return { status, body: { errorMessages: [message], errors: {} } };
}
