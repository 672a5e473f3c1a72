import type { FastifyReply } from 'fastify';
import { appFrame } from '../app-frame';
import type { PageRequest } from '../context';
import { adfHtml, fieldText, formatDate, formatDuration, mentionedAccountIds } from '../format';
import { enc, html, type SafeHtml } from '../html';
import { errorText } from '../jira-client';
import { errorMessage, personName, sendNotFound, sendPage, statusLozenge } from '../layout';

type Fields = Record<string, unknown> & {
  summary?: string;
  description?: unknown;
  issuetype?: { id?: string; name?: string; subtask?: boolean };
  project?: { id?: string; key?: string; name?: string; projectTypeKey?: string };
  status?: unknown;
  assignee?: unknown;
  reporter?: unknown;
  created?: string;
  updated?: string;
  labels?: string[];
  parent?: { key?: string; fields?: { summary?: string } };
  comment?: { comments?: Comment[] };
  worklog?: { total?: number; worklogs?: Worklog[] };
  issuelinks?: Link[];
  subtasks?: IssueRef[];
};
interface Comment {
  id: string;
  author?: unknown;
  body?: unknown;
  created?: string;
  jsdPublic?: boolean;
}
interface Worklog {
  id: string;
  author?: unknown;
  started?: string;
  timeSpentSeconds?: number;
  comment?: unknown;
}
interface IssueRef {
  key: string;
  fields?: { summary?: string; status?: unknown };
}
interface Link {
  id: string;
  type?: { inward?: string; outward?: string };
  inwardIssue?: IssueRef;
  outwardIssue?: IssueRef;
}

/**
 * `/browse/<KEY>`: the issue as the acting user may see it (GET /rest/api/3/issue with field names): summary,
 * details, custom fields by name, description, links, sub-tasks, the app's issue panel, comments (internal ones
 * marked) and worklogs with their total. Someone who cannot browse the issue gets Jira's not-found page.
 */
export async function issueViewPage(page: PageRequest, key: string): Promise<FastifyReply> {
  const reply = await page.jira.get(`/rest/api/3/issue/${enc(key)}?expand=names`);
  if (reply.status === 404 || reply.status === 403) {
    const asRequest = await page.jira.get(`/rest/servicedeskapi/request/${enc(key)}`);
    const portal = asRequest.status === 200 ? html`<p>You can follow this request in the <a href="/servicedesk/customer/portal/1/${enc(key)}">help center</a>.</p>` : '';
    return sendPage(page, {
      title: 'Issue not found',
      status: 404,
      body: html`<h1>Issue not found</h1>${errorMessage(`The issue ${key} does not exist or you do not have permission to see it.`)}${portal}`,
    });
  }
  if (reply.status !== 200) return sendNotFound(page, 'Issue not available', errorText(reply));
  const issue = reply.body as { id: string; key: string; fields: Fields; names?: Record<string, string> };
  const f = issue.fields;
  const zone = page.session.user.timeZone;
  const names = issue.names ?? {};

  let worklogs = f.worklog?.worklogs ?? [];
  if ((f.worklog?.total ?? 0) > worklogs.length) {
    const all = await page.jira.get(`/rest/api/3/issue/${enc(issue.key)}/worklog?maxResults=5000`);
    if (all.status === 200) worklogs = (all.body as { worklogs?: Worklog[] }).worklogs ?? worklogs;
  }
  const totalSeconds = worklogs.reduce((sum, w) => sum + (w.timeSpentSeconds ?? 0), 0);

  const customFields = Object.entries(f)
    .filter(([id, value]) => id.startsWith('customfield_') && value !== null && value !== undefined && fieldText(value) !== '')
    .map(([id, value]) => html`<dt>${names[id] ?? id}</dt><dd>${fieldText(value)}</dd>`);

  const extension = {
    issue: { id: issue.id, key: issue.key, type: f.issuetype?.name ?? '', typeId: f.issuetype?.id ?? '' },
    project: { id: f.project?.id ?? '', key: f.project?.key ?? '', type: f.project?.projectTypeKey ?? '' },
    isNewToIssue: false,
  };
  const panels = [...page.web.config.modules.values()].filter((m) => m.type === 'jira:issuePanel').map((m) => appFrame(page, m.key, extension, 'panel'));

  const mentioned = await mentionNames(page, [f.description, ...(f.comment?.comments ?? []).map((c) => c.body)]);
  const comments = (f.comment?.comments ?? []).map(
    (c) => html`<li class="comment${c.jsdPublic === false ? ' comment--internal' : ''}">
<p class="comment__meta"><strong>${personName(c.author, 'Unknown')}</strong> <span class="subtle">${formatDate(c.created, zone)}</span>
${c.jsdPublic === false ? html` <span class="lozenge lozenge--internal">Internal note</span>` : ''}</p>
<div>${adfHtml(c.body, mentioned)}</div>
</li>`,
  );
  const worklogRows = worklogs.map(
    (w) => html`<tr><td>${personName(w.author, 'Unknown')}</td><td>${formatDate(w.started, zone)}</td><td>${formatDuration(w.timeSpentSeconds ?? 0)}</td><td>${w.comment ? fieldText(w.comment) : ''}</td></tr>`,
  );
  const isRequest = f.project?.projectTypeKey === 'service_desk';

  return sendPage(page, {
    title: `${issue.key}: ${f.summary ?? ''}`,
    body: html`<nav class="breadcrumbs" aria-label="Breadcrumbs"><ol>
<li><a href="/issues?jql=${enc(`project = ${f.project?.key ?? ''} ORDER BY created DESC`)}">${f.project?.name ?? f.project?.key ?? ''}</a></li>
${f.parent?.key ? html`<li><a href="/browse/${enc(f.parent.key)}">${f.parent.key}</a></li>` : ''}
<li><a href="/browse/${enc(issue.key)}" aria-current="page">${issue.key}</a></li>
</ol></nav>
<h1>${f.summary ?? issue.key}</h1>
<div class="issue-layout">
<div>
<h2>Description</h2>
<div class="description">${f.description ? adfHtml(f.description, mentioned) : html`<p class="subtle">No description.</p>`}</div>
${links(f.issuelinks ?? [])}
${subtasks(f.subtasks ?? [])}
${panels}
<h2>Comments</h2>
${comments.length ? html`<ul class="comments">${comments}</ul>` : html`<p class="subtle">No comments yet.</p>`}
<h2>Work log</h2>
${worklogs.length
  ? html`<table class="list"><caption class="subtle">Total time logged: <strong>${formatDuration(totalSeconds)}</strong></caption>
<thead><tr><th scope="col">Who</th><th scope="col">Started</th><th scope="col">Time spent</th><th scope="col">Comment</th></tr></thead><tbody>${worklogRows}</tbody></table>`
  : html`<p class="subtle">No work logged. Total time logged: 0m.</p>`}
</div>
<aside class="details" aria-labelledby="details-heading">
<h2 id="details-heading">Details</h2>
<dl>
<dt>Status</dt><dd>${statusLozenge(f.status)}</dd>
<dt>Type</dt><dd>${f.issuetype?.name ?? ''}</dd>
<dt>Assignee</dt><dd>${personName(f.assignee)}</dd>
<dt>Reporter</dt><dd>${personName(f.reporter, 'Nobody')}</dd>
${f.labels?.length ? html`<dt>Labels</dt><dd>${f.labels.join(', ')}</dd>` : ''}
${customFields}
<dt>Created</dt><dd>${formatDate(f.created, zone)}</dd>
<dt>Updated</dt><dd>${formatDate(f.updated, zone)}</dd>
</dl>
${isRequest ? html`<p><a href="/servicedesk/customer/portal/1/${enc(issue.key)}">View in the help center</a></p>` : ''}
</aside>
</div>`,
  });
}

/**
 * The names of the people mentioned in these ADF bodies, as the acting user may see them (Jira's user bulk API, up to
 * ten accounts a call): Jira shows a mention that carries no text (its `text` is optional) by its account's name.
 */
async function mentionNames(page: PageRequest, bodies: unknown[]): Promise<Map<string, string>> {
  const ids = [...bodies.reduce<Set<string>>((set, body) => mentionedAccountIds(body, set), new Set())];
  const names = new Map<string, string>();
  for (let i = 0; i < ids.length; i += 10) {
    const query = ids.slice(i, i + 10).map((id) => `accountId=${encodeURIComponent(id)}`).join('&');
    const reply = await page.jira.get(`/rest/api/3/user/bulk?${query}`);
    if (reply.status !== 200) continue;
    for (const user of (reply.body as { values?: Array<{ accountId?: string; displayName?: string }> }).values ?? []) {
      if (user.accountId && user.displayName) names.set(user.accountId, user.displayName);
    }
  }
  return names;
}

function issueLink(ref: IssueRef | undefined): SafeHtml {
  if (!ref) return html``;
  return html`<a href="/browse/${enc(ref.key)}">${ref.key}</a> ${ref.fields?.summary ?? ''} ${statusLozenge(ref.fields?.status)}`;
}

function links(list: Link[]): SafeHtml {
  if (!list.length) return html``;
  const items = list.map((l) => html`<li>${l.outwardIssue ? l.type?.outward ?? 'relates to' : l.type?.inward ?? 'relates to'} ${issueLink(l.outwardIssue ?? l.inwardIssue)}</li>`);
  return html`<h2>Linked issues</h2><ul class="plain-list">${items}</ul>`;
}

function subtasks(list: IssueRef[]): SafeHtml {
  if (!list.length) return html``;
  return html`<h2>Sub-tasks</h2><ul class="plain-list">${list.map((s) => html`<li>${issueLink(s)}</li>`)}</ul>`;
}
