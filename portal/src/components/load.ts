// Loading data for a page: the value, the error, and a way to load again after a change.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

export interface Loaded<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
  /** Replaces the value without a request (after a change answered the new state). */
  set: (value: T) => void;
}

export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({ loading: true });
  const [generation, setGeneration] = useState(0);
  const latest = useRef(0);
  // `deps` are the caller's: what the load reads (a route parameter, a filter).
  useEffect(() => {
    const run = ++latest.current;
    setState((s) => ({ ...s, loading: true }));
    load().then(
      (data) => run === latest.current && setState({ data, loading: false }),
      (error: unknown) => run === latest.current && setState({ error, loading: false }),
    );
  }, [...deps, generation]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  const set = useCallback((data: T) => setState({ data, loading: false }), []);
  return { data: state.data, error: state.error, loading: state.loading, reload, set };
}

/**
 * Paging over continuation tokens for the list that `query` names: the API binds a token to its query, so a new
 * query starts again at the first page (in the same render, never with the old query's token).
 */
export function usePaging(query: string) {
  const [state, setState] = useState<{ query: string; tokens: string[] }>({ query, tokens: [] });
  const tokens = state.query === query ? state.tokens : [];
  return {
    token: tokens.at(-1),
    hasPrevious: tokens.length > 0,
    next: (token: string) => setState({ query, tokens: [...tokens, token] }),
    previous: () => setState({ query, tokens: tokens.slice(0, -1) }),
  };
}
