import type { Handlers } from '../define-surface';
import { openBoard, reassignFromBoard } from './board-service';

/** The delivery board's operations (project page): a page of a team's board, and reassignment with a reason. */
export const boardHandlers: Pick<Handlers<'project-page'>, 'board/page' | 'board/reassign'> = {
  'board/page': (input, context) => openBoard(context, input),
  'board/reassign': (input, context) => reassignFromBoard(input, context),
};
