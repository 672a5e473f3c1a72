/**
 * The contract validator's own rules, on a small spec written here (the Atlassian specs are exercised by
 * test/integration/contract-emulator.test.ts): how OpenAPI's nullable, discriminator, readOnly/writeOnly and
 * formats are read, how operations are matched by method and path, and how statuses are looked up.
 */
import { ContractValidator, formatsUsed, prepareDocument } from '../support/contract-validator';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: unknown) => ({ content: { 'application/json': { schema } } });

const SPEC = {
  openapi: '3.0.1',
  info: { title: 'mini', version: '1' },
  paths: {
    '/rest/api/3/thing/{thingId}': {
      get: {
        operationId: 'getThing',
        parameters: [
          { name: 'thingId', in: 'path', required: true, schema: { type: 'integer', format: 'int64' } },
          { name: 'expand', in: 'query', schema: { type: 'string' } },
        ],
        responses: { '200': json(ref('Thing')), '4XX': json(ref('Error')), default: { description: 'anything else' } },
      },
      put: {
        operationId: 'editThing',
        parameters: [{ name: 'thingId', in: 'path', required: true, schema: { type: 'integer' } }],
        requestBody: { required: true, ...json(ref('Thing')) },
        responses: { '204': { description: 'done' }, '201': json({}) },
      },
    },
    '/rest/api/3/thing/latest': { get: { operationId: 'getLatestThing', responses: { '200': json(ref('Thing')) } } },
    '/rest/api/3/shape': {
      post: { operationId: 'addShape', requestBody: json(ref('Shape')), responses: { '201': json(ref('Shape')) } },
    },
    '/rest/api/3/dup': { get: { operationId: 'dup', parameters: [{ name: 'a', in: 'query', required: true, schema: { type: 'string' } }], responses: { '200': json({}) } } },
    '/rest/api/3/other/{otherId}/dup': { get: { operationId: 'dup', parameters: [{ name: 'otherId', in: 'path', required: true, schema: { type: 'integer' } }], responses: { '200': json({}) } } },
  },
  components: {
    schemas: {
      Thing: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'name', 'secret'],
        properties: {
          id: { type: 'string', readOnly: true },
          name: { type: 'string' },
          secret: { type: 'string', writeOnly: true },
          owner: { allOf: [ref('User')], readOnly: true },
          colour: { type: 'string', enum: ['red', 'green'], nullable: true },
          parent: { allOf: [ref('User')], nullable: true },
          created: { type: 'string', format: 'date-time' },
          link: { type: 'string', format: 'uri' },
          weight: { type: 'integer', format: 'int32' },
          odd: { type: 'string', format: 'jira-special' },
        },
      },
      User: { type: 'object', additionalProperties: false, properties: { accountId: { type: 'string' } } },
      Error: { type: 'object', additionalProperties: false, properties: { errorMessages: { type: 'array', items: { type: 'string' } } } },
      Shape: {
        type: 'object',
        additionalProperties: false,
        discriminator: { propertyName: 'kind', mapping: { circle: '#/components/schemas/Circle', square: '#/components/schemas/Square' } },
        oneOf: [ref('Circle'), ref('Square')],
      },
      Circle: { type: 'object', required: ['kind', 'radius'], properties: { kind: { type: 'string' }, radius: { type: 'number' } } },
      Square: { type: 'object', required: ['kind', 'side'], properties: { kind: { type: 'string' }, side: { type: 'number' } } },
    },
  },
};

const validator = new ContractValidator([{ name: 'mini', document: SPEC }]);
const request = (method: string, path: string, body?: unknown, query = '') => validator.validateRequest({ method, path, query: new URLSearchParams(query), body });
const response = (method: string, path: string, status: number, body?: unknown) => validator.validateResponse({ method, path }, { status, body });
const thing = { id: '1', name: 'n', secret: 's' };

describe('matching operations', () => {
  it('takes the most literal template and each duplicate operationId by its own path', () => {
    expect(validator.match('GET', '/rest/api/3/thing/latest')?.operationId).toBe('getLatestThing');
    expect(validator.match('get', '/rest/api/3/thing/12')?.operationId).toBe('getThing');
    expect(validator.match('GET', '/rest/api/3/dup')?.template).toBe('/rest/api/3/dup');
    expect(validator.match('GET', '/rest/api/3/other/7/dup')?.template).toBe('/rest/api/3/other/{otherId}/dup');
    expect(request('GET', '/rest/api/3/dup', undefined, 'a=1')).toEqual([]);
    expect(request('GET', '/rest/api/3/other/7/dup')).toEqual([]);
    expect(request('GET', '/rest/api/3/other/x/dup')).toEqual(['request path/otherId: must be integer']);
  });

  it('reports an unknown path and a method the path does not have', () => {
    expect(request('GET', '/rest/api/3/nothing')).toEqual(['request: no operation in the Jira platform or JSM spec matches GET /rest/api/3/nothing']);
    expect(request('DELETE', '/rest/api/3/thing/1')).toEqual(['request: no DELETE operation at /rest/api/3/thing/1 in the specs (documented methods there: GET, PUT)']);
    // The literal template names the resource: PUT /thing/latest is not editThing with thingId "latest".
    expect(request('PUT', '/rest/api/3/thing/latest', thing)).toEqual(['request: no PUT operation at /rest/api/3/thing/latest in the specs (documented methods there: GET)']);
  });

  it('describes required query parameters and keeps the spec’s operationId', () => {
    expect(validator.match('GET', '/rest/api/3/dup')).toMatchObject({ operationId: 'dup', requiredQuery: [{ name: 'a', sample: 'a' }], spec: 'mini' });
  });
});

describe('requests', () => {
  it('do not need readOnly properties, even required ones; writeOnly ones stay required', () => {
    expect(request('PUT', '/rest/api/3/thing/1', { name: 'n', secret: 's' })).toEqual([]);
    expect(request('PUT', '/rest/api/3/thing/1', { id: '1', name: 'n', secret: 's', owner: { accountId: 'a' } })).toEqual([]);
    expect(request('PUT', '/rest/api/3/thing/1', { name: 'n' })).toEqual(["request body: must have required property 'secret'"]);
  });

  it('report a wrong body type, a missing required body, and a body where none is taken', () => {
    expect(request('PUT', '/rest/api/3/thing/1', 'text')).toEqual(['request body: must be object']);
    expect(request('PUT', '/rest/api/3/thing/1', '{"name":"n","secret":"s"}')).toEqual(['request body: must be object']);
    expect(request('PUT', '/rest/api/3/thing/1')).toEqual(['request: the operation requires a JSON body']);
    expect(request('GET', '/rest/api/3/thing/1', { a: 1 })).toEqual(['request: sends a body, but the operation takes none']);
  });

  it('check parameter types and report undocumented query parameters', () => {
    expect(request('GET', '/rest/api/3/thing/12', undefined, 'expand=names')).toEqual([]);
    expect(request('GET', '/rest/api/3/thing/12', undefined, 'expnad=names')).toEqual(["request: query parameter 'expnad' is not documented for this operation"]);
    expect(request('GET', '/rest/api/3/dup')).toEqual(["request: missing required query parameter 'a'"]);
  });

  it('pick a discriminator’s mapped schema by its value, and fall back to the branches for others', () => {
    expect(request('POST', '/rest/api/3/shape', { kind: 'circle', radius: 2 })).toEqual([]);
    expect(request('POST', '/rest/api/3/shape', { kind: 'square', side: 2 })).toEqual([]);
    expect(request('POST', '/rest/api/3/shape', { kind: 'circle', side: 2 })).toEqual(["request body: must have required property 'radius'"]);
    expect(request('POST', '/rest/api/3/shape', { kind: 'blob', side: 2 })).toEqual([]); // an unmapped value: any branch
    expect(request('POST', '/rest/api/3/shape', { kind: 'circle', radius: 2, colour: 'red' })).toEqual(["request body: must NOT have additional properties 'colour'"]);
  });
});

describe('responses', () => {
  it('do not need writeOnly properties; readOnly ones stay required', () => {
    expect(response('GET', '/rest/api/3/thing/1', 200, { id: '1', name: 'n' })).toEqual([]);
    expect(response('GET', '/rest/api/3/thing/1', 200, { name: 'n' })).toEqual(["response 200 body: must have required property 'id'"]);
  });

  it('report an extra property on additionalProperties: false, nested too', () => {
    expect(response('GET', '/rest/api/3/thing/1', 200, { ...thing, bogus: 1 })).toEqual(["response 200 body: must NOT have additional properties 'bogus'"]);
    expect(response('GET', '/rest/api/3/thing/1', 200, { ...thing, parent: { accountId: 'a', bogus: 1 } })).toEqual([
      "response 200 body/parent: must NOT have additional properties 'bogus'",
    ]);
  });

  it('take null where nullable says so, also in an enum and beside allOf, and nowhere else', () => {
    expect(response('GET', '/rest/api/3/thing/1', 200, { ...thing, colour: null, parent: null })).toEqual([]);
    expect(response('GET', '/rest/api/3/thing/1', 200, { ...thing, colour: 'blue' })).toEqual(['response 200 body/colour: must be equal to one of the allowed values ["red","green",null]']);
    expect(response('GET', '/rest/api/3/thing/1', 200, { ...thing, name: null })).toEqual(['response 200 body/name: must be string']);
  });

  it('check formats: Jira’s +0000 date-times, URIs; int32/int64 are no-ops; an unknown format is accepted silently', () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      expect(response('GET', '/rest/api/3/thing/1', 200, { ...thing, created: '2025-01-06T09:00:00.000+0000', link: 'http://127.0.0.1:4000/x?y=1', weight: 2 ** 40, odd: 'z' })).toEqual([]);
      expect(response('GET', '/rest/api/3/thing/1', 200, { ...thing, created: '6 Jan 2025', link: 'not a uri' })).toEqual([
        'response 200 body/created: must match format "date-time"',
        'response 200 body/link: must match format "uri"',
      ]);
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });

  it('look statuses up exactly, then by class (4XX), then default; an undocumented one is a problem', () => {
    expect(response('GET', '/rest/api/3/thing/1', 404, { errorMessages: ['gone'] })).toEqual([]);
    expect(response('GET', '/rest/api/3/thing/1', 404, { message: 'gone' })).toEqual(["response 404 body: must NOT have additional properties 'message'"]);
    expect(response('GET', '/rest/api/3/thing/1', 503, 'whatever')).toEqual([]); // default, no schema
    expect(response('GET', '/rest/api/3/thing/latest', 404, {})).toEqual(['response: undocumented status 404 (the spec documents 200)']);
    expect(response('PUT', '/rest/api/3/thing/1', 200, {})).toEqual(['response: undocumented success status 200 (the spec documents 201, 204)']);
  });

  it('take no body where the schema is empty or the status is 204, and no body at all on a 204', () => {
    expect(response('PUT', '/rest/api/3/thing/1', 201)).toEqual([]);
    expect(response('PUT', '/rest/api/3/thing/1', 204)).toEqual([]);
    expect(response('PUT', '/rest/api/3/thing/1', 204, { x: 1 })).toEqual(['response: 204 No Content with a body']);
    expect(response('GET', '/rest/api/3/thing/1', 200)).toEqual(['response 200: no body, but the spec documents a JSON body']);
  });
});

describe('preparing a document', () => {
  it('leaves the source alone, gives every operation a unique id, and lists its formats', () => {
    const before = JSON.stringify(SPEC);
    const prepared = prepareDocument(SPEC) as { paths: Record<string, Record<string, { operationId: string; 'x-spec-operation-id': string }>> };
    expect(JSON.stringify(SPEC)).toBe(before);
    expect(prepared.paths['/rest/api/3/other/{otherId}/dup']!.get).toMatchObject({ operationId: 'GET /rest/api/3/other/{otherId}/dup', 'x-spec-operation-id': 'dup' });
    expect([...formatsUsed(SPEC)].sort()).toEqual(['date-time', 'int32', 'int64', 'jira-special', 'uri']);
  });
});
