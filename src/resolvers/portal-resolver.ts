import { readRequestAsUser } from '../jira/customer-requests';
import { defineSurface } from './define-surface';
import { requestOf } from './extension';
import { getViewer, savePreferencesFor } from './viewer';
import { engagementHandlers } from './engagements/handlers';
import { requestHandlers } from './requests/handlers';
import { registerHandlers } from './registers/handlers';

export const portalResolver = defineSurface('portal', {
  ...registerHandlers['portal'],
  ...engagementHandlers['portal'],
  ...requestHandlers['portal'],
  'viewer/get': getViewer,
  'preferences/save': savePreferencesFor,
  'request/get': async (_input, context) => {
    const request = await readRequestAsUser(requestOf(context.extension).key);
    return { viewer: await getViewer({}, context), request: { key: request.issueKey, summary: request.summary } };
  },
});
