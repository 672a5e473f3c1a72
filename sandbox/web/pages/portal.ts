import type { FastifyReply } from 'fastify';
import { appFrame } from '../app-frame';
import type { PageRequest } from '../context';
import { fieldText, formatDate } from '../format';
import { enc, html, raw, type SafeHtml } from '../html';
import { errorText } from '../jira-client';
import { errorMessage, personName, sendNotFound, sendPage } from '../layout';

/**
 * The JSM customer portal ("help center"), as the acting user sees it through the JSM REST API: the portal's request
 * types, the request form of a type (its visible fields; a POST raises the request as the acting user), the
 * requests the user can see, and one request with its public comments and the app's portal module.
 */

interface RequestTypeField {
  fieldId: string;
  name: string;
  required: boolean;
  visible?: boolean;
  validValues?: Array<{ value: string; label: string }>;
  jiraSchema?: { type?: string; items?: string };
}

/** What a form field holds: text, or the ticked option ids of a group of checkboxes. */
type FormValue = string | string[];

/** A field whose answer is a list of options (JSM's checkboxes, e.g. "Phases wanted"). */
const isCheckboxes = (field: RequestTypeField): boolean => field.jiraSchema?.type === 'array' && field.jiraSchema.items === 'option' && !!field.validValues?.length;

const REQUEST_NOT_FOUND = 'The request does not exist or you do not have permission to see it.';

export async function portalHomePage(page: PageRequest, portalId: string): Promise<FastifyReply> {
  const desk = await page.jira.get(`/rest/servicedeskapi/servicedesk/${enc(portalId)}`);
  if (desk.status !== 200) return sendNotFound(page, 'Portal not found', `There is no help center portal ${portalId}.`);
  const name = (desk.body as { projectName?: string }).projectName ?? 'Help center';
  const types = await page.jira.get(`/rest/servicedeskapi/servicedesk/${enc(portalId)}/requesttype`);
  const list = types.status === 200 ? ((types.body as { values?: Array<{ id: string; name: string; description?: string }> }).values ?? []) : [];
  return sendPage(page, {
    title: name,
    body: html`<h1>${name}</h1>
<p>Welcome to the help center. What can we help you with?</p>
${types.status !== 200 ? errorMessage(errorText(types)) : ''}
<ul class="plain-list">${list.map(
      (t) => html`<li class="comment"><a href="/servicedesk/customer/portal/${enc(portalId)}/create/${enc(t.id)}"><strong>${t.name}</strong></a><p class="subtle">${t.description ?? ''}</p></li>`,
    )}</ul>
<p><a href="/servicedesk/customer/user/requests">Requests you can see</a></p>`,
  });
}

async function requestTypeOf(page: PageRequest, portalId: string, requestTypeId: string) {
  const type = await page.jira.get(`/rest/servicedeskapi/servicedesk/${enc(portalId)}/requesttype/${enc(requestTypeId)}`);
  if (type.status !== 200) return undefined;
  const fields = await page.jira.get(`/rest/servicedeskapi/servicedesk/${enc(portalId)}/requesttype/${enc(requestTypeId)}/field`);
  const all = fields.status === 200 ? ((fields.body as { requestTypeFields?: RequestTypeField[] }).requestTypeFields ?? []) : [];
  return { type: type.body as { id: string; name: string; description?: string; helpText?: string }, fields: all.filter((f) => f.visible !== false) };
}

export async function createRequestPage(
  page: PageRequest,
  portalId: string,
  requestTypeId: string,
  submitted?: { values: Record<string, FormValue>; fieldErrors: Record<string, string>; error?: string },
): Promise<FastifyReply> {
  const found = await requestTypeOf(page, portalId, requestTypeId);
  if (!found) return sendNotFound(page, 'Request type not found', `The help center ${portalId} has no request type ${requestTypeId}.`);
  const values = submitted?.values ?? {};
  const fieldErrors = submitted?.fieldErrors ?? {};
  const inputs = found.fields.map((field) => (isCheckboxes(field) ? checkboxGroup(field, values[field.fieldId], fieldErrors[field.fieldId]) : fieldInput(field, textOf(values[field.fieldId]), fieldErrors[field.fieldId])));
  return sendPage(page, {
    title: found.type.name,
    status: submitted ? 400 : 200,
    body: html`<nav class="breadcrumbs" aria-label="Breadcrumbs"><ol><li><a href="/servicedesk/customer/portal/${enc(portalId)}">Help center</a></li><li>${found.type.name}</li></ol></nav>
<h1>${found.type.name}</h1>
<p class="subtle">${found.type.description ?? ''}</p>
${found.type.helpText ? html`<p>${found.type.helpText}</p>` : ''}
${submitted?.error ? errorMessage(submitted.error, 'The request was not created.') : ''}
${Object.keys(fieldErrors).length ? errorMessage('Some fields need your attention; they are marked below.', 'The request was not created.') : ''}
<form method="post" action="/servicedesk/customer/portal/${enc(portalId)}/create/${enc(requestTypeId)}" novalidate>
${inputs}
<p><button class="button button--primary" type="submit">Send</button> <a href="/servicedesk/customer/portal/${enc(portalId)}">Cancel</a></p>
</form>`,
  });
}

function fieldInput(field: RequestTypeField, value: string, error: string | undefined): SafeHtml {
  const id = `field-${field.fieldId}`;
  const attributes = html`id="${id}" name="${field.fieldId}"${error ? html` aria-describedby="${id}-error" aria-invalid="true"` : ''}${field.required ? raw(' required aria-required="true"') : ''}`;
  let control: SafeHtml;
  if (field.fieldId === 'description') control = html`<textarea ${attributes}>${value}</textarea>`;
  else if (field.validValues && field.validValues.length) {
    control = html`<select ${attributes}><option value="">${field.required ? 'Select…' : 'None'}</option>${field.validValues.map(
      (o) => html`<option value="${o.value}"${o.value === value ? raw(' selected') : ''}>${o.label}</option>`,
    )}</select>`;
  } else if (field.jiraSchema?.type === 'number') control = html`<input type="number" step="any" inputmode="decimal" ${attributes} value="${value}">`;
  else control = html`<input type="text" ${attributes} value="${value}">`;
  return html`<div class="field">
<label for="${id}">${field.name}${field.required ? html` <span class="subtle">(required)</span>` : ''}</label>
${control}
${error ? html`<p class="field-error" id="${id}-error">${error}</p>` : ''}
</div>`;
}

const textOf = (value: FormValue | undefined): string => (typeof value === 'string' ? value : '');

/**
 * A group of checkboxes (JSM's checkbox field): a fieldset whose legend names the field, one native checkbox per
 * option (so Tab and Space work as everywhere), the error tied to the group.
 */
function checkboxGroup(field: RequestTypeField, value: FormValue | undefined, error: string | undefined): SafeHtml {
  const id = `field-${field.fieldId}`;
  const ticked = Array.isArray(value) ? value : value ? [value] : [];
  const boxes = (field.validValues ?? []).map(
    (o, i) => html`<li><input type="checkbox" id="${id}-${i}" name="${field.fieldId}" value="${o.value}"${ticked.includes(o.value) ? raw(' checked') : ''}> <label for="${id}-${i}">${o.label}</label></li>`,
  );
  // A group takes neither aria-required nor (in ARIA 1.2) aria-invalid: the legend says required, the error is linked.
  return html`<fieldset class="field checkbox-group" id="${id}"${error ? html` aria-describedby="${id}-error"` : ''}>
<legend>${field.name}${field.required ? html` <span class="subtle">(required)</span>` : html` <span class="subtle">(optional: tick all that apply)</span>`}</legend>
<ul class="plain-list">${boxes}</ul>
${error ? html`<p class="field-error" id="${id}-error">${error}</p>` : ''}
</fieldset>`;
}

export async function submitRequest(page: PageRequest, portalId: string, requestTypeId: string): Promise<FastifyReply> {
  const found = await requestTypeOf(page, portalId, requestTypeId);
  if (!found) return sendNotFound(page, 'Request type not found', `The help center ${portalId} has no request type ${requestTypeId}.`);
  const form = (page.request.body ?? {}) as Record<string, unknown>;
  const values: Record<string, FormValue> = {};
  const fieldErrors: Record<string, string> = {};
  const requestFieldValues: Record<string, unknown> = {};
  for (const field of found.fields) {
    if (isCheckboxes(field)) {
      const given = form[field.fieldId];
      const ids = (Array.isArray(given) ? given : [given]).filter((v): v is string => typeof v === 'string' && v !== '');
      values[field.fieldId] = ids;
      if (ids.length) requestFieldValues[field.fieldId] = ids.map((id) => ({ id }));
      else if (field.required) fieldErrors[field.fieldId] = `Tick at least one of ${field.name}.`;
      continue;
    }
    const text = typeof form[field.fieldId] === 'string' ? (form[field.fieldId] as string) : '';
    values[field.fieldId] = text;
    if (text.trim() === '') {
      if (field.required) fieldErrors[field.fieldId] = `${field.name} is required.`;
      continue;
    }
    if (field.validValues && field.validValues.length) requestFieldValues[field.fieldId] = { id: text };
    else if (field.jiraSchema?.type === 'number') {
      const n = Number(text);
      if (!Number.isFinite(n)) fieldErrors[field.fieldId] = `${field.name} must be a number.`;
      else requestFieldValues[field.fieldId] = n;
    } else requestFieldValues[field.fieldId] = text;
  }
  if (Object.keys(fieldErrors).length) return createRequestPage(page, portalId, requestTypeId, { values, fieldErrors });
  const created = await page.jira.post('/rest/servicedeskapi/request', { serviceDeskId: portalId, requestTypeId, requestFieldValues });
  if (created.status !== 201) return createRequestPage(page, portalId, requestTypeId, { values, fieldErrors: {}, error: errorText(created) });
  const key = (created.body as { issueKey: string }).issueKey;
  return page.reply.redirect(`/servicedesk/customer/portal/${enc(portalId)}/${enc(key)}`, 303);
}

interface CustomerRequest {
  issueKey: string;
  summary?: string;
  serviceDeskId?: string;
  requestTypeId?: string;
  createdDate?: { iso8601?: string; jira?: string };
  reporter?: { displayName?: string };
  currentStatus?: { status?: string; statusCategory?: string };
  requestType?: { name?: string };
  requestFieldValues?: Array<{ fieldId: string; label: string; value: unknown }>;
}

function statusText(request: CustomerRequest): SafeHtml {
  const category = request.currentStatus?.statusCategory === 'DONE' ? 'done' : request.currentStatus?.statusCategory === 'INDETERMINATE' ? 'indeterminate' : 'new';
  return html`<span class="lozenge lozenge--${category}">${request.currentStatus?.status ?? 'Unknown'}</span>`;
}

export async function myRequestsPage(page: PageRequest): Promise<FastifyReply> {
  const query = page.request.query as { start?: unknown };
  const start = typeof query.start === 'string' && /^\d+$/.test(query.start) ? Number(query.start) : 0;
  const reply = await page.jira.get(`/rest/servicedeskapi/request?limit=50&start=${start}&expand=requestType`);
  let content: SafeHtml;
  if (reply.status !== 200) content = errorMessage(errorText(reply));
  else {
    const body = reply.body as { values?: CustomerRequest[]; isLastPage?: boolean; size?: number };
    const rows = (body.values ?? []).map(
      (r) => html`<tr>
<td><a href="/servicedesk/customer/portal/${enc(r.serviceDeskId ?? '1')}/${enc(r.issueKey)}">${r.issueKey}</a></td>
<td>${r.summary ?? ''}</td><td>${statusText(r)}</td><td>${r.requestType?.name ?? ''}</td><td>${personName(r.reporter, 'Unknown')}</td>
<td>${formatDate(r.createdDate?.jira ?? r.createdDate?.iso8601, page.session.user.timeZone)}</td>
</tr>`,
    );
    content = rows.length
      ? html`<table class="list"><thead><tr><th scope="col">Reference</th><th scope="col">Summary</th><th scope="col">Status</th><th scope="col">Request type</th><th scope="col">Raised by</th><th scope="col">Created</th></tr></thead><tbody>${rows}</tbody></table>
${body.isLastPage === false ? html`<p><a href="/servicedesk/customer/user/requests?start=${start + (body.size ?? 50)}">Next page</a></p>` : ''}`
      : html`<p>You have no requests yet. <a href="/servicedesk/customer/portal/1">Raise one in the help center.</a></p>`;
  }
  return sendPage(page, { title: 'Requests', body: html`<h1>Requests</h1>${content}` });
}

export async function requestViewPage(page: PageRequest, portalId: string, key: string): Promise<FastifyReply> {
  const reply = await page.jira.get(`/rest/servicedeskapi/request/${enc(key)}?expand=requestType`);
  const request = reply.status === 200 ? (reply.body as CustomerRequest) : undefined;
  if (!request || request.serviceDeskId !== portalId) return sendNotFound(page, 'Request not found', REQUEST_NOT_FOUND);
  const comments = await page.jira.get(`/rest/servicedeskapi/request/${enc(key)}/comment?internal=false`);
  const publicComments = comments.status === 200 ? ((comments.body as { values?: Array<{ id: string; body?: string; author?: unknown; created?: { jira?: string } }> }).values ?? []) : [];
  const zone = page.session.user.timeZone;
  const fields = (request.requestFieldValues ?? [])
    .filter((f) => f.fieldId !== 'summary')
    .map((f) => html`<dt>${f.label}</dt><dd>${fieldText(f.value)}</dd>`);
  const extension = { request: { key: request.issueKey, typeId: Number(request.requestTypeId ?? 0) }, portal: { id: Number(portalId) } };
  const modules = [...page.web.config.modules.values()].filter((m) => m.type === 'jiraServiceManagement:portalRequestDetail').map((m) => appFrame(page, m.key, extension, 'panel'));
  return sendPage(page, {
    title: `${request.issueKey}: ${request.summary ?? ''}`,
    body: html`<nav class="breadcrumbs" aria-label="Breadcrumbs"><ol><li><a href="/servicedesk/customer/portal/${enc(portalId)}">Help center</a></li><li><a href="/servicedesk/customer/user/requests">Requests</a></li><li>${request.issueKey}</li></ol></nav>
<h1>${request.summary ?? request.issueKey}</h1>
<div class="issue-layout">
<div>
<div class="details"><dl>
<dt>Reference</dt><dd>${request.issueKey}</dd>
${fields}
</dl></div>
${modules}
<h2>Activity</h2>
${publicComments.length
  ? html`<ul class="comments">${publicComments.map(
      (c) => html`<li class="comment"><p class="comment__meta"><strong>${personName(c.author, 'Unknown')}</strong> <span class="subtle">${formatDate(c.created?.jira, zone)}</span></p>${(c.body ?? '').split(/\n{2,}/).map((p) => html`<p>${p}</p>`)}</li>`,
    )}</ul>`
  : html`<p class="subtle">No comments yet.</p>`}
</div>
<aside class="details" aria-labelledby="request-status-heading">
<h2 id="request-status-heading">Status</h2>
<p>${statusText(request)}</p>
<dl>
<dt>Request type</dt><dd>${request.requestType?.name ?? ''}</dd>
<dt>Raised by</dt><dd>${personName(request.reporter, 'Unknown')}</dd>
<dt>Created</dt><dd>${formatDate(request.createdDate?.jira ?? request.createdDate?.iso8601, zone)}</dd>
</dl>
</aside>
</div>`,
  });
}
