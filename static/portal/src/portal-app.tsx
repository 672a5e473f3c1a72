import { lazy, Suspense, type ReactNode } from 'react';
import type { SupportedLocale } from '../../../src/shared/locales';
import { ErrorMessage } from '../../common/error-message';
import { I18nProvider, useI18n } from '../../common/i18n';
import { call } from '../../common/invoke';
import { Loading } from '../../common/loading';
import { Page } from '../../common/page';
import { useLoad, withViewer } from '../../common/use-load';
import { EngagementSection } from './engagement-section';
import { LanguageSwitch } from './language-switch';

/**
 * The page opens with ONE resolver call, `engagement/mine`: it answers the viewer, the request (key and summary, as
 * `request/get` would) and the request's engagement together. The organisation's contacts come from a second call,
 * `register/mine`, made only after that first paint by a lazily loaded section with its own loading state.
 */
const loadPortal = () => withViewer(call('portal', 'engagement/mine', {}), (body) => ({ request: body.request, engagement: body.engagement, implementation: body.implementation }));

const OrganisationSection = lazy(() => import('./organisation-section'));
/** The implementation request's partner view (issue 6): its own chunk; its data comes with engagement/mine. */
const RequestSection = lazy(() => import('./request-section'));

/** The customer's view of their request: the request, its engagement, their organisation's contacts, their language. */
export function PortalApp() {
  const load = useLoad(loadPortal);
  const preferredLocale = load.state.status === 'ready' ? load.state.data[0].preferredLocale : load.state.status === 'error' ? null : undefined;

  const languageSaved = (locale: { preferredLocale: SupportedLocale | null; version: number }) => {
    // The provider sees the new choice and re-renders the page in it.
    load.update(([viewer, data]) => [{ ...viewer, preferredLocale: locale.preferredLocale, preferencesVersion: locale.version }, data]);
  };

  return (
    <I18nProvider preferredLocale={preferredLocale}>
      <PortalPage>
        {load.state.status === 'loading' ? <Loading /> : null}
        {load.state.status === 'error' ? <ErrorMessage error={load.state.error} onRetry={load.reload} /> : null}
        {load.state.status === 'ready' ? (
          <>
            <RequestSummary request={load.state.data[1].request} />
            {load.state.data[1].implementation ? (
              <Suspense fallback={<Loading />}>
                <RequestSection initial={load.state.data[1].implementation} onReload={load.reload} />
              </Suspense>
            ) : null}
            <EngagementSection engagement={load.state.data[1].engagement} onReload={load.reload} />
            <Suspense fallback={<SectionLoading />}>
              <OrganisationSection />
            </Suspense>
            <LanguageSwitch preferredLocale={load.state.data[0].preferredLocale} preferencesVersion={load.state.data[0].preferencesVersion} onSaved={languageSaved} />
          </>
        ) : null}
      </PortalPage>
    </I18nProvider>
  );
}

function SectionLoading() {
  const { t } = useI18n();
  return <Loading label={t('portal.org.loading')} />;
}

function PortalPage({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  return (
    <Page title={t('portal.title')} hideTitle>
      {children}
    </Page>
  );
}

function RequestSummary({ request }: { request: { key: string; summary: string } }) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="request-heading">
      <h2 id="request-heading">{t('portal.requestHeading')}</h2>
      <dl className="ed-facts">
        <dt>{t('portal.requestKey')}</dt>
        <dd>{request.key}</dd>
        <dt>{t('portal.summary')}</dt>
        <dd>{request.summary}</dd>
      </dl>
      <p className="ed-subtle">{t('portal.explanation')}</p>
    </section>
  );
}
