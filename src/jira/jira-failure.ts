import { AppError } from '../shared/errors';

/**
 * A Jira answer the app cannot use. 429 and 5xx are worth another try later (`retryAfterSeconds` from Jira's
 * Retry-After, else a short pause): a trigger hands them to Forge as an InvocationError, a resolver answers
 * JIRA_UNAVAILABLE and the user tries again. Anything else is final.
 */
export class JiraFailure extends AppError {
  constructor(
    readonly status: number,
    message: string,
    readonly retryAfterSeconds: number | null,
  ) {
    super(status === 401 ? 'NOT_AUTHENTICATED' : status === 403 ? 'FORBIDDEN' : status === 404 ? 'NOT_FOUND' : 'JIRA_UNAVAILABLE', message);
  }

  get retryable(): boolean {
    return this.status === 429 || this.status >= 500;
  }
}

/** Default pause before retrying a 5xx (Jira sends no Retry-After with those). */
const DEFAULT_RETRY_SECONDS = 30;

export function jiraFailure(response: { status: number; headers: { get(name: string): string | null } }, what: string): JiraFailure {
  const header = response.headers.get('Retry-After');
  const seconds = header !== null && /^\d+$/.test(header.trim()) ? Number(header.trim()) : null;
  const retryable = response.status === 429 || response.status >= 500;
  return new JiraFailure(response.status, `Jira did not ${what} (HTTP ${response.status}).`, retryable ? (seconds ?? DEFAULT_RETRY_SECONDS) : null);
}

/** The same, with Jira's own error messages appended (for the log; Jira's 400s say which field it refused). */
export async function jiraFailureWithDetail(response: { status: number; headers: { get(name: string): string | null }; text(): Promise<string> }, what: string): Promise<JiraFailure> {
  const failure = jiraFailure(response, what);
  let detail = '';
  try {
    const body = JSON.parse(await response.text()) as { errorMessages?: string[]; errors?: Record<string, string> };
    detail = [...(body.errorMessages ?? []), ...Object.entries(body.errors ?? {}).map(([k, v]) => `${k}: ${v}`)].join('; ');
  } catch {
    // No JSON body: the status says enough.
  }
  return detail ? new JiraFailure(failure.status, `${failure.message} ${detail}`, failure.retryAfterSeconds) : failure;
}
