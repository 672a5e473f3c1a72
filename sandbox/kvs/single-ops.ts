import { badRequest, KvsError } from './errors';
import { applyWrite, checkTargetKey, itemBody, prepareWrite, type EngineContext, type Target } from './item-ops';
import type { SetOptions } from './request-schemas';
import type { KvsReply } from './types';

function notFound(key: string): KvsError {
  return new KvsError(404, 'KEY_NOT_FOUND', `Provided key '${key}' does not exist.`);
}

/** 200 with the item (every metadata field; the SDK keeps those asked for), or 404 KEY_NOT_FOUND. */
export function getItem(ctx: EngineContext, target: Target, key: string): KvsReply {
  checkTargetKey(target, key);
  const item = ctx.store.getLive(target.namespace, key, ctx.now());
  if (!item) throw notFound(key);
  return { status: 200, body: itemBody(item) };
}

/**
 * 204, or 200 with the PREVIOUS or LATEST item when `returnValue` is asked (204 when there was no previous item: the
 * SDK then returns undefined). FAIL_IF_EXISTS refuses a live key with 409 KEY_ALREADY_EXISTS; an expired key is
 * absent, so it may be written.
 */
export function setItem(ctx: EngineContext, target: Target, key: string, value: unknown, options: SetOptions | undefined): KvsReply {
  if (options?.returnValue && options.keyPolicy === 'FAIL_IF_EXISTS') {
    throw badRequest('returnValue can only be used with keyPolicy OVERRIDE.');
  }
  const write = prepareWrite(ctx, target, key, value, options);
  return ctx.store.atomically(() => {
    const previous = ctx.store.getLive(target.namespace, key, ctx.now());
    if (previous && options?.keyPolicy === 'FAIL_IF_EXISTS') {
      throw new KvsError(409, 'KEY_ALREADY_EXISTS', `The key '${key}' already exists and keyPolicy is FAIL_IF_EXISTS.`);
    }
    const latest = applyWrite(ctx, write);
    if (options?.returnValue === 'LATEST') return { status: 200, body: itemBody(latest) };
    if (options?.returnValue === 'PREVIOUS' && previous) return { status: 200, body: itemBody(previous) };
    return { status: 204 };
  });
}

/** 204, or 404 KEY_NOT_FOUND when nothing live was there (the SDK swallows it). */
export function deleteItem(ctx: EngineContext, target: Target, key: string): KvsReply {
  checkTargetKey(target, key);
  if (!ctx.store.remove(target.namespace, key, ctx.now())) throw notFound(key);
  return { status: 204 };
}
