import { z } from 'zod';
import { AppError } from '../shared/errors';

/**
 * Reads the ids a page's `extension` claims. These only say WHICH issue, project or request the browser is on; the
 * caller must still prove, as the user, that they may see it.
 */
const issueExtension = z.object({ issue: z.object({ id: z.string().regex(/^\d+$/), key: z.string().min(1) }) });
const projectExtension = z.object({ project: z.object({ key: z.string().regex(/^[A-Z][A-Z0-9_]{0,9}$/) }) });
const requestExtension = z.object({ request: z.object({ key: z.string().regex(/^[A-Z][A-Z0-9_]*-\d+$/) }) });

function read<T>(schema: z.ZodType<T>, extension: Record<string, unknown>, what: string): T {
  const parsed = schema.safeParse(extension);
  if (!parsed.success) throw new AppError('INVALID_INPUT', `This page did not say which ${what} it is on.`);
  return parsed.data;
}

export const issueOf = (extension: Record<string, unknown>) => read(issueExtension, extension, 'issue').issue;
export const projectOf = (extension: Record<string, unknown>) => read(projectExtension, extension, 'project').project;
export const requestOf = (extension: Record<string, unknown>) => read(requestExtension, extension, 'request').request;
