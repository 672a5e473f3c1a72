import { defineSurface } from './define-surface';
import { getViewer, savePreferencesFor } from './viewer';
import { engagementHandlers } from './engagements/handlers';
import { requestHandlers } from './requests/handlers';
import { registerHandlers } from './registers/handlers';
import { BOARD_PAGE_SIZE, openBoard } from './requests/board-service';

export const projectPageResolver = defineSurface('project-page', {
  ...registerHandlers['project-page'],
  ...engagementHandlers['project-page'],
  ...requestHandlers['project-page'],
  'viewer/get': getViewer,
  'preferences/save': savePreferencesFor,
  // The page opens with this one call: the viewer, the teams they may see and the first page of one team's board.
  'board/get': (_input, context) => openBoard(context, { teamId: null, cursor: null, limit: BOARD_PAGE_SIZE }),
});
