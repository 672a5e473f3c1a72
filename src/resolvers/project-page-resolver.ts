import { requirePermissions } from '../jira/permissions';
import { defineSurface } from './define-surface';
import { projectOf } from './extension';
import { getViewer, savePreferencesFor } from './viewer';
import { engagementHandlers } from './engagements/handlers';
import { requestHandlers } from './requests/handlers';
import { registerHandlers } from './registers/handlers';

export const projectPageResolver = defineSurface('project-page', {
  ...registerHandlers['project-page'],
  ...engagementHandlers['project-page'],
  ...requestHandlers['project-page'],
  'viewer/get': getViewer,
  'preferences/save': savePreferencesFor,
  'board/get': async (_input, context) => {
    const project = projectOf(context.extension);
    await requirePermissions({ projectKey: project.key }, ['BROWSE_PROJECTS'], 'You do not have access to this project.');
    return { viewer: await getViewer({}, context), project: { key: project.key } };
  },
});
