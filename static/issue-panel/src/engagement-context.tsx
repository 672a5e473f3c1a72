import { createContext, useCallback, useContext, useRef, useState, type ReactNode } from 'react';
import type { BudgetStatus, EngagementCore, EngagementPerson, EngagementView, ItemsPage } from '../../../src/shared/engagement';
import type { AppErrorBody, Envelope } from '../../../src/shared/errors';
import type { IssueRegister } from '../../../src/shared/operations/registers';
import { ErrorMessage } from '../../common/error-message';
import { allIssuesShown } from '../../common/field';
import { call } from '../../common/invoke';
import type { LoadState } from '../../common/use-load';
import type { PagerState } from './show-older';

/** The organisation register of the issue, loaded on demand (opening the panel stays one resolver call). */
export type RegisterState = { status: 'idle' } | LoadState<IssueRegister>;

export interface EngagementContextValue {
  engagement: EngagementView;
  canEdit: boolean;
  /** Merges what a write answered (the engagement as saved) into the view, keeping items and logged hours. */
  saved: (core: EngagementCore) => void;
  /** Replaces parts of the view that a write answered without the engagement (items). */
  change: (update: (view: EngagementView) => EngagementView) => void;
  /** Loads the whole panel again (after a CONFLICT). */
  reload: () => void;
  register: RegisterState;
  loadRegister: (force?: boolean) => void;
  /**
   * Older items (progress points, escalations, change requests share one cursor: `engagement.itemsCursor`). `from`
   * says which list's button asked, so that only that list shows the error or the "all shown" note.
   */
  olderItems: OlderItems;
  loadOlderItems: (from: ItemList) => void;
}

export type ItemList = 'progress' | 'escalations' | 'changes';
export interface OlderItems {
  state: PagerState;
  from: ItemList | null;
}

const EngagementContext = createContext<EngagementContextValue | null>(null);

export function useEngagement(): EngagementContextValue {
  const value = useContext(EngagementContext);
  if (!value) throw new Error('useEngagement is used outside <EngagementProvider>.');
  return value;
}

/** The budget figures the panel shows, recomputed from a saved budget and the logged hours read on open. */
export function budgetStatusOf(core: EngagementCore, previous: BudgetStatus): BudgetStatus {
  const logged = previous.loggedHours;
  const { soldHours, estimateHours } = core.budget;
  const minus = (total: number | null) => (total === null || logged === null ? null : Math.round((total - logged) * 100) / 100);
  return {
    ...previous,
    soldHours,
    estimateHours,
    remainingHours: minus(soldHours),
    estimateRemainingHours: minus(estimateHours),
    overEstimate: logged !== null && estimateHours !== null && logged > estimateHours,
    overSold: logged !== null && soldHours !== null && logged > soldHours,
  };
}

interface ProviderProps {
  initial: EngagementView;
  canEdit: boolean;
  reload: () => void;
  children: ReactNode;
}

export function EngagementProvider({ initial, canEdit, reload, children }: ProviderProps) {
  const [engagement, setEngagement] = useState(initial);
  const [register, setRegister] = useState<RegisterState>({ status: 'idle' });
  const registerRound = useRef(0);
  const engagementNow = useRef(engagement);
  engagementNow.current = engagement;

  const change = useCallback(
    (update: (view: EngagementView) => EngagementView) => {
      const next = update(engagementNow.current);
      engagementNow.current = next;
      setEngagement(next);
    },
    [],
  );
  const saved = useCallback(
    (core: EngagementCore) => {
      // A new organisation link makes the register loaded for the old one wrong: it is loaded again when asked.
      if (engagementNow.current.organisation?.id !== core.organisation?.id) {
        registerRound.current += 1;
        setRegister({ status: 'idle' });
      }
      change((previous) => ({ ...previous, ...core, budgetStatus: budgetStatusOf(core, previous.budgetStatus) }));
    },
    [change],
  );
  const registerNow = useRef<RegisterState>(register);
  registerNow.current = register;
  const loadRegister = useCallback((force = false) => {
    const current = registerNow.current;
    if (!force && (current.status === 'ready' || current.status === 'loading')) return;
    const mine = ++registerRound.current;
    if (current.status !== 'ready') setRegister({ status: 'loading' });
    void call('issue-panel', 'register/for-issue', {}).then((answer) => {
      if (mine !== registerRound.current) return;
      setRegister(answer.ok ? { status: 'ready', data: answer.body } : { status: 'error', error: answer.error });
    });
  }, []);

  const [olderItems, setOlderItems] = useState<OlderItems>({ state: { status: 'idle' }, from: null });
  const olderBusy = useRef(false);
  const loadOlderItems = useCallback(
    (from: ItemList) => {
      const cursor = engagementNow.current.itemsCursor;
      if (!cursor || olderBusy.current) return;
      olderBusy.current = true;
      setOlderItems({ state: { status: 'loading' }, from });
      void call('issue-panel', 'engagement-items/list', { cursor }).then((answer) => {
        olderBusy.current = false;
        if (!answer.ok) {
          setOlderItems({ state: { status: 'error', error: answer.error }, from });
          return;
        }
        change((view) => withOlderItems(view, answer.body));
        setOlderItems({ state: { status: 'idle' }, from });
      });
    },
    [change],
  );

  return (
    <EngagementContext.Provider value={{ engagement, canEdit, saved, change, reload, register, loadRegister, olderItems, loadOlderItems }}>
      {children}
    </EngagementContext.Provider>
  );
}

/**
 * Appends an older page of items. An item already shown is kept as shown: the page may have changed it since (an
 * escalation acknowledged here), and what the page holds is at least as new as what an older page answers.
 */
export function withOlderItems(view: EngagementView, page: ItemsPage): EngagementView {
  const append = <T extends { id: string }>(shown: T[], older: T[]) => [...shown, ...older.filter((o) => !shown.some((s) => s.id === o.id))];
  return {
    ...view,
    progressPoints: append(view.progressPoints, page.progressPoints),
    escalations: append(view.escalations, page.escalations),
    changes: append(view.changes, page.changes),
    itemsCursor: page.cursor,
  };
}

export interface Write {
  saving: boolean;
  error: AppErrorBody | null;
  /** Sends one write; answers whether it succeeded. A second call while one is out is ignored. */
  run: <T>(send: () => Promise<Envelope<T>>, onOk: (body: T) => void) => Promise<boolean>;
  clear: () => void;
}

/** One form's write: busy while out, the error kept for the form to show (the typed input is never cleared here). */
export function useWrite(): Write {
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<AppErrorBody | null>(null);
  const busy = useRef(false);
  const run = useCallback(async <T,>(send: () => Promise<Envelope<T>>, onOk: (body: T) => void) => {
    if (busy.current) return false;
    busy.current = true;
    setSaving(true);
    setError(null);
    const answer = await send();
    busy.current = false;
    setSaving(false);
    if (answer.ok) {
      onOk(answer.body);
      return true;
    }
    setError(answer.error);
    return false;
  }, []);
  const clear = useCallback(() => setError(null), []);
  return { saving, error, run, clear };
}

/** The alert of a write: CONFLICT offers Reload; INVALID_INPUT issues shown beside fields are not repeated. */
export function WriteError({ error, fields = [] }: { error: AppErrorBody | null; fields?: readonly string[] }) {
  const { reload } = useEngagement();
  if (!error || allIssuesShown(error, fields)) return null;
  return <ErrorMessage error={error} {...(error.code === 'CONFLICT' ? { onRetry: reload } : {})} />;
}

/** Hours as typed: empty is null, anything else a number (NaN when it is not one, for the form to refuse). */
export function parseHours(text: string): number | null {
  const trimmed = text.trim().replace(',', '.');
  return trimmed === '' ? null : Number(trimmed);
}

/** Everyone named in a role of the engagement, once each: who may own a duty or a document. */
export function peopleOnEngagement(core: EngagementCore): EngagementPerson[] {
  const seen = new Map<string, EngagementPerson>();
  for (const role of core.roles) for (const person of role.people) if (!seen.has(person.id)) seen.set(person.id, person);
  return [...seen.values()];
}

/** The name of an owner (an engagement person's id); the id itself when they are no longer on the engagement. */
export function ownerName(core: EngagementCore, ownerId: string | null): string | null {
  if (ownerId === null) return null;
  return peopleOnEngagement(core).find((p) => p.id === ownerId)?.name ?? ownerId;
}
