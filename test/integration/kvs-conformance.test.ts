import { FORGE_KVS_RATE_LIMITS } from '../../sandbox/kvs/types';
import { createKvsHarness, START_MS, type Task } from './kvs-harness';

/**
 * The KVS engine as an app sees it: every call goes through the real @forge/kvs SDK and every assertion reads the
 * store back (or checks what the SDK returned or threw), never the test's own inputs.
 */
const h = createKvsHarness();
const { kvs, sdk } = h;
const { WhereConditions, FilterConditions, Filter, Sort, MetadataField } = sdk;
const ALL_METADATA = [MetadataField.CREATED_AT, MetadataField.UPDATED_AT, MetadataField.EXPIRE_TIME];
const tasks = () => kvs.entity<Task>('task');

beforeEach(() => h.reset());

describe('plain keys: get, set, delete', () => {
  it('round-trips every JSON value kind and forgets a deleted key', async () => {
    const values: unknown[] = ['text', 42, 3.5, false, [1, 'two', { three: 3 }], { nested: { list: [true, null] } }];
    for (const [i, value] of values.entries()) await kvs.set(`value:${i}`, value);
    for (const [i, value] of values.entries()) expect(await kvs.get(`value:${i}`)).toEqual(value);

    await kvs.delete('value:0');
    expect(await kvs.get('value:0')).toBeUndefined();
    expect(await kvs.get('value:1')).toBe(42);
  });

  it('answers undefined for a missing key and swallows deleting one (404 KEY_NOT_FOUND underneath)', async () => {
    expect(await kvs.get('never-set')).toBeUndefined();
    await expect(kvs.delete('never-set')).resolves.toBeUndefined();
    expect(h.engine.handle('/api/v1/delete', { key: 'never-set' })).toEqual({ status: 404, body: expect.objectContaining({ code: 'KEY_NOT_FOUND' }) });
  });

  it('overwrites a key and keeps createdAt while moving updatedAt', async () => {
    await kvs.set('doc', { v: 1 });
    h.clock.advance(5_000);
    await kvs.set('doc', { v: 2 });

    const got = await kvs.get('doc', { metadataFields: ALL_METADATA });
    expect(got).toEqual({ key: 'doc', value: { v: 2 }, createdAt: START_MS / 1000, updatedAt: START_MS / 1000 + 5, expireTime: undefined });
  });

  it('returns only the metadata fields asked for', async () => {
    await kvs.set('doc', 'x');
    expect(await kvs.get('doc', { metadataFields: [MetadataField.UPDATED_AT] })).toEqual({ key: 'doc', value: 'x', updatedAt: START_MS / 1000 });
  });

  it('refuses a null value and a malformed body with BAD_REQUEST', async () => {
    expect(await h.failure(kvs.set('doc', null))).toMatchObject({ code: 'BAD_REQUEST', status: 400 });
    expect(await kvs.get('doc')).toBeUndefined();
    expect(h.engine.handle('/api/v1/get', { key: 7 })).toMatchObject({ status: 400, body: { code: 'BAD_REQUEST' } });
    expect(h.engine.handle('/api/v1/get', undefined)).toMatchObject({ status: 400, body: { code: 'BAD_REQUEST' } });
  });

  it('answers 404 NOT_FOUND for a path the service does not have', () => {
    expect(h.engine.handle('/api/v1/nothing-here', {})).toMatchObject({ status: 404, body: { code: 'NOT_FOUND' } });
    expect(h.engine.handle('constructor', {})).toMatchObject({ status: 404, body: { code: 'NOT_FOUND' } });
  });
});

describe('set options', () => {
  it('returnValue PREVIOUS gives the replaced item, or undefined when there was none', async () => {
    expect(await kvs.set('k', 'first', { keyPolicy: 'OVERRIDE', returnValue: 'PREVIOUS' })).toBeUndefined();
    h.clock.advance(2_000);
    const previous = await kvs.set('k', 'second', { keyPolicy: 'OVERRIDE', returnValue: 'PREVIOUS', returnMetadataFields: [MetadataField.CREATED_AT] });
    expect(previous).toEqual({ key: 'k', value: 'first', createdAt: START_MS / 1000 });
    expect(await kvs.get('k')).toBe('second');
  });

  it('returnValue LATEST gives the item as now stored', async () => {
    await kvs.set('k', 'first');
    h.clock.advance(3_000);
    const latest = await kvs.set('k', 'second', { keyPolicy: 'OVERRIDE', returnValue: 'LATEST', returnMetadataFields: ALL_METADATA });
    expect(latest).toEqual({ key: 'k', value: 'second', createdAt: START_MS / 1000, updatedAt: START_MS / 1000 + 3 });
  });

  it('FAIL_IF_EXISTS refuses a live key with 409 KEY_ALREADY_EXISTS and leaves it alone', async () => {
    await kvs.set('lock', 'owner-a', { keyPolicy: 'FAIL_IF_EXISTS' });
    expect(await h.failure(kvs.set('lock', 'owner-b', { keyPolicy: 'FAIL_IF_EXISTS' }))).toMatchObject({ code: 'KEY_ALREADY_EXISTS', status: 409 });
    expect(await kvs.get('lock')).toBe('owner-a');
  });

  it('refuses returnValue together with FAIL_IF_EXISTS', async () => {
    const body = { key: 'k', value: 1, options: { keyPolicy: 'FAIL_IF_EXISTS', returnValue: 'LATEST' } };
    expect(h.engine.handle('/api/v1/set', body)).toMatchObject({ status: 400, body: { code: 'BAD_REQUEST' } });
  });
});

describe('TTL', () => {
  it('expires an item at its TTL on the sandbox clock; expired items are absent everywhere', async () => {
    await kvs.set('session:1', { user: 'a' }, { ttl: { value: 30, unit: 'SECONDS' } });
    await kvs.set('session:2', { user: 'b' });
    const withExpiry = await kvs.get('session:1', { metadataFields: [MetadataField.EXPIRE_TIME] });
    expect(withExpiry).toEqual({ key: 'session:1', value: { user: 'a' }, expireTime: new Date(START_MS + 30_000).toISOString() });

    h.clock.advance(29_999);
    expect(await kvs.get('session:1')).toEqual({ user: 'a' });

    h.clock.advance(1);
    expect(await kvs.get('session:1')).toBeUndefined();
    const listed = await kvs.query().where('key', WhereConditions.beginsWith('session:')).getMany();
    expect(listed.results.map((r) => r.key)).toEqual(['session:2']);
    const batch = await kvs.batchGet([{ key: 'session:1' }]);
    expect(batch.failedKeys).toEqual([{ key: 'session:1', error: expect.objectContaining({ code: 'KEY_NOT_FOUND' }) }]);

    // An expired key no longer exists, so FAIL_IF_EXISTS may take it and it starts a new life.
    await kvs.set('session:1', { user: 'c' }, { keyPolicy: 'FAIL_IF_EXISTS' });
    expect(await kvs.get('session:1', { metadataFields: ALL_METADATA })).toEqual({
      key: 'session:1',
      value: { user: 'c' },
      createdAt: (START_MS + 30_000) / 1000,
      updatedAt: (START_MS + 30_000) / 1000,
    });
  });

  it('converts each unit and drops the TTL when a key is rewritten without one', async () => {
    await kvs.set('m', 1, { ttl: { value: 2, unit: 'MINUTES' } });
    await kvs.set('h', 1, { ttl: { value: 1, unit: 'HOURS' } });
    await kvs.set('d', 1, { ttl: { value: 1, unit: 'DAYS' } });
    await kvs.set('d', 2);
    const expiry = async (key: string) => (await kvs.get(key, { metadataFields: [MetadataField.EXPIRE_TIME] }))?.expireTime;
    expect(await expiry('m')).toBe(new Date(START_MS + 120_000).toISOString());
    expect(await expiry('h')).toBe(new Date(START_MS + 3_600_000).toISOString());
    expect(await expiry('d')).toBeUndefined();
  });

  it.each([0, -5, 1.5, 366 * 24 * 3600])('refuses a TTL of %p seconds with INVALID_TTL', async (seconds) => {
    expect(await h.failure(kvs.set('k', 1, { ttl: { value: seconds, unit: 'SECONDS' } }))).toMatchObject({ code: 'INVALID_TTL', status: 400 });
    expect(await kvs.get('k')).toBeUndefined();
  });
});

describe('namespaces', () => {
  it('keeps secrets, plain keys and entities apart', async () => {
    await kvs.setSecret('token', 'secret-value');
    expect(await kvs.get('token')).toBeUndefined();
    await kvs.set('token', 'plain-value');
    await tasks().set('token', { title: 'entity-value' });

    expect(await kvs.getSecret('token')).toBe('secret-value');
    expect(await kvs.get('token')).toBe('plain-value');
    expect(await tasks().get('token')).toEqual({ title: 'entity-value' });
    expect(await kvs.entity('account').get('token')).toBeUndefined();

    await kvs.deleteSecret('token');
    expect(await kvs.getSecret('token')).toBeUndefined();
    expect(await kvs.get('token')).toBe('plain-value');
    expect(await tasks().get('token')).toEqual({ title: 'entity-value' });
  });

  it('secrets support metadata, returnValue and FAIL_IF_EXISTS like plain keys', async () => {
    await kvs.setSecret('api', 'v1');
    const previous = await kvs.setSecret('api', 'v2', { keyPolicy: 'OVERRIDE', returnValue: 'PREVIOUS' });
    expect(previous).toEqual({ key: 'api', value: 'v1' });
    expect(await h.failure(kvs.setSecret('api', 'v3', { keyPolicy: 'FAIL_IF_EXISTS' }))).toMatchObject({ code: 'KEY_ALREADY_EXISTS' });
    expect(await kvs.getSecret('api', { metadataFields: [MetadataField.CREATED_AT] })).toEqual({ key: 'api', value: 'v2', createdAt: START_MS / 1000 });
  });
});

describe('query over plain keys', () => {
  async function seed(): Promise<string[]> {
    const keys = Array.from({ length: 25 }, (_, i) => `item:${String(i).padStart(2, '0')}`);
    // Written out of order, so the order read back is the store's.
    for (const key of [...keys].reverse()) await kvs.set(key, { key });
    await kvs.set('other:1', 'not an item');
    await kvs.setSecret('item:secret', 'hidden');
    await tasks().set('item:entity', { title: 'hidden too' });
    return keys;
  }

  it('pages through a prefix in key order with cursors, listing only plain keys', async () => {
    const keys = await seed();
    const pages: string[][] = [];
    let cursor: string | undefined;
    do {
      let query = kvs.query().where('key', WhereConditions.beginsWith('item:')).limit(10);
      if (cursor) query = query.cursor(cursor);
      const page = await query.getMany();
      pages.push(page.results.map((r) => r.key));
      cursor = page.nextCursor;
    } while (cursor);

    expect(pages.map((p) => p.length)).toEqual([10, 10, 5]);
    expect(pages.flat()).toEqual(keys);
  });

  it('defaults to pages of 10 and lists everything without a where clause', async () => {
    await seed();
    const first = await kvs.query().getMany();
    expect(first.results).toHaveLength(10);
    expect(first.results[0]).toEqual({ key: 'item:00', value: { key: 'item:00' } });
    const all = await kvs.query().limit(100).getMany();
    expect(all.results.map((r) => r.key)).toEqual([...Array.from({ length: 25 }, (_, i) => `item:${String(i).padStart(2, '0')}`), 'other:1']);
    expect(all.nextCursor).toBeUndefined();
  });

  it('includes the metadata fields asked for in query results', async () => {
    await kvs.set('a', 1, { ttl: { value: 1, unit: 'HOURS' } });
    const { results } = await kvs.query({ metadataFields: [MetadataField.CREATED_AT, MetadataField.EXPIRE_TIME] }).getMany();
    expect(results).toEqual([{ key: 'a', value: 1, createdAt: START_MS / 1000, expireTime: new Date(START_MS + 3_600_000).toISOString() }]);
    expect(await kvs.query().getOne()).toEqual({ key: 'a', value: 1 });
  });

  it('gives an empty page without a cursor once a cursor is past the end', async () => {
    await seed();
    const first = await kvs.query().where('key', WhereConditions.beginsWith('item:')).limit(20).getMany();
    expect(first.nextCursor).toBeDefined();
    for (let i = 20; i < 25; i++) await kvs.delete(`item:${i}`);

    const rest = await kvs.query().where('key', WhereConditions.beginsWith('item:')).cursor(first.nextCursor as string).getMany();
    expect(rest).toEqual({ results: [], nextCursor: undefined });
  });

  it('gives no cursor when the last page is exactly full', async () => {
    await seed();
    const page = await kvs.query().where('key', WhereConditions.beginsWith('item:2')).limit(5).getMany();
    expect(page.results.map((r) => r.key)).toEqual(['item:20', 'item:21', 'item:22', 'item:23', 'item:24']);
    expect(page.nextCursor).toBeUndefined();
  });

  it('accepts a limit of 100 and refuses 101 with LIST_QUERY_LIMIT_EXCEEDED', async () => {
    await expect(kvs.query().limit(100).getMany()).resolves.toEqual({ results: [] });
    expect(await h.failure(kvs.query().limit(101).getMany())).toMatchObject({ code: 'LIST_QUERY_LIMIT_EXCEEDED', status: 400 });
  });

  it('refuses a cursor it did not issue with INVALID_CURSOR', async () => {
    expect(await h.failure(kvs.query().cursor('not-a-cursor').getMany())).toMatchObject({ code: 'INVALID_CURSOR', status: 400 });
  });

  it('refuses where clauses the service does not support', () => {
    const query = (where: unknown) => h.engine.handle('/api/v1/query', { where });
    const twoClauses = [
      { property: 'key', condition: 'BEGINS_WITH', values: ['a'] },
      { property: 'key', condition: 'BEGINS_WITH', values: ['b'] },
    ];
    expect(query(twoClauses)).toMatchObject({ status: 400, body: { code: 'QUERY_WHERE_INVALID' } });
    expect(query([{ property: 'value', condition: 'BEGINS_WITH', values: ['a'] }])).toMatchObject({ body: { code: 'QUERY_WHERE_FIELD_INVALID' } });
    expect(query([{ property: 'key', condition: 'EQUAL_TO', values: ['a'] }])).toMatchObject({ body: { code: 'INVALID_FILTER_CONDITION' } });
    expect(query([{ property: 'key', condition: 'BEGINS_WITH', values: [] }])).toMatchObject({ body: { code: 'INVALID_FILTER_VALUES' } });
  });
});

describe('key and value limits', () => {
  it('accepts a 500-character key and refuses 501 with KEY_TOO_LONG', async () => {
    await kvs.set('k'.repeat(500), 'ok');
    expect(await kvs.get('k'.repeat(500))).toBe('ok');
    expect(await h.failure(kvs.set('k'.repeat(501), 'no'))).toMatchObject({ code: 'KEY_TOO_LONG', status: 400 });
    expect(await h.failure(kvs.get('k'.repeat(501)))).toMatchObject({ code: 'KEY_TOO_LONG' });
  });

  it('refuses an empty key: KEY_TOO_SHORT for plain keys and secrets, EMPTY_KEY for entities', async () => {
    expect(await h.failure(kvs.set('', 'x'))).toMatchObject({ code: 'KEY_TOO_SHORT', status: 400 });
    expect(await h.failure(kvs.setSecret('', 'x'))).toMatchObject({ code: 'KEY_TOO_SHORT' });
    expect(await h.failure(tasks().set('', { title: 'x' }))).toMatchObject({ code: 'EMPTY_KEY', status: 400 });
  });

  it.each(['a/b', 'emoji-😀', 'quote"', '   ', 'semi;colon', 'tab\tonly\u00e9'])('refuses the key %p with INVALID_KEY', async (key) => {
    expect(await h.failure(kvs.set(key, 'x'))).toMatchObject({ code: 'INVALID_KEY', status: 400 });
  });

  it('accepts letters, digits, colon, dot, underscore, whitespace, hyphen and hash', async () => {
    const key = 'Az09:._ -#\tend';
    await kvs.set(key, 'ok');
    expect(await kvs.get(key)).toBe('ok');
  });

  it('accepts a value of exactly 240 KiB serialised and refuses one byte more with MAX_SIZE', async () => {
    const limit = 240 * 1024;
    await kvs.set('big', 'x'.repeat(limit - 2)); // the two quotes make it exactly the limit
    expect(((await kvs.get('big')) as string).length).toBe(limit - 2);
    expect(await h.failure(kvs.set('big', 'y'.repeat(limit - 1)))).toMatchObject({ code: 'MAX_SIZE', status: 400 });
    expect(((await kvs.get('big')) as string)[0]).toBe('x');
  });

  it('accepts 31 levels of nesting and refuses 32 with MAX_DEPTH', async () => {
    const nest = (levels: number): unknown => (levels === 0 ? 'leaf' : { down: nest(levels - 1) });
    await kvs.set('deep', nest(31));
    expect(await kvs.get('deep')).toEqual(nest(31));
    expect(await h.failure(kvs.set('deeper', nest(32)))).toMatchObject({ code: 'MAX_DEPTH', status: 400 });
    expect(await h.failure(kvs.set('arrays', JSON.parse('['.repeat(32) + ']'.repeat(32))))).toMatchObject({ code: 'MAX_DEPTH' });
    expect(await kvs.get('deeper')).toBeUndefined();
  });
});

describe('custom entities: get and set', () => {
  it('stores and reads an entity with metadata', async () => {
    await tasks().set('t1', { project: 'alpha', title: 'Write docs', priority: 2, estimate: 1.5, done: false, tags: ['docs'] });
    expect(await tasks().get('t1', { metadataFields: [MetadataField.CREATED_AT] })).toEqual({
      key: 't1',
      value: { project: 'alpha', title: 'Write docs', priority: 2, estimate: 1.5, done: false, tags: ['docs'] },
      createdAt: START_MS / 1000,
    });
    await tasks().delete('t1');
    expect(await tasks().get('t1')).toBeUndefined();
  });

  it.each([
    ['a string where an integer is declared', { priority: 'high' }],
    ['a fraction where an integer is declared', { priority: 1.5 }],
    ['an integer beyond 32 bits', { priority: 2 ** 31 }],
    ['a number where a string is declared', { title: 42 }],
    ['a string where a boolean is declared', { done: 'yes' }],
    ['null for a typed attribute', { title: null }],
    ['an undeclared attribute', { colour: 'red' }],
  ])('refuses %s with INVALID_ENTITY_VALUE', async (_case, value) => {
    expect(await h.failure(tasks().set('bad', value as Task))).toMatchObject({ code: 'INVALID_ENTITY_VALUE', status: 400 });
    expect(await tasks().get('bad')).toBeUndefined();
  });

  it('refuses a value that is not an object with INVALID_ENTITY_VALUE', async () => {
    expect(await h.failure(kvs.entity<unknown>('task').set('bad', 'just a string'))).toMatchObject({ code: 'INVALID_ENTITY_VALUE' });
    expect(await h.failure(kvs.entity<unknown>('task').set('bad', [1, 2]))).toMatchObject({ code: 'INVALID_ENTITY_VALUE' });
  });

  it('refuses undeclared and malformed entity names', async () => {
    expect(await h.failure(kvs.entity('ghost').set('k', {}))).toMatchObject({ code: 'ENTITY_NOT_DEFINED', status: 400 });
    expect(await h.failure(kvs.entity('ghost').get('k'))).toMatchObject({ code: 'ENTITY_NOT_DEFINED' });
    expect(await h.failure(kvs.entity('ab').get('k'))).toMatchObject({ code: 'ENTITY_TYPE_TOO_SHORT' });
    expect(await h.failure(kvs.entity('a'.repeat(61)).get('k'))).toMatchObject({ code: 'ENTITY_TYPE_TOO_LARGE' });
    expect(await h.failure(kvs.entity('Bad_Name').get('k'))).toMatchObject({ code: 'INVALID_ENTITY_TYPE' });
  });

  it('keeps createdAt across rewrites and supports returnValue and FAIL_IF_EXISTS', async () => {
    await tasks().set('t1', { title: 'one' });
    h.clock.advance(1_000);
    const previous = await tasks().set('t1', { title: 'two' }, { keyPolicy: 'OVERRIDE', returnValue: 'PREVIOUS', returnMetadataFields: ALL_METADATA });
    expect(previous).toEqual({ key: 't1', value: { title: 'one' }, createdAt: START_MS / 1000, updatedAt: START_MS / 1000 });
    expect(await h.failure(tasks().set('t1', { title: 'three' }, { keyPolicy: 'FAIL_IF_EXISTS' }))).toMatchObject({ code: 'KEY_ALREADY_EXISTS' });
    expect(await tasks().get('t1', { metadataFields: ALL_METADATA })).toEqual({
      key: 't1',
      value: { title: 'two' },
      createdAt: START_MS / 1000,
      updatedAt: START_MS / 1000 + 1,
    });
  });
});

describe('custom entities: index queries', () => {
  const alpha: Array<[string, Task]> = [
    ['a1', { project: 'alpha', status: 'open', title: 'Alpha one', priority: 1, estimate: 2, done: false, tags: ['ui'] }],
    ['a2', { project: 'alpha', status: 'done', title: 'Alpha two', priority: 2, done: true, tags: ['api', 'ui'] }],
    ['a3', { project: 'alpha', status: 'open', title: 'Beta three', priority: 3, estimate: 5, done: false }],
    ['a4', { project: 'alpha', status: 'open', title: 'Alpha four', priority: 3, estimate: 1, done: false, tags: 'api' }],
    ['a5', { project: 'alpha', status: 'done', title: 'Zeta five', priority: 5, done: true }],
  ];

  async function seed(): Promise<void> {
    for (const [key, value] of [...alpha].reverse()) await tasks().set(key, value);
    await tasks().set('b1', { project: 'beta', status: 'open', title: 'Other project', priority: 1 });
    await tasks().set('n1', { project: 'alpha', status: 'open', title: 'No priority' });
  }

  const keysOf = (page: { results: Array<{ key: string }> }) => page.results.map((r) => r.key);
  const byPriority = () => tasks().query().index('by-priority', { partition: ['alpha'] });

  it('lists one partition ordered by the range attribute, then key; entities without the range attribute are not indexed', async () => {
    await seed();
    const page = await byPriority().getMany();
    expect(keysOf(page)).toEqual(['a1', 'a2', 'a3', 'a4', 'a5']);
    expect(page.results[0]).toEqual({ key: 'a1', value: alpha[0]?.[1] });
    expect(page.nextCursor).toBeUndefined();
    // n1 has no priority, so only the title index has it.
    const titles = await tasks().query().index('title').where(WhereConditions.equalTo('No priority')).getMany();
    expect(keysOf(titles)).toEqual(['n1']);
  });

  it.each([
    ['equalTo(3)', WhereConditions.equalTo(3), ['a3', 'a4']],
    ['greaterThan(2)', WhereConditions.greaterThan(2), ['a3', 'a4', 'a5']],
    ['greaterThanEqualTo(2)', WhereConditions.greaterThanEqualTo(2), ['a2', 'a3', 'a4', 'a5']],
    ['lessThan(3)', WhereConditions.lessThan(3), ['a1', 'a2']],
    ['lessThanEqualTo(3)', WhereConditions.lessThanEqualTo(3), ['a1', 'a2', 'a3', 'a4']],
    ['between(2, 3)', WhereConditions.between(2, 3), ['a2', 'a3', 'a4']],
  ])('applies the range condition %s', async (_name, condition, expected) => {
    await seed();
    expect(keysOf(await byPriority().where(condition).getMany())).toEqual(expected);
  });

  it('applies beginsWith on a string range attribute', async () => {
    await seed();
    const page = await tasks().query().index('title').where(WhereConditions.beginsWith('Alpha')).getMany();
    expect(keysOf(page)).toEqual(['a4', 'a1', 'a2']); // "Alpha four" < "Alpha one" < "Alpha two"
  });

  it('queries a two-attribute partition', async () => {
    await seed();
    const page = await tasks().query().index('by-status', { partition: ['alpha', 'done'] }).getMany();
    expect(keysOf(page)).toEqual(['a2', 'a5']);
  });

  it('sorts DESC by range attribute, then key', async () => {
    await seed();
    expect(keysOf(await byPriority().sort(Sort.DESC).getMany())).toEqual(['a5', 'a4', 'a3', 'a2', 'a1']);
  });

  it.each([
    ['and', () => new Filter<Task>().and('status', FilterConditions.equalTo('open')).and('estimate', FilterConditions.greaterThan(1)), ['a1', 'a3']],
    ['or', () => new Filter<Task>().or('status', FilterConditions.equalTo('done')).or('title', FilterConditions.beginsWith('Beta')), ['a2', 'a3', 'a5']],
    ['contains on an array', () => new Filter<Task>().and('tags', FilterConditions.contains('ui')), ['a1', 'a2']],
    ['contains on a string', () => new Filter<Task>().and('title', FilterConditions.contains('f')), ['a4', 'a5']],
    ['notContains', () => new Filter<Task>().and('tags', FilterConditions.notContains('ui')), ['a4']],
    ['notEqualTo', () => new Filter<Task>().and('status', FilterConditions.notEqualTo('open')), ['a2', 'a5']],
    ['exists', () => new Filter<Task>().and('estimate', FilterConditions.exists()), ['a1', 'a3', 'a4']],
    ['notExists', () => new Filter<Task>().and('estimate', FilterConditions.notExists()), ['a2', 'a5']],
    ['between', () => new Filter<Task>().and('estimate', FilterConditions.between(1, 2)), ['a1', 'a4']],
    ['lessThanEqualTo on a boolean-free attribute', () => new Filter<Task>().and('estimate', FilterConditions.lessThanEqualTo(2)), ['a1', 'a4']],
    ['equalTo a boolean', () => new Filter<Task>().and('done', FilterConditions.equalTo(true)), ['a2', 'a5']],
  ])('filters with %s', async (_name, filter, expected) => {
    await seed();
    expect(keysOf(await byPriority().filters(filter()).getMany())).toEqual(expected);
  });

  it('combines range, filters, sort and cursor paging, resuming exactly where each page ended', async () => {
    for (let i = 0; i < 30; i++) {
      await tasks().set(`p${String(i).padStart(2, '0')}`, { project: 'paging', priority: i % 10, status: i % 3 === 0 ? 'skip' : 'keep' });
    }
    const expected = Array.from({ length: 30 }, (_, i) => ({ key: `p${String(i).padStart(2, '0')}`, priority: i % 10, keep: i % 3 !== 0 }))
      .filter((t) => t.keep && t.priority >= 2)
      .sort((x, y) => y.priority - x.priority || (x.key < y.key ? 1 : -1))
      .map((t) => t.key);

    const seen: string[] = [];
    const sizes: number[] = [];
    let cursor: string | undefined;
    do {
      let query = tasks()
        .query()
        .index('by-priority', { partition: ['paging'] })
        .where(WhereConditions.greaterThanEqualTo(2))
        .filters(new Filter<Task>().and('status', FilterConditions.equalTo('keep')))
        .sort(Sort.DESC)
        .limit(4);
      if (cursor) query = query.cursor(cursor);
      const page = await query.getMany();
      seen.push(...keysOf(page));
      sizes.push(page.results.length);
      cursor = page.nextCursor;
    } while (cursor);

    expect(seen).toEqual(expected);
    expect(sizes.slice(0, -1).every((size) => size === 4)).toBe(true);
  });

  it('moves an entity within its index when its range attribute changes, and drops it when deleted or expired', async () => {
    await seed();
    await tasks().set('a1', { project: 'alpha', title: 'Alpha one', priority: 9 });
    expect(keysOf(await byPriority().getMany())).toEqual(['a2', 'a3', 'a4', 'a5', 'a1']);
    await tasks().delete('a2');
    await tasks().set('a3', { project: 'alpha', priority: 3 }, { ttl: { value: 10, unit: 'SECONDS' } });
    h.clock.advance(10_000);
    expect(keysOf(await byPriority().getMany())).toEqual(['a4', 'a5', 'a1']);
  });

  it('returns asked-for metadata in results and getOne', async () => {
    await seed();
    const one = await tasks().query({ metadataFields: [MetadataField.CREATED_AT] }).index('by-priority', { partition: ['beta'] }).getOne();
    expect(one).toEqual({ key: 'b1', value: { project: 'beta', status: 'open', title: 'Other project', priority: 1 }, createdAt: START_MS / 1000 });
  });

  it('refuses an undeclared index, a wrong partition, a bad limit, a foreign cursor and a filter condition as range', async () => {
    await seed();
    expect(await h.failure(tasks().query().index('by-colour').getMany())).toMatchObject({ code: 'INVALID_ENTITY_INDEX', status: 400 });
    expect(await h.failure(tasks().query().index('by-priority').getMany())).toMatchObject({ code: 'INVALID_PARTITION' });
    expect(await h.failure(tasks().query().index('by-priority', { partition: ['alpha', 'extra'] }).getMany())).toMatchObject({ code: 'INVALID_PARTITION' });
    expect(await h.failure(byPriority().limit(101).getMany())).toMatchObject({ code: 'COMPLEX_QUERY_PAGE_LIMIT_NOT_IN_RANGE' });
    expect(await h.failure(byPriority().limit(0).getMany())).toMatchObject({ code: 'COMPLEX_QUERY_PAGE_LIMIT_NOT_IN_RANGE' });

    const first = await byPriority().limit(1).getMany();
    const otherPartition = tasks().query().index('by-priority', { partition: ['beta'] }).cursor(first.nextCursor as string);
    expect(await h.failure(otherPartition.getMany())).toMatchObject({ code: 'INVALID_CURSOR' });
    expect(await h.failure(byPriority().cursor('garbage').getMany())).toMatchObject({ code: 'INVALID_CURSOR' });

    const containsAsRange = FilterConditions.contains('x') as unknown as ReturnType<typeof WhereConditions.equalTo>;
    expect(await h.failure(byPriority().where(containsAsRange).getMany())).toMatchObject({ code: 'INVALID_FILTER_CONDITION' });
  });

  it('refuses malformed filters with their documented codes', () => {
    const query = (filters: unknown) => h.engine.handle('/api/v1/entity/query', { entityName: 'task', indexName: 'title', filters });
    const clause = { property: 'title', condition: 'EQUAL_TO', values: ['x'] };
    expect(query({ and: [clause], or: [clause] })).toMatchObject({ status: 400, body: { code: 'INVALID_FILTER_OPERATORS_COMBINATION' } });
    expect(query({ and: [] })).toMatchObject({ body: { code: 'EMPTY_FILTER_OPERATOR' } });
    expect(query({ and: [{ property: 'estimate', condition: 'BETWEEN', values: [1] }] })).toMatchObject({ body: { code: 'INSUFFICIENT_FILTER_VALUES' } });
    expect(query({ and: [{ property: 'title', condition: 'EQUAL_TO', values: ['a', 'b'] }] })).toMatchObject({ body: { code: 'INVALID_FILTER_VALUES' } });
    expect(query({ and: [{ property: 'title', condition: 'MATCHES', values: ['a'] }] })).toMatchObject({ body: { code: 'INVALID_FILTER_CONDITION' } });
  });
});

describe('batch operations', () => {
  it('sets items independently: a bad key fails alone and the others are stored', async () => {
    const result = await kvs.batchSet<unknown>([
      { key: 'ok:1', value: 'one' },
      { key: 'bad/key', value: 'nope' },
      { key: 't1', value: { title: 'entity item' }, entityName: 'task' },
      { key: 't2', value: { title: 7 }, entityName: 'task' },
      { key: 'ok:2', value: 'two', options: { ttl: { value: 1, unit: 'MINUTES' } } },
    ]);
    expect(result.successfulKeys).toEqual([{ key: 'ok:1' }, { key: 't1', entityName: 'task' }, { key: 'ok:2' }]);
    expect(result.failedKeys).toEqual([
      { key: 'bad/key', error: { code: 'INVALID_KEY', message: expect.any(String) } },
      { key: 't2', entityName: 'task', error: { code: 'INVALID_ENTITY_VALUE', message: expect.any(String) } },
    ]);
    expect(await kvs.get('ok:1')).toBe('one');
    expect(await kvs.get('ok:2')).toBe('two');
    expect(await tasks().get('t1')).toEqual({ title: 'entity item' });
    expect(await tasks().get('t2')).toBeUndefined();
    h.clock.advance(60_000);
    expect(await kvs.get('ok:2')).toBeUndefined();
  });

  it('refuses 26 items, an empty batch and a repeated key as a whole, storing nothing', async () => {
    const items = Array.from({ length: 26 }, (_, i) => ({ key: `k${i}`, value: i }));
    expect(await h.failure(kvs.batchSet(items))).toMatchObject({ code: 'BATCH_LIMIT_EXCEEDED', status: 400 });
    expect(await h.failure(kvs.batchSet([]))).toMatchObject({ code: 'EMPTY_BATCH' });
    expect(
      await h.failure(
        kvs.batchSet([
          { key: 'k0', value: 1 },
          { key: 'k0', value: 2 },
        ]),
      ),
    ).toMatchObject({ code: 'DUPLICATE_BATCH_KEY' });
    expect(await kvs.get('k0')).toBeUndefined();
    expect((await kvs.query().getMany()).results).toEqual([]);
    await kvs.batchSet(items.slice(0, 25));
    expect((await kvs.query().limit(100).getMany()).results).toHaveLength(25);
  });

  it('gets items with values and asked-for metadata; a missing key fails with KEY_NOT_FOUND', async () => {
    await kvs.set('here', 'plain');
    await tasks().set('t1', { title: 'entity' });
    const result = await kvs.batchGet<unknown>([
      { key: 'here' },
      { key: 'missing' },
      { key: 't1', entityName: 'task', options: { metadataFields: [MetadataField.CREATED_AT] } } as { key: string; entityName: string },
    ]);
    expect(result.successfulKeys).toEqual([
      { key: 'here', value: 'plain' },
      { key: 't1', entityName: 'task', value: { title: 'entity' }, createdAt: START_MS / 1000 },
    ]);
    expect(result.failedKeys).toEqual([{ key: 'missing', error: { code: 'KEY_NOT_FOUND', message: expect.any(String) } }]);
  });

  it('deletes items, treating a missing key as done', async () => {
    await kvs.set('a', 1);
    await tasks().set('a', { title: 'entity a' });
    const result = await kvs.batchDelete([{ key: 'a' }, { key: 'never' }, { key: 'a', entityName: 'task' }, { key: 'x', entityName: 'ghost' }]);
    expect(result.successfulKeys).toEqual([{ key: 'a' }, { key: 'never' }, { key: 'a', entityName: 'task' }]);
    expect(result.failedKeys).toEqual([{ key: 'x', entityName: 'ghost', error: { code: 'ENTITY_NOT_DEFINED', message: expect.any(String) } }]);
    expect(await kvs.get('a')).toBeUndefined();
    expect(await tasks().get('a')).toBeUndefined();
  });
});

describe('transactions', () => {
  interface Account {
    owner?: string;
    balance?: number;
    version?: number;
  }
  const accounts = () => kvs.entity<Account>('account');

  it('applies every operation when a version condition holds', async () => {
    await accounts().set('acc-1', { owner: 'ann', balance: 100, version: 1 });
    await accounts().set('acc-2', { owner: 'bob', balance: 0, version: 7 });
    await kvs.set('audit:old', 'to be removed');

    await kvs
      .transact()
      .set('acc-1', { owner: 'ann', balance: 60, version: 2 }, { entityName: 'account', conditions: new Filter<Account>().and('version', FilterConditions.equalTo(1)) })
      .set('acc-2', { owner: 'bob', balance: 40, version: 8 }, { entityName: 'account', conditions: new Filter<Account>().and('version', FilterConditions.equalTo(7)) })
      .set('audit:new', { moved: 40 })
      .delete('audit:old')
      .execute();

    expect(await accounts().get('acc-1')).toEqual({ owner: 'ann', balance: 60, version: 2 });
    expect(await accounts().get('acc-2')).toEqual({ owner: 'bob', balance: 40, version: 8 });
    expect(await kvs.get('audit:new')).toEqual({ moved: 40 });
    expect(await kvs.get('audit:old')).toBeUndefined();
  });

  it('changes nothing when any condition fails (409 CONDITION_CHECK_FAILED)', async () => {
    await accounts().set('acc-1', { owner: 'ann', balance: 100, version: 1 });
    await accounts().set('acc-2', { owner: 'bob', balance: 0, version: 7 });
    await kvs.set('audit:old', 'still here');

    const stale = kvs
      .transact()
      .set('acc-1', { owner: 'ann', balance: 60, version: 2 }, { entityName: 'account', conditions: new Filter<Account>().and('version', FilterConditions.equalTo(1)) })
      .set('acc-2', { owner: 'bob', balance: 40, version: 8 }, { entityName: 'account', conditions: new Filter<Account>().and('version', FilterConditions.equalTo(6)) })
      .set('audit:new', 'written?')
      .delete('audit:old')
      .execute();
    expect(await h.failure(stale)).toMatchObject({ code: 'CONDITION_CHECK_FAILED', status: 409 });

    expect(await accounts().get('acc-1')).toEqual({ owner: 'ann', balance: 100, version: 1 });
    expect(await accounts().get('acc-2')).toEqual({ owner: 'bob', balance: 0, version: 7 });
    expect(await kvs.get('audit:new')).toBeUndefined();
    expect(await kvs.get('audit:old')).toBe('still here');
  });

  it('evaluates check and delete conditions; a missing item satisfies only NOT_EXISTS', async () => {
    await accounts().set('acc-1', { owner: 'ann', balance: 100, version: 1 });

    const createIfAbsent = (key: string) =>
      kvs
        .transact()
        .set(key, { owner: 'new', balance: 0, version: 1 }, { entityName: 'account', conditions: new Filter<Account>().and('version', FilterConditions.notExists()) })
        .check('acc-1', { entityName: 'account', conditions: new Filter<Account>().and('balance', FilterConditions.greaterThanEqualTo(100)) })
        .execute();
    await createIfAbsent('acc-2');
    expect(await accounts().get('acc-2')).toEqual({ owner: 'new', balance: 0, version: 1 });
    expect(await h.failure(createIfAbsent('acc-2'))).toMatchObject({ code: 'CONDITION_CHECK_FAILED' });

    const checkMissing = kvs
      .transact()
      .delete('acc-1', { entityName: 'account' })
      .check('ghost', { entityName: 'account', conditions: new Filter<Account>().and('owner', FilterConditions.exists()) })
      .execute();
    expect(await h.failure(checkMissing)).toMatchObject({ code: 'CONDITION_CHECK_FAILED' });
    expect(await accounts().get('acc-1')).toEqual({ owner: 'ann', balance: 100, version: 1 });

    await kvs
      .transact()
      .delete('acc-1', { entityName: 'account', conditions: new Filter<Account>().or('owner', FilterConditions.equalTo('zed')).or('balance', FilterConditions.equalTo(100)) })
      .delete('not-there', { entityName: 'account' })
      .execute();
    expect(await accounts().get('acc-1')).toBeUndefined();
  });

  it('refuses 26 operations, changing nothing', async () => {
    let tx = kvs.transact();
    for (let i = 0; i < 26; i++) tx = tx.set(`k${i}`, i);
    expect(await h.failure(tx.execute())).toMatchObject({ code: 'TRANSACTION_LIMIT_EXCEEDED', status: 400 });
    expect((await kvs.query().limit(100).getMany()).results).toEqual([]);

    let ok = kvs.transact();
    for (let i = 0; i < 25; i++) ok = ok.set(`k${i}`, i);
    await ok.execute();
    expect((await kvs.query().limit(100).getMany()).results).toHaveLength(25);
  });

  it('refuses a key used twice in one namespace, but allows the same key in different namespaces', async () => {
    const twice = kvs.transact().set('dup', 1).delete('dup').execute();
    expect(await h.failure(twice)).toMatchObject({ code: 'DUPLICATE_TRANSACTION_KEY', status: 400 });
    expect(await kvs.get('dup')).toBeUndefined();

    await kvs.transact().set('same', 'plain').set('same', { owner: 'entity' }, { entityName: 'account' }).execute();
    expect(await kvs.get('same')).toBe('plain');
    expect(await accounts().get('same')).toEqual({ owner: 'entity' });
  });

  it('refuses an empty transaction, an invalid value, and applies TTLs', async () => {
    expect(await h.failure(kvs.transact().execute())).toMatchObject({ code: 'EMPTY_TRANSACTION' });
    const badValue = kvs.transact().set('ok', 1).set('acc', { balance: 'lots' }, { entityName: 'account' }).execute();
    expect(await h.failure(badValue)).toMatchObject({ code: 'INVALID_ENTITY_VALUE' });
    expect(await kvs.get('ok')).toBeUndefined();

    await kvs.transact().set('short-lived', 1, undefined, { ttl: { value: 5, unit: 'SECONDS' } }).execute();
    expect(await kvs.get('short-lived')).toBe(1);
    h.clock.advance(5_000);
    expect(await kvs.get('short-lived')).toBeUndefined();
  });

  it('refuses a transaction over 4 MB with PAYLOAD_TOO_LARGE', async () => {
    let tx = kvs.transact();
    for (let i = 0; i < 18; i++) tx = tx.set(`big${i}`, 'x'.repeat(235 * 1024));
    expect(await h.failure(tx.execute())).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    expect(await kvs.get('big0')).toBeUndefined();
  });
});

describe('rate limits (opt-in)', () => {
  beforeEach(() => h.reset({ rateLimits: { ...FORGE_KVS_RATE_LIMITS, requestsPerSecond: 3, writeUnitsPerMinute: 30 } }));

  it('answers 429 RATE_LIMIT_EXCEEDED past the requests-per-second quota until the next second', async () => {
    for (let i = 0; i < 3; i++) await kvs.set(`k${i}`, i);
    expect(await h.failure(kvs.get('k0'))).toMatchObject({ code: 'RATE_LIMIT_EXCEEDED', status: 429 });
    h.clock.advance(1_000);
    expect(await kvs.get('k0')).toBe(0);
  });

  it('charges writes in 10 KB units per minute', async () => {
    // 240 KiB is 24 units; the second such write crosses 30 units, the third is refused.
    await kvs.set('a', 'x'.repeat(240 * 1024 - 100));
    h.clock.advance(1_000);
    await kvs.set('b', 'x'.repeat(240 * 1024 - 100));
    h.clock.advance(1_000);
    expect(await h.failure(kvs.set('c', 'small'))).toMatchObject({ code: 'RATE_LIMIT_EXCEEDED', status: 429 });
    expect(await kvs.get('a')).toHaveLength(240 * 1024 - 100);
    h.clock.advance(60_000);
    await kvs.set('c', 'small');
    expect(await kvs.get('c')).toBe('small');
  });
});

describe('engine housekeeping', () => {
  it('clear() empties every namespace', async () => {
    await kvs.set('a', 1);
    await kvs.setSecret('a', 2);
    await tasks().set('a', { project: 'alpha', priority: 1 });
    h.engine.clear();
    expect(await kvs.get('a')).toBeUndefined();
    expect(await kvs.getSecret('a')).toBeUndefined();
    expect(await tasks().get('a')).toBeUndefined();
    expect((await tasks().query().index('by-priority', { partition: ['alpha'] }).getMany()).results).toEqual([]);
  });

  it('sends every call through __forge_fetch__ on the documented paths', async () => {
    await kvs.set('a', 1);
    await kvs.getSecret('a');
    await tasks().query().index('title').getMany();
    await kvs.batchGet([{ key: 'a' }]);
    await kvs.transact().delete('a').execute();
    expect(h.paths).toEqual(['/api/v1/set', '/api/v1/secret/get', '/api/v1/entity/query', '/api/v1/batch/get', '/api/v1/transaction']);
  });
});
