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
}

export const useRoute = create<RouteStore>((set) => ({
  path: currentPath(),
  navigate(path) {
    if (path !== currentPath()) window.location.hash = path;
    set({ path });
  },
}));

window.addEventListener('hashchange', () => useRoute.setState({ path: currentPath() }));

/** The path's words after the page's own, e.g. ['runs', 'abc'] for /experiments/runs/abc. */
export function routeParams(path: string): string[] {
  return path.split('/').filter(Boolean).slice(1).map(decodeURIComponent);
}
