import type { z } from 'zod';
import { invalid } from './errors';

/**
 * Cursors are opaque to callers: base64url of a small JSON record naming the last item of the page. Decoding checks
 * the record's shape, so a made-up or truncated cursor is refused with INVALID_CURSOR instead of silently restarting.
 */
export function encodeCursor(position: object): string {
  return Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');
}

export function decodeCursor<T>(cursor: string, shape: z.ZodType<T, z.ZodTypeDef, unknown>): T {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const result = shape.safeParse(parsed);
  if (!result.success) throw invalid('INVALID_CURSOR', 'The cursor is not one this service issued.');
  return result.data;
}
