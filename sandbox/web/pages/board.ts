import type { FastifyReply } from 'fastify';
import type { PageRequest } from '../context';
import { fieldText } from '../format';
import { enc, html } from '../html';
import { errorText } from '../jira-client';
import { errorMessage, personName, sendNotFound, sendPage } from '../layout';

const COLUMNS = [
  { category: 'new', title: 'To Do' },
  { category: 'indeterminate', title: 'In Progress' },
  { category: 'done', title: 'Done' },
] as const;
const STAGE_FIELD_NAME = 'Implementation stage';
const MAX_CARDS = 1000;

interface Card {
  key: string;
  fields: Record<string, unknown> & { summary?: string; status?: { statusCategory?: { key?: string } }; assignee?: unknown; issuetype?: { subtask?: boolean } };
}

/**
 * `/jira/software/projects/<KEY>/boards/1`: the project's board, one column per status category, a card per issue
 * (sub-tasks stay with their parent, as on a Jira board's default) with its key, summary, assignee and the app's
 * "Implementation stage" value when it has one. Read through JQL search as the acting user.
 */
export async function boardPage(page: PageRequest, projectKey: string, boardId: string): Promise<FastifyReply> {
  const project = await page.jira.get(`/rest/api/3/project/${enc(projectKey)}`);
  const type = project.status === 200 ? (project.body as { projectTypeKey?: string; name?: string }) : undefined;
  if (!type || type.projectTypeKey !== 'software' || boardId !== '1') {
    return sendNotFound(page, 'Board not found', `There is no board ${boardId} in project ${projectKey}, or you do not have permission to see it.`);
  }
  const fields = await page.jira.get('/rest/api/3/field');
  const stageField = fields.status === 200 ? (fields.body as Array<{ id: string; name: string }>).find((f) => f.name === STAGE_FIELD_NAME)?.id : undefined;

  const cards: Card[] = [];
  let token: string | undefined;
  let failure: string | undefined;
  do {
    const params = new URLSearchParams({ jql: `project = "${projectKey}" ORDER BY created ASC`, fields: ['summary', 'status', 'assignee', 'issuetype', ...(stageField ? [stageField] : [])].join(','), maxResults: '100' });
    if (token) params.set('nextPageToken', token);
    const reply = await page.jira.get(`/rest/api/3/search/jql?${params.toString()}`);
    if (reply.status !== 200) {
      failure = errorText(reply);
      break;
    }
    const body = reply.body as { issues?: Card[]; nextPageToken?: string };
    cards.push(...(body.issues ?? []));
    token = body.nextPageToken;
  } while (token && cards.length < MAX_CARDS);

  const columns = COLUMNS.map((column) => {
    const inColumn = cards.filter((c) => !c.fields.issuetype?.subtask && (c.fields.status?.statusCategory?.key ?? 'new') === column.category);
    const headingId = `column-${column.category}`;
    return html`<section class="board__column" aria-labelledby="${headingId}">
<h2 id="${headingId}">${column.title} <span class="subtle">(${inColumn.length})</span></h2>
<ul class="board__cards">${inColumn.map((card) => {
      const stage = stageField ? fieldText(card.fields[stageField]) : '';
      return html`<li class="card">
<a href="/browse/${enc(card.key)}">${card.key}</a>
<p>${card.fields.summary ?? ''}</p>
<p class="subtle">Assignee: ${personName(card.fields.assignee)}</p>
${stage ? html`<p>${STAGE_FIELD_NAME}: <strong>${stage}</strong></p>` : ''}
</li>`;
    })}</ul>
</section>`;
  });

  return sendPage(page, {
    title: `${projectKey} board`,
    body: html`<nav class="breadcrumbs" aria-label="Breadcrumbs"><ol><li>${type.name ?? projectKey}</li><li>Board</li></ol></nav>
<h1>${projectKey} board</h1>
${failure ? errorMessage(failure, 'The board could not be loaded.') : html`<div class="board">${columns}</div>`}`,
  });
}
