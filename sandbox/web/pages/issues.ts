import type { FastifyReply } from 'fastify';
import type { PageRequest } from '../context';
import { enc, html } from '../html';
import { errorText } from '../jira-client';
import { errorMessage, personName, sendPage, statusLozenge } from '../layout';

interface IssueRow {
  key: string;
  fields: { summary?: string; status?: unknown; assignee?: unknown; issuetype?: { name?: string } };
}

const PAGE_SIZE = 50;

/**
 * `/issues?jql=…`: Jira's issue search, through the enhanced search API as the acting user. Without a query it lists
 * the projects the user can browse, newest first; Jira's own errors (bad JQL, an unbounded query) are shown as Jira
 * words them. Pages follow `nextPageToken`.
 */
export async function issuesPage(page: PageRequest): Promise<FastifyReply> {
  const query = page.request.query as { jql?: unknown; next?: unknown };
  let jql = typeof query.jql === 'string' ? query.jql : undefined;
  if (jql === undefined) {
    const projects = await page.jira.get('/rest/api/3/project/search?maxResults=50');
    const keys = projects.status === 200 ? ((projects.body as { values?: Array<{ key: string }> }).values ?? []).map((p) => p.key) : [];
    jql = keys.length ? `project in (${keys.join(', ')}) ORDER BY created DESC` : '';
  }
  const next = typeof query.next === 'string' && query.next ? query.next : undefined;
  const params = new URLSearchParams({ jql, fields: 'summary,status,assignee,issuetype', maxResults: String(PAGE_SIZE) });
  if (next) params.set('nextPageToken', next);
  const reply = jql ? await page.jira.get(`/rest/api/3/search/jql?${params.toString()}`) : undefined;

  let results;
  if (!reply) {
    results = html`<p>${page.session.user.displayName} cannot browse any project. Customers follow their requests in the <a href="/servicedesk/customer/user/requests">help center</a>.</p>`;
  } else if (reply.status !== 200) {
    results = errorMessage(errorText(reply), 'Jira could not run this search.');
  } else {
    const body = reply.body as { issues?: IssueRow[]; nextPageToken?: string; isLast?: boolean };
    const issues = body.issues ?? [];
    const rows = issues.map(
      (issue) => html`<tr>
<td><a href="/browse/${enc(issue.key)}">${issue.key}</a></td>
<td>${issue.fields.issuetype?.name ?? ''}</td>
<td>${issue.fields.summary ?? ''}</td>
<td>${statusLozenge(issue.fields.status)}</td>
<td>${personName(issue.fields.assignee)}</td>
</tr>`,
    );
    results = issues.length
      ? html`<table class="list"><caption class="subtle">${issues.length} issue${issues.length === 1 ? '' : 's'} on this page</caption>
<thead><tr><th scope="col">Key</th><th scope="col">Type</th><th scope="col">Summary</th><th scope="col">Status</th><th scope="col">Assignee</th></tr></thead>
<tbody>${rows}</tbody></table>
${body.nextPageToken ? html`<p><a href="/issues?jql=${enc(jql)}&next=${enc(body.nextPageToken)}">Next page</a></p>` : ''}`
      : html`<p>No issues match this search.</p>`;
  }

  return sendPage(page, {
    title: 'Issues',
    body: html`<h1>Issues</h1>
<form method="get" action="/issues" class="field">
<label for="jql">JQL</label>
<input type="text" id="jql" name="jql" value="${jql}" aria-describedby="jql-hint">
<p class="hint" id="jql-hint">For example: project = DEL AND assignee = currentUser() ORDER BY created DESC</p>
<p><button class="button button--primary" type="submit">Search</button></p>
</form>
${results}`,
  });
}
