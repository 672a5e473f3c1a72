import type { Handlers } from '../define-surface';
import { pending } from './pending';

export const boardHandlers: Pick<Handlers<'project-page'>, 'board/page' | 'board/reassign'> = {
  'board/page': pending,
  'board/reassign': pending,
};
