// A small client-side router: the History API, links that are real <a href> (open in a new tab, keyboard, copy),
// and focus moved to the new page's heading so screen readers announce it.
import type { AnchorHTMLAttributes, ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';

export interface Location {
  path: string;
  query: URLSearchParams;
}

const listeners = new Set<() => void>();
/** Whether the page changed in the browser since it loaded (then its heading takes focus; on load the browser's does). */
let navigated = false;
export const hasNavigated = (): boolean => navigated;
const current = (): Location => ({ path: window.location.pathname, query: new URLSearchParams(window.location.search) });

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  navigated = true;
  if (options.replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  for (const listener of listeners) listener();
}

window.addEventListener('popstate', () => {
  navigated = true;
  for (const listener of listeners) listener();
});

export function useLocation(): Location {
  const [location, setLocation] = useState(current);
  useEffect(() => {
    const listener = () => setLocation(current());
    listeners.add(listener);
    return () => listeners.delete(listener);
  }, []);
  return location;
}

/** The current path and query, as a `returnTo` for sign-in. */
export const here = (): string => `${window.location.pathname}${window.location.search}`;

type AnchorProps = AnchorHTMLAttributes<HTMLAnchorElement> & { href: string; children?: ComponentChildren };

/** An in-portal link: navigates without reloading, unless the user asks for a new tab or window. */
export function Link({ href, onClick, ...rest }: AnchorProps) {
  return (
    <a
      href={href}
      onClick={(event) => {
        onClick?.(event);
        if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey)
          return;
        event.preventDefault();
        navigate(href);
      }}
      {...rest}
    />
  );
}

export interface Route {
  pattern: RegExp;
  render(params: string[], location: Location): ComponentChildren;
}

export function matchRoute(routes: readonly Route[], location: Location): ComponentChildren | undefined {
  for (const route of routes) {
    const match = route.pattern.exec(location.path);
    if (match)
      return route.render(
        match.slice(1).map((p) => decodeURIComponent(p)),
        location,
      );
  }
  return undefined;
}
