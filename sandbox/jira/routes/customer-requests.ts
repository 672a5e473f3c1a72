import { canBrowse } from '../permissions';
import { jiraError, type Route } from '../router';

/**
 * GET /rest/servicedeskapi/request/{key}: a customer sees their own requests and those shared with their
 * organisation; agents and admins see every request of a service project they can browse.
 */
export const customerRequestRoutes: Route[] = [
  {
    method: 'GET',
    path: '/rest/servicedeskapi/request/{issueIdOrKey}',
    handle: (context, params) => {
      const actor = context.user;
      const issue = context.store.issue(params.issueIdOrKey ?? '');
      const project = issue && context.store.project(issue.projectId);
      if (!issue || !project || project.projectTypeKey !== 'service_desk') return jiraError(404, 'The request does not exist.');
      if (actor) {
        const memberOf = context.store.organizationsOf(actor.accountId);
        const ownOrShared = issue.reporter === actor.accountId || issue.organizationIds.some((id) => memberOf.includes(id));
        if (!ownOrShared && !canBrowse(actor, project)) return jiraError(404, 'The request does not exist.');
      }
      const reporter = issue.reporter ? context.store.user(issue.reporter) : undefined;
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
    },
  },
];
