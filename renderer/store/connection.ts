import { create } from 'zustand';
import { api } from '../api/client';
import { transportKind, watchConnection, type ConnectionState } from '../api/transport';

interface ConnectionStore {
  state: ConnectionState;
  version: string | null;
  lastError: string | null;
  checkHealth(): Promise<void>;
}

export const useConnection = create<ConnectionStore>((set) => ({
  state: 'connecting',
  version: null,
  lastError: null,
  async checkHealth() {
    try {
      const health = await api.system.health();
      set({ state: 'connected', version: health.version, lastError: null });
    } catch (error) {
      set({ state: 'disconnected', lastError: (error as Error).message });
    }
  },
}));

const HEALTH_POLL_MS = 10_000;

/** Keeps the indicator true: the event stream reports drops at once, a poll confirms health. */
export function startConnectionMonitor(): () => void {
  const { checkHealth } = useConnection.getState();
  void checkHealth();
  if (transportKind === 'http') {
    watchConnection((state) => {
      if (state === 'connected') void checkHealth();
      else useConnection.setState({ state });
    });
  }
  const timer = window.setInterval(() => void checkHealth(), HEALTH_POLL_MS);
  return () => window.clearInterval(timer);
}
