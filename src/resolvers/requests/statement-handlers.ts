import type { Handlers } from '../define-surface';
import { pending } from './pending';

export const statementHandlers: Pick<Handlers<'project-page'>, 'statements/list' | 'statements/csv'> = {
  'statements/list': pending,
  'statements/csv': pending,
};
