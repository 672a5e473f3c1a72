import { lazy, Suspense, useState, type ReactNode } from 'react';
import type { Settings } from '../../../src/shared/settings';
import type { Viewer } from '../../../src/shared/viewer';
import { ErrorMessage } from '../../common/error-message';
import { I18nProvider, useI18n } from '../../common/i18n';
import { call } from '../../common/invoke';
import { Loading } from '../../common/loading';
import { Page } from '../../common/page';
import { useLoad, withViewer } from '../../common/use-load';
import { LanguageForm } from './language-form';
import { SettingsForm } from './settings-form';

const loadSettings = () => withViewer(call('admin', 'settings/get', {}), (body) => body.settings);

/** Each tab is its own chunk, fetched the first time it is opened, so the page's entry stays small. */
const TABS = {
  settings: null,
  templates: lazy(() => import('./templates-tab')),
  organisations: lazy(() => import('./organisations-tab')),
  coverage: lazy(() => import('./coverage-tab')),
  csv: lazy(() => import('./csv-tab')),
  personalData: lazy(() => import('./personal-data-tab')),
  routingRules: lazy(() => import('./routing-rules-tab')),
  deliveryTeams: lazy(() => import('./delivery-teams-tab')),
  financeHolds: lazy(() => import('./finance-holds-tab')),
} as const;
type Tab = keyof typeof TABS;
const TAB_KEYS = Object.keys(TABS) as Tab[];
/** The delivery tabs (issue 6) word their names in their own catalogue namespace. */
const TAB_LABELS: Partial<Record<Tab, string>> = { routingRules: 'routingAdmin.tabs.rules', deliveryTeams: 'routingAdmin.tabs.teams', financeHolds: 'routingAdmin.tabs.holds' };

/** Site-wide settings for Jira administrators; everyone else is told plainly that the page is not for them. */
export function AdminApp() {
  const load = useLoad(loadSettings);
  const preferredLocale = load.state.status === 'ready' ? load.state.data[0].preferredLocale : load.state.status === 'error' ? null : undefined;

  const saved = (settings: Settings) => load.update(([viewer]) => [viewer, settings]);
  // The provider above reads preferredLocale from here: the page speaks the new language as soon as it is saved.
  const languageSaved = (viewer: Viewer) => load.update(([, settings]) => [viewer, settings]);

  return (
    <I18nProvider preferredLocale={preferredLocale}>
      <AdminPage>
        {load.state.status === 'loading' ? <Loading /> : null}
        {load.state.status === 'error' ? <LoadError error={load.state.error} onRetry={load.reload} /> : null}
        {load.state.status === 'ready' ? (
          <Tabs
            settings={
              <>
                <SettingsForm settings={load.state.data[1]} onSaved={saved} onReload={load.reload} />
                <LanguageForm viewer={load.state.data[0]} onSaved={languageSaved} onReload={load.reload} />
              </>
            }
          />
        ) : null}
      </AdminPage>
    </I18nProvider>
  );
}

function Tabs({ settings }: { settings: ReactNode }) {
  const { t } = useI18n();
  const [tab, setTab] = useState<Tab>('settings');
  const move = (from: Tab, step: number) => {
    const next = TAB_KEYS[(TAB_KEYS.indexOf(from) + step + TAB_KEYS.length) % TAB_KEYS.length]!;
    setTab(next);
    document.getElementById(`tab-${next}`)?.focus();
  };
  const Panel = TABS[tab];
  return (
    <>
      <div role="tablist" aria-label={t('admin.tabs.label')} className="ed-tabs">
        {TAB_KEYS.map((key) => (
          <button
            key={key}
            id={`tab-${key}`}
            type="button"
            role="tab"
            aria-selected={tab === key}
            aria-controls={`panel-${key}`}
            tabIndex={tab === key ? 0 : -1}
            className="ed-tab"
            onClick={() => setTab(key)}
            onKeyDown={(e) => {
              if (e.key === 'ArrowRight') move(key, 1);
              if (e.key === 'ArrowLeft') move(key, -1);
            }}
          >
            {t(TAB_LABELS[key] ?? `admin.tabs.${key}`)}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className="ed-tabpanel">
        {Panel === null ? (
          settings
        ) : (
          <Suspense fallback={<Loading />}>
            <Panel />
          </Suspense>
        )}
      </div>
    </>
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
