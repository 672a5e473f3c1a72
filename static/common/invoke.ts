import { invoke } from '@forge/bridge';
import { ERROR_CODES, type AppErrorBody, type Envelope, type ErrorCode } from '../../src/shared/errors';
import type { OperationAnswer, OperationInput, OperationKey, Surface } from '../../src/shared/operations';

/**
 * The one way a page talks to its resolver. Types come from src/shared/operations.ts, so a page can only name the
 * operations its own surface has, with the input that operation takes. Whatever happens on the way (the bridge
 * rejecting, a resolver answering something that is not an Envelope, a code this build does not know), the page
 * gets an Envelope back and never a thrown error.
 *
 * `surface` is not sent: Forge routes `invoke` to the resolver of the module the page belongs to. It is here so that
 * a page's calls are checked against its own surface's operations.
 */
export async function call<S extends Surface, K extends OperationKey<S>>(
  _surface: S,
  key: K,
  input: OperationInput<S, K>,
): Promise<Envelope<OperationAnswer<S, K>>> {
  let answer: unknown;
  try {
    answer = await invoke(key, input as Record<string, unknown>);
  } catch (error) {
    return internal(error instanceof Error && error.message ? error.message.trim() : undefined);
  }
  return toEnvelope<OperationAnswer<S, K>>(answer);
}

const KNOWN_CODES: ReadonlySet<string> = new Set(ERROR_CODES);

/** Accepts only the two Envelope shapes; anything else is the app's fault, reported as INTERNAL. */
export function toEnvelope<T>(answer: unknown): Envelope<T> {
  if (!isRecord(answer) || typeof answer.ok !== 'boolean') return internal('The app answered in an unexpected shape.');
  if (answer.ok) {
    // The body's own shape is the resolver's promise (its zod-checked answer type); not re-validated here.
    return { ok: true, body: answer.body as T };
  }
  const error = isRecord(answer.error) ? answer.error : {};
  const message = typeof error.message === 'string' ? error.message : '';
  if (typeof error.code !== 'string' || !KNOWN_CODES.has(error.code)) return internal(message || undefined);
  const body: AppErrorBody = { code: error.code as ErrorCode, message };
  const issues = readIssues(error.issues);
  if (issues) body.issues = issues;
  return { ok: false, error: body };
}

function readIssues(value: unknown): AppErrorBody['issues'] {
  if (!Array.isArray(value)) return undefined;
  return value
    .filter(isRecord)
    .map((issue) => ({ path: typeof issue.path === 'string' ? issue.path : '', message: typeof issue.message === 'string' ? issue.message : '' }));
}

function internal(message = 'The request did not reach Engagement Desk.'): { ok: false; error: AppErrorBody } {
  return { ok: false, error: { code: 'INTERNAL', message } };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
