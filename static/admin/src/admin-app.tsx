import type { ReactNode } from 'react';
import type { Settings } from '../../../src/shared/settings';
import { ErrorMessage } from '../../common/error-message';
import { I18nProvider, useI18n } from '../../common/i18n';
import { call } from '../../common/invoke';
import { Loading } from '../../common/loading';
import { Page } from '../../common/page';
import { useLoad, withViewer } from '../../common/use-load';
import { SettingsForm } from './settings-form';

const loadSettings = () => withViewer(call('admin', 'settings/get', {}), (body) => body.settings);

/** Site-wide settings for Jira administrators; everyone else is told plainly that the page is not for them. */
export function AdminApp() {
  const load = useLoad(loadSettings);
  const preferredLocale = load.state.status === 'ready' ? load.state.data[0].preferredLocale : load.state.status === 'error' ? null : undefined;

  const saved = (settings: Settings) => load.update(([viewer]) => [viewer, settings]);

  return (
    <I18nProvider preferredLocale={preferredLocale}>
      <AdminPage>
        {load.state.status === 'loading' ? <Loading /> : null}
        {load.state.status === 'error' ? <LoadError error={load.state.error} onRetry={load.reload} /> : null}
        {load.state.status === 'ready' ? <SettingsForm settings={load.state.data[1]} onSaved={saved} onReload={load.reload} /> : null}
      </AdminPage>
    </I18nProvider>
  );
}

function AdminPage({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  return <Page title={t('admin.title')}>{children}</Page>;
}

function LoadError({ error, onRetry }: { error: Parameters<typeof ErrorMessage>[0]['error']; onRetry: () => void }) {
  const { t } = useI18n();
  // Trying again does not make someone an administrator: no Retry for FORBIDDEN.
  if (error.code === 'FORBIDDEN') return <ErrorMessage error={error} message={t('admin.forbidden')} hideDetail />;
  return <ErrorMessage error={error} onRetry={onRetry} />;
}
