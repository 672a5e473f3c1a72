import Resolver from '@forge/resolver';
import type { z } from 'zod';
import { AppError, type Envelope } from '../shared/errors';
import { operations, type OperationAnswer, type OperationKey, type Surface } from '../shared/operations';

/** What a resolver may rely on: only `accountId` is trusted; `extension` is the browser's claim, to be checked. */
export interface CallContext {
  accountId: string;
  extension: Record<string, unknown>;
  locale: string | undefined;
}

/** One handler per operation of surface S, typed by its input schema and answer. */
export type Handlers<S extends Surface> = {
  [K in OperationKey<S>]: (
    input: (typeof operations)[S][K] extends { input: z.ZodTypeAny } ? z.output<(typeof operations)[S][K]['input']> : never,
    context: CallContext,
  ) => Promise<OperationAnswer<S, K>>;
};

interface ForgeRequest {
  payload: unknown;
  context: { accountId?: unknown; extension?: unknown; locale?: unknown };
}

/**
 * Builds one surface's Forge resolver from its operations in src/shared: each payload is parsed with its strict zod
 * schema before the handler runs, so bad input changes nothing; every answer is an Envelope.
 */
export function defineSurface<S extends Surface>(surface: S, handlers: Handlers<S>): ReturnType<Resolver['getDefinitions']> {
  const resolver = new Resolver();
  const ops = operations[surface] as Record<string, { input: z.ZodTypeAny }>;
  for (const key of Object.keys(ops)) {
    const handler = handlers[key as OperationKey<S>] as (input: unknown, context: CallContext) => Promise<unknown>;
    const schema = ops[key]!.input;
    resolver.define(key, async (request: ForgeRequest): Promise<Envelope<unknown>> => {
      try {
        const accountId = request.context.accountId;
        if (typeof accountId !== 'string' || accountId === '') throw new AppError('NOT_AUTHENTICATED', 'Sign in to Jira to use Engagement Desk.');
        const parsed = schema.safeParse(request.payload ?? {});
        if (!parsed.success) {
          const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
          throw new AppError('INVALID_INPUT', `The request was not valid: ${issues.map((i) => `${i.path || 'payload'}: ${i.message}`).join('; ')}`, issues);
        }
        const extension = isRecord(request.context.extension) ? request.context.extension : {};
        const locale = typeof request.context.locale === 'string' ? request.context.locale : undefined;
        return { ok: true, body: await handler(parsed.data, { accountId, extension, locale }) };
      } catch (error) {
        if (error instanceof AppError) return { ok: false, error: error.toBody() };
        console.error(`[${surface}] ${key} failed`, error);
        return { ok: false, error: { code: 'INTERNAL', message: 'Something went wrong in Engagement Desk. Nothing was changed; try again.' } };
      }
    });
  }
  return resolver.getDefinitions();
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
