import { lazy, Suspense, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { BoardPage } from '../../../src/shared/operations/requests';
import { ErrorMessage } from '../../common/error-message';
import { I18nProvider, useI18n } from '../../common/i18n';
import { call } from '../../common/invoke';
import { Loading } from '../../common/loading';
import { Page } from '../../common/page';
import { useLoad } from '../../common/use-load';
import { BoardView } from './board-view';
import '../../common/cards-tables.css';
import './board.css';

/** The statements tab is loaded when opened: the board is what most people come for. */
const StatementsView = lazy(() => import('./statements-view').then((m) => ({ default: m.StatementsView })));

const loadBoard = () => call('project-page', 'board/get', {});

/**
 * The delivery board (issue 6 item 8) on the project page: ONE resolver call opens it (`board/get` answers the viewer,
 * the teams they may see and the first page of one team's board); switching team and "Show more" ask `board/page`.
 * Month-end statements are a second tab, for delivery leads and Jira admins.
 */
export function ProjectPageApp() {
  const load = useLoad(loadBoard);
  const preferredLocale = load.state.status === 'ready' ? load.state.data.viewer.preferredLocale : load.state.status === 'error' ? null : undefined;
  return (
    <I18nProvider preferredLocale={preferredLocale}>
      <BoardFrame>
        {load.state.status === 'loading' ? <Loading /> : null}
        {load.state.status === 'error' ? <ErrorMessage error={load.state.error} onRetry={load.reload} /> : null}
        {load.state.status === 'ready' ? <Tabs initial={load.state.data} onReload={load.reload} /> : null}
      </BoardFrame>
    </I18nProvider>
  );
}

function BoardFrame({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  return <Page title={t('projectPage.title')}>{children}</Page>;
}

type Tab = 'board' | 'statements';
const TABS: Tab[] = ['board', 'statements'];

/** Two tabs with the WAI-ARIA tabs pattern: arrow keys move between them, the panel follows. */
function Tabs({ initial, onReload }: { initial: BoardPage; onReload: () => void }) {
  const { t } = useI18n();
  const [tab, setTab] = useState<Tab>('board');
  // Once opened, the statements tab stays mounted: switching back and forth keeps the month and the CSV links.
  const [statementsOpened, setStatementsOpened] = useState(false);
  if (tab === 'statements' && !statementsOpened) setStatementsOpened(true);
  const refs = useRef<Record<Tab, HTMLButtonElement | null>>({ board: null, statements: null });
  const label: Record<Tab, string> = { board: t('deliveryBoard.tabs.board'), statements: t('deliveryBoard.tabs.statements') };
  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    const index = TABS.indexOf(tab);
    const next = event.key === 'ArrowRight' ? TABS[(index + 1) % TABS.length] : event.key === 'ArrowLeft' ? TABS[(index + TABS.length - 1) % TABS.length] : event.key === 'Home' ? TABS[0] : event.key === 'End' ? TABS[TABS.length - 1] : undefined;
    if (!next) return;
    event.preventDefault();
    setTab(next);
    refs.current[next]?.focus();
  };
  return (
    <>
      <p className="ed-subtle">{t('projectPage.project', { key: initial.project.key })}</p>
      <div className="db-tabs" role="tablist" aria-label={t('projectPage.title')}>
        {TABS.map((name) => (
          <button
            key={name}
            ref={(el) => {
              refs.current[name] = el;
            }}
            type="button"
            role="tab"
            id={`tab-${name}`}
            aria-selected={tab === name}
            aria-controls={`panel-${name}`}
            tabIndex={tab === name ? 0 : -1}
            className="db-tab"
            onClick={() => setTab(name)}
            onKeyDown={onKeyDown}
          >
            {label[name]}
          </button>
        ))}
      </div>
      <div role="tabpanel" id="panel-board" aria-labelledby="tab-board" hidden={tab !== 'board'}>
        <BoardView initial={initial} onReload={onReload} />
      </div>
      <div role="tabpanel" id="panel-statements" aria-labelledby="tab-statements" hidden={tab !== 'statements'}>
        {statementsOpened ? (
          <Suspense fallback={<Loading />}>
            <StatementsView />
          </Suspense>
        ) : null}
      </div>
    </>
  );
}
