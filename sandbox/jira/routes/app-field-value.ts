import { z } from 'zod';
import { emitUpdated } from '../events';
import { jiraError, type JiraContext, type Route } from '../router';
import { CUSTOM_FIELDS } from '../site-config';
import type { JiraReply } from '../types';
import { changeItems } from './field-input';
import { parseBody, queryFlag } from './route-kit';

/**
 * PUT /rest/api/3/app/field/{fieldIdOrKey}/value — how a Forge app sets its own custom field (here "Implementation
 * stage", declared read-only in the manifest, so create and edit cannot set it: see field-input.ts).
 *
 * Only the app that provides the field may call it: a user (asUser, or HTTP) gets 403, and so does the app for a
 * field it does not own. Unknown field: 404. Every issue id must exist, else 400 and nothing is written. The value
 * must fit the field's type (a string or null for this one). With `generateChangelog` (default true) a change gets
 * a changelog item, and with `generateAppEvents` (default true) it raises `avi:jira:updated:issue` — the app's own
 * write, so `ignoreSelf` triggers drop it. The issue's `updated` time moves.
 */
const body = z
  .object({
    updates: z.array(z.object({ issueIds: z.array(z.number().int().positive()).min(1), value: z.unknown() }).strict()).min(1),
  })
  .strict();

function updateCustomFieldValue(context: JiraContext, params: Record<string, string>): JiraReply {
  const ref = params.fieldIdOrKey ?? '';
  const field = CUSTOM_FIELDS.find((f) => f.id === ref);
  if (!field) return jiraError(404, `The custom field '${ref}' was not found.`);
  if (context.user || !field.appOwned) return jiraError(403, 'Only the app that provided the field can update its value.');
  const parsed = parseBody(body, context.request.body);
  if (!parsed.ok) return parsed.reply;
  const writes: Array<{ issueId: string; value: unknown }> = [];
  for (const update of parsed.value.updates) {
    if (update.value !== null && field.schema.type === 'string' && typeof update.value !== 'string') return jiraError(400, `The value for ${field.name} must be a string.`);
    if (typeof update.value === 'string' && update.value.length > 255) return jiraError(400, `The value for ${field.name} must be at most 255 characters.`);
    for (const id of update.issueIds) {
      if (!context.store.issue(String(id))) return jiraError(400, `Issue with id '${id}' does not exist.`);
      writes.push({ issueId: String(id), value: update.value });
    }
  }
  const changelog = queryFlag(context.request.query, 'generateChangelog', true);
  const events = queryFlag(context.request.query, 'generateAppEvents', true);
  for (const write of writes) {
    const before = context.store.issue(write.issueId)!;
    if (JSON.stringify(before.customFields[field.id] ?? null) === JSON.stringify(write.value)) continue;
    const after = context.store.updateIssue(before.id, { customFields: { ...before.customFields, [field.id]: write.value } });
    if (changelog && events) emitUpdated(context, after, changeItems(context, before, after));
  }
  return { status: 204 };
}

export const appFieldValueRoutes: Route[] = [{ method: 'PUT', path: '/rest/api/3/app/field/{fieldIdOrKey}/value', handle: updateCustomFieldValue }];
