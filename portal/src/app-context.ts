// What every page reads from the shell: the runtime configuration and the typed API client.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { ApiClient } from './api/client';
import type { RuntimeConfig } from './config';

export interface AppServices {
  config: RuntimeConfig;
  api: ApiClient;
}

export const AppContext = createContext<AppServices | undefined>(undefined);

export function useApp(): AppServices {
  const services = useContext(AppContext);
  if (!services) throw new Error('useApp outside the portal shell');
  return services;
}
