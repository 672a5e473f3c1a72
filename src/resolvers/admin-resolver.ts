import { requirePermissions } from '../jira/permissions';
import { readSettings, saveSettings } from '../storage/settings-repository';
import { defineSurface, type CallContext } from './define-surface';
import { getViewer, savePreferencesFor } from './viewer';
import { engagementHandlers } from './engagements/handlers';
import { requestHandlers } from './requests/handlers';
import { registerHandlers } from './registers/handlers';

/** Only Jira administrators reach settings; the admin page being hidden from others is not a security check. */
const requireAdmin = (_context: CallContext) => requirePermissions({}, ['ADMINISTER'], 'Only Jira administrators can see or change Engagement Desk settings.');

export const adminResolver = defineSurface('admin', {
  ...registerHandlers['admin'],
  ...engagementHandlers['admin'],
  ...requestHandlers['admin'],
  'viewer/get': getViewer,
  'preferences/save': savePreferencesFor,
  'settings/get': async (_input, context) => {
    await requireAdmin(context);
    const [viewer, settings] = await Promise.all([getViewer({}, context), readSettings()]);
    return { viewer, settings };
  },
  'settings/update': async (input, context) => {
    await requireAdmin(context);
    return saveSettings(input, context.accountId);
  },
});
