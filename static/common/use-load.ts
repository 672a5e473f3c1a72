import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppErrorBody, Envelope } from '../../src/shared/errors';
import type { Viewer } from '../../src/shared/viewer';

export type LoadState<T> = { status: 'loading' } | { status: 'error'; error: AppErrorBody } | { status: 'ready'; data: T };

export interface Load<T> {
  state: LoadState<T>;
  /** Loads again from scratch (Retry, Reload after a conflict). */
  reload: () => void;
  /** Replaces the loaded data with what a save answered, without another round trip. */
  update: (change: (data: T) => T) => void;
}

/**
 * Runs a page's loader on mount and on reload. A slow answer that arrives after a newer reload started is dropped,
 * so the page never shows older data over newer.
 */
export function useLoad<T>(loader: () => Promise<Envelope<T>>): Load<T> {
  const [state, setState] = useState<LoadState<T>>({ status: 'loading' });
  const [round, setRound] = useState(0);
  const latest = useRef(0);
  const loaderRef = useRef(loader);
  loaderRef.current = loader;

  useEffect(() => {
    const mine = ++latest.current;
    setState({ status: 'loading' });
    void loaderRef.current().then((answer) => {
      if (mine !== latest.current) return;
      setState(answer.ok ? { status: 'ready', data: answer.body } : { status: 'error', error: answer.error });
    });
  }, [round]);

  const reload = useCallback(() => setRound((n) => n + 1), []);
  const update = useCallback((change: (data: T) => T) => {
    setState((previous) => (previous.status === 'ready' ? { status: 'ready', data: change(previous.data) } : previous));
  }, []);
  return { state, reload, update };
}

/**
 * A page's one opening call answers the viewer beside the page's data; this splits it into `[viewer, data]` for the
 * page, so that a single resolver call opens the page (the performance budget).
 */
export async function withViewer<B extends { viewer: Viewer }, D>(answer: Promise<Envelope<B>>, data: (body: B) => D): Promise<Envelope<[Viewer, D]>> {
  const a = await answer;
  return a.ok ? { ok: true, body: [a.body.viewer, data(a.body)] } : a;
}
