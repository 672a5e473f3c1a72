import { defineSurface } from './define-surface';
import { getViewer, savePreferencesFor } from './viewer';
import { engagementHandlers } from './engagements/handlers';
import { requestHandlers } from './requests/handlers';
import { registerHandlers } from './registers/handlers';

/** The issue panel's resolver: the engagement's operations (panel/get opens it) and the organisation registers'. */
export const issuePanelResolver = defineSurface('issue-panel', {
  ...registerHandlers['issue-panel'],
  ...engagementHandlers['issue-panel'],
  ...requestHandlers['issue-panel'],
  'viewer/get': getViewer,
  'preferences/save': savePreferencesFor,
});
