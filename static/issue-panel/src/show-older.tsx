import { useEffect, useRef, useState } from 'react';
import type { AppErrorBody } from '../../../src/shared/errors';
import { ErrorMessage } from '../../common/error-message';
import { useI18n } from '../../common/i18n';
import { useEngagement, type ItemList } from './engagement-context';

/** Where a "Show older" list is: nothing asked, a page on its way, or the last ask failed. */
export type PagerState = { status: 'idle' } | { status: 'loading' } | { status: 'error'; error: AppErrorBody };

interface ShowOlderProps {
  /** What the button says ("Show older escalations"). */
  label: string;
  /** The list has a cursor: older entries exist. */
  hasMore: boolean;
  state: PagerState;
  onLoad: () => void;
  /** Said (and focused) when the last page arrived after this button asked for it; nothing is said without it. */
  allShown?: string;
}

/**
 * The "Show older" button of a paged list, with its loading and error states.
 *
 * Keyboard: while a page is on its way the button stays focusable (aria-disabled and aria-busy rather than disabled,
 * which would drop the focus to the page's body) and a second press is ignored; Retry in the error moves the focus
 * back to the button before asking again; when the last page has arrived the button goes, and the focus moves to a
 * short note saying that everything is shown, so a keyboard or screen-reader user is not left nowhere.
 */
export function ShowOlder({ label, hasMore, state, onLoad, allShown }: ShowOlderProps) {
  const { t } = useI18n();
  const button = useRef<HTMLButtonElement>(null);
  const note = useRef<HTMLParagraphElement>(null);
  const [askedHere, setAskedHere] = useState(false);
  const loading = state.status === 'loading';
  const finished = askedHere && !hasMore && !loading && allShown !== undefined;

  useEffect(() => {
    if (finished) note.current?.focus();
  }, [finished]);

  const load = () => {
    if (loading) return;
    setAskedHere(true);
    onLoad();
  };

  return (
    <div className="ep-older">
      {state.status === 'error' ? (
        <ErrorMessage
          error={state.error}
          onRetry={() => {
            button.current?.focus();
            load();
          }}
        />
      ) : null}
      {hasMore ? (
        <button ref={button} type="button" className="ed-button" aria-disabled={loading || undefined} aria-busy={loading || undefined} onClick={load}>
          {loading ? t('common.loading') : label}
        </button>
      ) : null}
      {finished ? (
        <p ref={note} tabIndex={-1} className="ed-subtle" role="status">
          {allShown}
        </p>
      ) : null}
    </div>
  );
}

/**
 * "Show older" under one of the item lists. The three lists page together (one cursor, one `engagement-items/list`
 * call answers older progress points, escalations and change requests at once), so every list's button shows the
 * page on its way; the error and the "all shown" note appear under the list whose button asked.
 */
export function OlderItemsButton({ list, label }: { list: ItemList; label: string }) {
  const { t } = useI18n();
  const { engagement, olderItems, loadOlderItems } = useEngagement();
  const mine = olderItems.from === list;
  const state: PagerState = olderItems.state.status === 'loading' || mine ? olderItems.state : { status: 'idle' };
  return (
    <ShowOlder label={label} hasMore={engagement.itemsCursor !== null} state={state} onLoad={() => loadOlderItems(list)} {...(mine ? { allShown: t('engagementPanel.olderItems.allShown') } : {})} />
  );
}
