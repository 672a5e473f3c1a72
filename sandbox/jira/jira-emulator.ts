import type { JiraStore } from './jira-store';
import { jiraError, Router, type ProductEvent, type Route } from './router';
import { customerRequestRoutes } from './routes/customer-requests';
import { serviceDeskCatalogueRoutes } from './routes/servicedesk-catalogue';
import { serviceDeskCommentRoutes } from './routes/servicedesk-comments';
import { serviceDeskOrganizationRoutes } from './routes/servicedesk-organizations';
import { serviceDeskRequestCreateRoutes } from './routes/servicedesk-request-create';
import { directoryRoutes } from './routes/directory';
import { myPermissionsRoutes } from './routes/my-permissions';
import { searchRoutes } from './routes/search';
import { appFieldValueRoutes } from './routes/app-field-value';
import { commentRoutes } from './routes/comments';
import { fieldRoutes } from './routes/fields';
import { issueLinkRoutes } from './routes/issue-links';
import { issuePropertyRoutes } from './routes/issue-properties';
import { issueTypeRoutes } from './routes/issue-types';
import { issueRoutes } from './routes/issues';
import { projectRoutes } from './routes/projects';
import { userRoutes } from './routes/users';
import { worklogRoutes } from './routes/worklogs';
import type { JiraReply, JiraRequest } from './types';

/** Every emulated operation. Each route module holds one area of the API. */
const ROUTES: Route[] = [
  // Jira platform: issues and what hangs off them, fields, projects, users, issue types.
  ...issueRoutes, ...commentRoutes, ...worklogRoutes, ...issueLinkRoutes, ...issuePropertyRoutes, ...appFieldValueRoutes,
  ...fieldRoutes, ...projectRoutes, ...userRoutes, ...issueTypeRoutes,
  ...directoryRoutes, ...myPermissionsRoutes, ...customerRequestRoutes,
  ...serviceDeskRequestCreateRoutes, ...serviceDeskCommentRoutes, ...serviceDeskOrganizationRoutes, ...serviceDeskCatalogueRoutes,
  ...searchRoutes];

/**
 * Jira Cloud and JSM REST, emulated on the sandbox's database. Answers use Jira's shapes and status codes (errors
 * as `{errorMessages, errors}`), checked against Atlassian's OpenAPI specs in the contract tests.
 */
export class JiraEmulator {
  private readonly router = new Router(ROUTES);

  constructor(
    private readonly store: JiraStore,
    private readonly options: { baseUrl: () => string; now: () => number; onEvent: (event: ProductEvent) => void },
  ) {}

  async handle(request: JiraRequest): Promise<JiraReply> {
    const user = request.actor.kind === 'user' ? this.store.user(request.actor.accountId) : undefined;
    if (request.actor.kind === 'user' && !user) return jiraError(401, 'You are not authenticated. Authentication required to perform this operation.');
    const match = this.router.match(request.method.toUpperCase(), request.path);
    if (!match) return jiraError(404, `No emulated Jira resource at ${request.method} ${request.path}.`);
    if ('allowed' in match) return { ...jiraError(405, `Method ${request.method} is not allowed here.`), headers: { allow: match.allowed.join(', ') } };
    const causedByApp = request.actor.kind === 'app';
    return match.route.handle(
      {
        store: this.store,
        request,
        user,
        baseUrl: this.options.baseUrl(),
        now: this.options.now,
        emit: (event) => this.options.onEvent({ ...event, causedByApp }),
      },
      match.params,
    );
  }
}
