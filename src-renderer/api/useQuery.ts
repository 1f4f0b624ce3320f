import { useCallback, useEffect, useRef, useState } from 'react';
import { contract, type Input, type OperationName, type Output } from '../../shared/contract';
import { ApiError } from '../../shared/errors';
import { call, onChange } from './client';

export interface Query<T> {
  data: T | undefined;
  error: ApiError | null;
  loading: boolean;
  reload(): void;
}

/**
 * Reads asked in one moment by two screens (the waiting list and the check-in form both read
 * visits.board when one change is announced to both) share one call: otherwise the host is asked
 * twice and the second answer queues behind the first on the browser's six connections (issue 21,
 * screen to screen). Only within the moment (one task of the event loop): a read asked later is a
 * new call, since a call already under way may have been sent before the change it must show.
 */
const asked = new Map<string, Promise<unknown>>();
function sharedRead<K extends OperationName>(operation: K, key: string): Promise<Output<K>> {
  const id = `${operation} ${key}`;
  let pending = asked.get(id) as Promise<Output<K>> | undefined;
  if (!pending) {
    pending = call(operation, JSON.parse(key) as Input<K>);
    asked.set(id, pending);
    setTimeout(() => asked.delete(id), 0);
  }
  return pending;
}

/**
 * Reads one operation and keeps it fresh: the truth lives in the main process, so the screen
 * re-fetches when the main process announces a change of one of the document types the
 * operation declares in the contract (`op(…, { dependsOn })`).
 */
export function useQuery<K extends OperationName>(operation: K, input: Input<K>): Query<Output<K>> {
  const key = JSON.stringify(input);
  const [state, setState] = useState<{ data?: Output<K>; error: ApiError | null; key: string | null }>({ error: null, key: null });
  const refreshKey = ((contract[operation] as { dependsOn?: readonly string[] }).dependsOn ?? []).join(',');
  const latest = useRef(0);

  const load = useCallback(() => {
    const ticket = ++latest.current;
    sharedRead(operation, key)
      .then((data) => ticket === latest.current && setState({ data, error: null, key }))
      .catch((err: unknown) => {
        const error = err instanceof ApiError ? err : new ApiError({ code: 'internal', message: String(err) });
        if (ticket === latest.current) setState((prev) => ({ ...prev, error, key }));
      });
  }, [operation, key]);

  useEffect(() => {
    load();
    if (!refreshKey) return;
    const types = refreshKey.split(',');
    return onChange((event) => {
      if (event.types.some((t) => types.includes(t))) load();
    });
  }, [load, refreshKey]);

  return { data: state.data, error: state.error, loading: state.key !== key, reload: load };
}

/** A clock that ticks every `ms`, for "waited N minutes" displays. */
export function useNow(ms = 15_000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const id = setInterval(() => setNow(new Date()), ms);
    return () => clearInterval(id);
  }, [ms]);
  return now;
}
