import { create } from 'zustand';

/**
 * Hash routing (`#/experiments/...`): it works the same from file:// inside Electron and
 * from the headless server, with no server-side route table.
 */
function currentPath(): string {
  const hash = window.location.hash.replace(/^#/, '');
  return hash.startsWith('/') ? hash : '/';
}

interface RouteStore {
  path: string;
  navigate(path: string): void;
  /** Changes the path without a new history entry (a view's query changing as the user works). */
  replace(path: string): void;
}

export const useRoute = create<RouteStore>((set) => ({
  path: currentPath(),
  navigate(path) {
    if (path !== currentPath()) window.location.hash = path;
    set({ path });
  },
  replace(path) {
    if (path !== currentPath()) window.history.replaceState(window.history.state, '', `#${path}`);
    set({ path });
  },
}));

window.addEventListener('hashchange', () => useRoute.setState({ path: currentPath() }));

/** The path without its query string (`/experiments` of `/experiments?exp=1`). */
export const pathOnly = (path: string): string => path.split('?')[0]!;

/** The query string of the path: the state of a view that a bookmark keeps. */
export const routeQuery = (path: string): URLSearchParams => new URLSearchParams(path.split('?')[1] ?? '');

/** The path's words after the page's own, e.g. ['runs', 'abc'] for /experiments/runs/abc. */
export function routeParams(path: string): string[] {
  return pathOnly(path).split('/').filter(Boolean).slice(1).map(decodeURIComponent);
}
