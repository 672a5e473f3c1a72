import type { ForgeHost } from '../runtime/host';
import type { JiraReply } from '../jira/types';

/**
 * The simulated Jira's pages read and write through the emulated REST API as the acting user, exactly as a browser
 * session of that user would: whatever the emulator refuses them (permissions, validation), the page shows.
 */
export class JiraAsUser {
  constructor(
    private readonly host: ForgeHost,
    readonly accountId: string,
  ) {}

  request(method: string, pathAndQuery: string, body?: unknown): Promise<JiraReply> {
    const url = new URL(pathAndQuery, 'http://jira.sandbox');
    return this.host.jira.handle({ method, path: url.pathname, query: url.searchParams, body, actor: { kind: 'user', accountId: this.accountId } });
  }

  get(pathAndQuery: string): Promise<JiraReply> {
    return this.request('GET', pathAndQuery);
  }

  post(pathAndQuery: string, body: unknown): Promise<JiraReply> {
    return this.request('POST', pathAndQuery, body);
  }
}

/** Jira's error messages from either error shape (`{errorMessages, errors}` or JSM's `{errorMessage}`). */
export function errorText(reply: JiraReply): string {
  const body = reply.body as { errorMessages?: unknown; errors?: unknown; errorMessage?: unknown } | undefined;
  const messages: string[] = [];
  if (Array.isArray(body?.errorMessages)) messages.push(...body.errorMessages.filter((m): m is string => typeof m === 'string'));
  if (body?.errors && typeof body.errors === 'object') {
    for (const [field, message] of Object.entries(body.errors as Record<string, unknown>)) if (typeof message === 'string') messages.push(`${field}: ${message}`);
  }
  if (typeof body?.errorMessage === 'string') messages.push(body.errorMessage);
  return messages.join(' ') || `Jira answered ${reply.status}.`;
}
