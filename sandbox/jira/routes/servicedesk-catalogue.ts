import type { ProjectRow } from '../jira-store';
import type { JiraContext, Route } from '../router';
import { REQUEST_TYPES, type RequestTypeConfig } from '../site-config';
import type { JiraReply } from '../types';
import { fieldConfig, isAgent, isDeskAdmin, isReply, jsmError, multiValue, pagedDTO, pageParams, serviceDesk, serviceDesks } from './servicedesk-common';

/**
 * Service desks and their request types: GET /servicedesk[/{id}], GET /requesttype, GET /servicedesk/{id}/requesttype
 * [/{requestTypeId}[/field]]. Every signed-in user may read them (customers need them to raise requests); only
 * service desk administrators see a request type's hidden fields (its presets), as in JSM.
 */

type Desk = { id: string; project: ProjectRow };

export function serviceDeskDTO(context: JiraContext, desk: Desk): Record<string, unknown> {
  return {
    id: desk.id,
    projectId: desk.project.id,
    projectName: desk.project.name,
    projectKey: desk.project.key,
    projectTypeKey: desk.project.projectTypeKey,
    _links: { self: `${context.baseUrl}/rest/servicedeskapi/servicedesk/${desk.id}` },
  };
}

/** The desk's request types (all configured types belong to the one desk). */
export function requestTypesOf(_desk: Desk): RequestTypeConfig[] {
  return REQUEST_TYPES;
}

export function requestTypeOf(desk: Desk, requestTypeId: string): RequestTypeConfig | undefined {
  return requestTypesOf(desk).find((t) => t.id === requestTypeId);
}

export function requestTypeDTO(context: JiraContext, desk: Desk, type: RequestTypeConfig, expand: string[] = []): Record<string, unknown> {
  const icon = (size: string) => `${context.baseUrl}/rest/api/2/universal_avatar/view/type/SD_REQTYPE/avatar/${type.id}?size=${size}`;
  return {
    _expands: [],
    id: type.id,
    _links: { self: `${context.baseUrl}/rest/servicedeskapi/servicedesk/${desk.id}/requesttype/${type.id}` },
    name: type.name,
    description: type.description,
    ...(type.helpText ? { helpText: type.helpText } : {}),
    issueTypeId: type.issueTypeId,
    serviceDeskId: desk.id,
    portalId: desk.id,
    groupIds: [],
    icon: { id: type.id, _links: { iconUrls: { '48x48': icon('large'), '24x24': icon('small'), '16x16': icon('xsmall'), '32x32': icon('medium') } } },
    restrictionStatus: 'OPEN',
    canCreateRequest: true,
    ...(expand.includes('field') ? { fields: createMetaDTO(context, desk, type) } : {}),
  };
}

/**
 * CustomerRequestCreateMetaDTO: the type's form fields in order, with the options of select fields as `validValues`
 * (`value` is the option id, `label` its text). Preset fields are hidden from the form: only desk admins get them,
 * with `visible:false` and the preset in `presetValues`.
 */
export function createMetaDTO(context: JiraContext, desk: Desk, type: RequestTypeConfig): Record<string, unknown> {
  const agent = isAgent(context.user, desk.project);
  const field = (fieldId: string, required: boolean, visible: boolean, preset: unknown) => {
    const config = fieldConfig(fieldId);
    const presetId = preset && typeof preset === 'object' ? (preset as { id?: unknown; value?: unknown }).id ?? (preset as { value?: unknown }).value : preset;
    return {
      fieldId,
      name: config?.name ?? fieldId,
      description: '',
      required,
      visible,
      validValues: (config?.options ?? []).map((o) => ({ value: o.id, label: o.value, children: [] })),
      defaultValues: [],
      presetValues: preset === undefined ? [] : [String(presetId)],
      jiraSchema: config ? { ...config.schema } : { type: 'any' },
    };
  };
  const visible = type.fields.map((f) => field(f.fieldId, f.required, true, undefined));
  const hidden = isDeskAdmin(context.user, desk.project) ? Object.entries(type.presets).map(([fieldId, preset]) => field(fieldId, false, false, preset)) : [];
  return { canAddRequestParticipants: agent, canRaiseOnBehalfOf: agent, requestTypeFields: [...visible, ...hidden] };
}

function deskFrom(context: JiraContext, ref: string | undefined): Desk | JiraReply {
  const desk = ref ? serviceDesk(context, ref) : undefined;
  return desk ?? jsmError(404, `The service desk ${ref ?? ''} does not exist.`);
}

/** searchQuery matches the type's name or description; restrictionStatus is `open` or `restricted` (all are open). */
function filterTypes(query: URLSearchParams, types: RequestTypeConfig[]): RequestTypeConfig[] | JiraReply {
  const search = (query.get('searchQuery') ?? '').trim().toLowerCase();
  const restriction = (query.get('restrictionStatus') ?? '').toLowerCase();
  if (restriction && restriction !== 'open' && restriction !== 'restricted') return jsmError(400, 'restrictionStatus must be open or restricted.');
  return types.filter((t) => (!search || `${t.name} ${t.description}`.toLowerCase().includes(search)) && restriction !== 'restricted');
}

export const serviceDeskCatalogueRoutes: Route[] = [
  {
    method: 'GET',
    path: '/rest/servicedeskapi/servicedesk',
    handle: (context) => {
      const page = pageParams(context.request.query);
      if (isReply(page)) return page;
      return { status: 200, body: pagedDTO(context, serviceDesks(context), page, (d) => serviceDeskDTO(context, d)) };
    },
  },
  {
    method: 'GET',
    path: '/rest/servicedeskapi/servicedesk/{serviceDeskId}',
    handle: (context, params) => {
      const desk = deskFrom(context, params.serviceDeskId);
      return isReply(desk) ? desk : { status: 200, body: serviceDeskDTO(context, desk) };
    },
  },
  {
    method: 'GET',
    path: '/rest/servicedeskapi/requesttype',
    handle: (context) => {
      const query = context.request.query;
      const page = pageParams(query);
      if (isReply(page)) return page;
      const deskIds = multiValue(query, 'serviceDeskId');
      if (deskIds.some((id) => !/^\d+$/.test(id))) return jsmError(400, 'serviceDeskId must be a list of integers.');
      const desks = serviceDesks(context).filter((d) => deskIds.length === 0 || deskIds.includes(d.id));
      const all = desks.flatMap((desk) => requestTypesOf(desk).map((type) => ({ desk, type })));
      const kept = filterTypes(query, all.map((e) => e.type));
      if (isReply(kept)) return kept;
      const expand = multiValue(query, 'expand');
      return { status: 200, body: pagedDTO(context, all.filter((e) => kept.includes(e.type)), page, (e) => requestTypeDTO(context, e.desk, e.type, expand)) };
    },
  },
  {
    method: 'GET',
    path: '/rest/servicedeskapi/servicedesk/{serviceDeskId}/requesttype',
    handle: (context, params) => {
      const desk = deskFrom(context, params.serviceDeskId);
      if (isReply(desk)) return desk;
      const query = context.request.query;
      const page = pageParams(query);
      if (isReply(page)) return page;
      const kept = filterTypes(query, requestTypesOf(desk));
      if (isReply(kept)) return kept;
      // No request type groups are configured: a groupId filter matches nothing.
      const types = query.get('groupId') ? [] : kept;
      const expand = multiValue(query, 'expand');
      return { status: 200, body: pagedDTO(context, types, page, (t) => requestTypeDTO(context, desk, t, expand)) };
    },
  },
  {
    method: 'GET',
    path: '/rest/servicedeskapi/servicedesk/{serviceDeskId}/requesttype/{requestTypeId}',
    handle: (context, params) => {
      const desk = deskFrom(context, params.serviceDeskId);
      if (isReply(desk)) return desk;
      const type = requestTypeOf(desk, params.requestTypeId ?? '');
      if (!type) return jsmError(404, `The request type ${params.requestTypeId ?? ''} does not exist in service desk ${desk.id}.`);
      return { status: 200, body: requestTypeDTO(context, desk, type, multiValue(context.request.query, 'expand')) };
    },
  },
  {
    method: 'GET',
    path: '/rest/servicedeskapi/servicedesk/{serviceDeskId}/requesttype/{requestTypeId}/field',
    handle: (context, params) => {
      const desk = deskFrom(context, params.serviceDeskId);
      if (isReply(desk)) return desk;
      const type = requestTypeOf(desk, params.requestTypeId ?? '');
      if (!type) return jsmError(404, `The request type ${params.requestTypeId ?? ''} does not exist in service desk ${desk.id}.`);
      return { status: 200, body: createMetaDTO(context, desk, type) };
    },
  },
];
