import type { Database } from 'better-sqlite3';
import type { z } from 'zod';
import { batchDelete, batchGet, batchSet } from './batch';
import { queryEntities } from './entity-query';
import { KvsError } from './errors';
import { PLAIN, SECRET, targetFor, type EngineContext } from './item-ops';
import { ItemStore } from './item-store';
import { queryKeys } from './key-query';
import { serialisedBytes } from './key-rules';
import { RateLimiter, type Traffic } from './rate-limiter';
import * as schema from './request-schemas';
import { deleteItem, getItem, setItem } from './single-ops';
import { runTransaction } from './transaction';
import type { EntityDefinition, KvsEngineOptions, KvsReply } from './types';

interface Route {
  traffic: Traffic;
  run(ctx: EngineContext, body: unknown): KvsReply;
}

const { parseBody } = schema;

/** Every path @forge/kvs 1.6.5 calls, with the body shape it sends and the operation that answers it. */
const ROUTES = new Map<string, Route>(
  Object.entries({
  '/api/v1/get': { traffic: 'read', run: (ctx, body) => withBody(schema.getBody, body, (b) => getItem(ctx, PLAIN, b.key)) },
  '/api/v1/set': { traffic: 'write', run: (ctx, body) => withBody(schema.setBody, body, (b) => setItem(ctx, PLAIN, b.key, b.value, b.options)) },
  '/api/v1/delete': { traffic: 'write', run: (ctx, body) => withBody(schema.deleteBody, body, (b) => deleteItem(ctx, PLAIN, b.key)) },
  '/api/v1/query': { traffic: 'read', run: (ctx, body) => withBody(schema.queryBody, body, (b) => queryKeys(ctx, b)) },
  '/api/v1/secret/get': { traffic: 'read', run: (ctx, body) => withBody(schema.getBody, body, (b) => getItem(ctx, SECRET, b.key)) },
  '/api/v1/secret/set': { traffic: 'write', run: (ctx, body) => withBody(schema.setBody, body, (b) => setItem(ctx, SECRET, b.key, b.value, b.options)) },
  '/api/v1/secret/delete': { traffic: 'write', run: (ctx, body) => withBody(schema.deleteBody, body, (b) => deleteItem(ctx, SECRET, b.key)) },
  '/api/v1/entity/get': {
    traffic: 'read',
    run: (ctx, body) => withBody(schema.entityGetBody, body, (b) => getItem(ctx, targetFor(ctx, b.entityName), b.key)),
  },
  '/api/v1/entity/set': {
    traffic: 'write',
    run: (ctx, body) => withBody(schema.entitySetBody, body, (b) => setItem(ctx, targetFor(ctx, b.entityName), b.key, b.value, b.options)),
  },
  '/api/v1/entity/delete': {
    traffic: 'write',
    run: (ctx, body) => withBody(schema.entityDeleteBody, body, (b) => deleteItem(ctx, targetFor(ctx, b.entityName), b.key)),
  },
  '/api/v1/entity/query': { traffic: 'read', run: (ctx, body) => withBody(schema.entityQueryBody, body, (b) => queryEntities(ctx, b)) },
  '/api/v1/batch/set': { traffic: 'write', run: (ctx, body) => withBody(schema.batchSetBody, body, (b) => batchSet(ctx, b)) },
  '/api/v1/batch/get': { traffic: 'read', run: (ctx, body) => withBody(schema.batchGetBody, body, (b) => batchGet(ctx, b)) },
  '/api/v1/batch/delete': { traffic: 'write', run: (ctx, body) => withBody(schema.batchDeleteBody, body, (b) => batchDelete(ctx, b)) },
  '/api/v1/transaction': { traffic: 'write', run: (ctx, body) => withBody(schema.transactionBody, body, (b) => runTransaction(ctx, b)) },
  } satisfies Record<string, Route>),
);

function withBody<T>(shape: z.ZodType<T, z.ZodTypeDef, unknown>, body: unknown, run: (parsed: T) => KvsReply): KvsReply {
  return run(parseBody(shape, body));
}

/**
 * Forge's Key-Value Store and Custom Entity Store, on SQLite, answering exactly what the unmodified @forge/kvs SDK
 * sends through `__forge_fetch__`. It knows nothing of HTTP: `handle` takes a path and a parsed JSON body and gives
 * back a status and a JSON body (`{ code, message }` for errors).
 */
export class KvsEngine {
  private readonly ctx: EngineContext;
  private readonly limiter: RateLimiter | undefined;

  constructor(db: Database, options: KvsEngineOptions) {
    const entities = new Map<string, EntityDefinition>(options.entities.map((entity) => [entity.name, entity]));
    this.ctx = { store: new ItemStore(db), entities, now: options.now };
    this.limiter = options.rateLimits ? new RateLimiter(options.rateLimits, options.now) : undefined;
  }

  handle(path: string, body: unknown): KvsReply {
    const route = ROUTES.get(path);
    if (!route) return new KvsError(404, 'NOT_FOUND', `The KVS service has no operation at '${path}'.`).toReply();
    try {
      this.limiter?.admit(route.traffic);
      // One request happens at one instant: TTL arithmetic, expiry checks and timestamps all read the same time.
      const at = this.ctx.now();
      const reply = route.run({ ...this.ctx, now: () => at }, body);
      this.limiter?.charge(route.traffic, serialisedBytes(route.traffic === 'read' ? reply.body : body));
      return reply;
    } catch (error) {
      if (error instanceof KvsError) return error.toReply();
      // A bug in the engine, not a refusal: answer as the service would, keeping the cause for whoever reads the log.
      const message = error instanceof Error ? error.message : String(error);
      return { status: 500, body: { code: 'INTERNAL_SERVER_ERROR', message: `An internal server error has occurred: ${message}` } };
    }
  }

  /** Empties every KVS table (and the rate windows), keeping the schema. */
  clear(): void {
    this.ctx.store.clear();
    this.limiter?.reset();
  }
}
