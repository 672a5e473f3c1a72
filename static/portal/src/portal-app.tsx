import type { ReactNode } from 'react';
import type { SupportedLocale } from '../../../src/shared/locales';
import { ErrorMessage } from '../../common/error-message';
import { I18nProvider, useI18n } from '../../common/i18n';
import { call } from '../../common/invoke';
import { Loading } from '../../common/loading';
import { Page } from '../../common/page';
import { useLoad, withViewer } from '../../common/use-load';
import { LanguageSwitch } from './language-switch';

const loadPortal = () => withViewer(call('portal', 'request/get', {}), (body) => ({ request: body.request }));

/** The customer's view of their request: which request, what will appear here, and their language. */
export function PortalApp() {
  const load = useLoad(loadPortal);
  const preferredLocale = load.state.status === 'ready' ? load.state.data[0].preferredLocale : load.state.status === 'error' ? null : undefined;

  const languageSaved = (locale: { preferredLocale: SupportedLocale | null; version: number }) => {
    // The provider sees the new choice and re-renders the page in it.
    load.update(([viewer, request]) => [{ ...viewer, preferredLocale: locale.preferredLocale, preferencesVersion: locale.version }, request]);
  };

  return (
    <I18nProvider preferredLocale={preferredLocale}>
      <PortalPage>
        {load.state.status === 'loading' ? <Loading /> : null}
        {load.state.status === 'error' ? <ErrorMessage error={load.state.error} onRetry={load.reload} /> : null}
        {load.state.status === 'ready' ? (
          <>
            <RequestSummary request={load.state.data[1].request} />
            <LanguageSwitch preferredLocale={load.state.data[0].preferredLocale} preferencesVersion={load.state.data[0].preferencesVersion} onSaved={languageSaved} />
          </>
        ) : null}
      </PortalPage>
    </I18nProvider>
  );
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
