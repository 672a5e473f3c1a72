import { z } from 'zod';
import { emitCreated } from '../events';
import type { JiraContext, Route } from '../router';
import { isMultiOption, type FieldConfig, type RequestTypeConfig } from '../site-config';
import type { JiraReply } from '../types';
import { customerRequestDTO } from './customer-requests';
import { requestTypeOf } from './servicedesk-catalogue';
import { fieldConfig, isAdfDocument, isAgent, jsmError, REQUEST_PARTICIPANTS_FIELD, serviceDesk, textToAdf } from './servicedesk-common';

/**
 * POST /rest/servicedeskapi/request (RequestCreateDTO → 201 CustomerRequestDTO).
 *
 * - The body is checked against the spec's strict RequestCreateDTO; unknown keys, an unknown service desk or a request
 *   type the desk does not have are 400s (the operation documents no 404).
 * - `requestFieldValues` may hold only the request type's form fields; every required one must have a value. A
 *   select takes one option and checkboxes ("Phases wanted") a list, each as `{id}`, `{value}` or the bare id or
 *   text; an option the field does not have is a 400 and nothing is created. An empty list is no value.
 * - The type's presets (hidden fields such as Type of Inquiry) are applied; the issue gets the type's issue type.
 * - `raiseOnBehalfOf` and `requestParticipants` are for agents only, as JSM documents ("not available to users who
 *   have the customer permission only"); a customer naming themselves as `raiseOnBehalfOf` is harmless and allowed.
 * - Sharing: on the portal the customer picks whether to share with an organisation; the API has no such field. Here
 *   a request is shared with the reporter's organisation when they belong to exactly one (the demo's partners), and
 *   with none when they belong to several or none — the choice would be ambiguous.
 * - `form` answers and `channel` are accepted and ignored (JSM does not validate form answers either).
 */

const id = z.union([z.string().min(1), z.number().int().nonnegative()]).transform(String);
const requestCreate = z
  .object({
    serviceDeskId: id,
    requestTypeId: id,
    requestFieldValues: z.record(z.unknown()).optional(),
    raiseOnBehalfOf: z.string().min(1).optional(),
    requestParticipants: z.array(z.string().min(1)).optional(),
    isAdfRequest: z.boolean().optional(),
    channel: z.string().optional(),
    form: z.unknown().optional(),
  })
  .strict();

type Parsed = { ok: true; value: unknown } | { ok: false; message: string };

const MAX_TEXT = 255;

/** One field's input, in Jira's field input formats, to the value the store keeps. */
function parseFieldValue(fieldId: string, raw: unknown, adf: boolean): Parsed {
  const config = fieldConfig(fieldId);
  const name = config?.name ?? fieldId;
  if (fieldId === 'description') {
    if (adf) return isAdfDocument(raw) ? { ok: true, value: raw } : { ok: false, message: `${name}: with isAdfRequest, give an ADF document.` };
    return typeof raw === 'string' ? { ok: true, value: textToAdf(raw) } : { ok: false, message: `${name}: give text (or set isAdfRequest and give ADF).` };
  }
  switch (config?.schema.type) {
    case 'string':
      if (typeof raw !== 'string') return { ok: false, message: `${name}: give text.` };
      if (raw.length > MAX_TEXT) return { ok: false, message: `${name}: at most ${MAX_TEXT} characters.` };
      return { ok: true, value: fieldId === 'summary' ? raw.trim() : raw };
    case 'number':
      return typeof raw === 'number' && Number.isFinite(raw) ? { ok: true, value: raw } : { ok: false, message: `${name}: give a number.` };
    case 'option':
      return optionOf(config, raw);
    case 'array': {
      if (!isMultiOption(config)) return { ok: true, value: raw };
      // Checkboxes: a list of options, each `{id}`, `{value}` or the id or text itself, as for a select.
      if (!Array.isArray(raw)) return { ok: false, message: `${name}: give a list of options.` };
      const ticked: Array<{ id: string; value: string }> = [];
      for (const item of raw) {
        const option = optionOf(config, item);
        if (!option.ok) return option;
        const value = option.value as { id: string; value: string };
        if (!ticked.some((o) => o.id === value.id)) ticked.push(value);
      }
      return { ok: true, value: ticked };
    }
    default:
      return { ok: true, value: raw };
  }
}

/** One option of a select or checkbox field, given as `{id}`, `{value}`, or the option's id or text. */
function optionOf(config: FieldConfig, raw: unknown): Parsed {
  const ref = typeof raw === 'string' ? { id: raw, value: raw } : raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as { id?: unknown; value?: unknown }) : undefined;
  const option = ref && config.options?.find((o) => o.id === ref.id || o.value === ref.value);
  if (!option) return { ok: false, message: `${config.name}: '${JSON.stringify(raw)}' is not one of ${(config.options ?? []).map((o) => o.value).join(', ')}.` };
  return { ok: true, value: { id: option.id, value: option.value } };
}

const isEmpty = (value: unknown) =>
  value === undefined || value === null || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0);

/** The type's presets in the store's shape (a select preset gets its option's text beside its id). */
function presetValues(type: RequestTypeConfig): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(type.presets).map(([fieldId, preset]) => {
      const parsed = parseFieldValue(fieldId, preset, false);
      return [fieldId, parsed.ok ? parsed.value : preset];
    }),
  );
}

function createRequest(context: JiraContext): JiraReply {
  const parsed = requestCreate.safeParse(context.request.body ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return jsmError(400, issue ? `${issue.path.join('.') || 'body'}: ${issue.message}` : 'The request is not valid.');
  }
  const input = parsed.data;
  const desk = serviceDesk(context, input.serviceDeskId);
  if (!desk) return jsmError(400, `The service desk ${input.serviceDeskId} does not exist.`);
  const type = requestTypeOf(desk, input.requestTypeId);
  if (!type) return jsmError(400, `The request type ${input.requestTypeId} does not exist in service desk ${desk.id}.`);

  const user = context.user;
  const agent = isAgent(user, desk.project);
  if (input.raiseOnBehalfOf !== undefined && input.raiseOnBehalfOf !== user?.accountId) {
    if (!agent) return jsmError(403, 'Only agents can raise a request on behalf of someone else.');
    if (!context.store.user(input.raiseOnBehalfOf)) return jsmError(400, `raiseOnBehalfOf: no user with account id ${input.raiseOnBehalfOf}.`);
  }
  const reporter = input.raiseOnBehalfOf ?? user?.accountId;
  if (!reporter) return jsmError(400, 'raiseOnBehalfOf: the app has no user of its own; name the customer the request is for.');
  const participants = [...new Set(input.requestParticipants ?? [])];
  if (participants.length > 0 && !agent) return jsmError(403, 'Only agents can add request participants.');
  const unknownParticipant = participants.find((p) => !context.store.user(p));
  if (unknownParticipant) return jsmError(400, `requestParticipants: no user with account id ${unknownParticipant}.`);

  const given = input.requestFieldValues ?? {};
  const onForm = new Set(type.fields.map((f) => f.fieldId));
  const notOnForm = Object.keys(given).filter((fieldId) => !onForm.has(fieldId));
  if (notOnForm.length) return jsmError(400, `Fields not on the '${type.name}' request type: ${notOnForm.join(', ')}.`);
  const missing = type.fields.filter((f) => f.required && isEmpty(given[f.fieldId])).map((f) => fieldConfig(f.fieldId)?.name ?? f.fieldId);
  if (missing.length) return jsmError(400, `Required fields have no value: ${missing.join(', ')}.`);

  const values: Record<string, unknown> = {};
  for (const [fieldId, raw] of Object.entries(given)) {
    if (isEmpty(raw)) continue;
    const value = parseFieldValue(fieldId, raw, input.isAdfRequest === true);
    if (!value.ok) return jsmError(400, value.message);
    values[fieldId] = value.value;
  }
  const { summary, description, ...customFields } = values;
  if (typeof summary !== 'string' || !summary) return jsmError(400, 'Summary: every request needs one.');

  const memberOf = context.store.organizationsOf(reporter);
  const issue = context.store.createIssue({
    projectKey: desk.project.key,
    issueTypeId: type.issueTypeId,
    summary,
    description: description ?? null,
    reporter,
    creator: user?.accountId ?? reporter,
    customFields: { ...presetValues(type), ...customFields, ...(participants.length ? { [REQUEST_PARTICIPANTS_FIELD]: participants.map((accountId) => ({ accountId })) } : {}) },
    requestTypeId: type.id,
    organizationIds: memberOf.length === 1 ? memberOf : [],
  });
  emitCreated(context, issue);
  return { status: 201, body: customerRequestDTO(context, issue, desk) };
}

export const serviceDeskRequestCreateRoutes: Route[] = [{ method: 'POST', path: '/rest/servicedeskapi/request', handle: createRequest }];
