// The portal's Vite configuration, in one place for the build and the dev server (no vite.config.ts: the tool passes
// it inline, so the portal's TypeScript settings stay those of a browser app).
import path from 'node:path';
import type { InlineConfig, Plugin } from 'vite';
import type { RuntimeConfig } from '../src/config.js';

export interface PortalViteOptions {
  portalDir: string;
  outDir?: string;
  /** Dev server only: serves /config.json pointing at this API (…/api). */
  devApiBaseUrl?: string;
}

export type { RuntimeConfig };

export function devRuntimeConfig(apiBaseUrl: string): RuntimeConfig {
  const origin = new URL(apiBaseUrl).origin;
  return { apiBaseUrl, signIn: { kind: 'dev', tokenUrl: `${origin}/.dev/token` }, inboxUrl: `${origin}/.dev/inbox` };
}

/** Dev server: answers /config.json as the local stack's portal server does. */
const devConfig = (apiBaseUrl: string): Plugin => ({
  name: 'portal-dev-config',
  configureServer(server) {
    server.middlewares.use('/config.json', (_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(devRuntimeConfig(apiBaseUrl)));
    });
  },
});

export function portalViteConfig(options: PortalViteOptions): InlineConfig {
  return {
    root: options.portalDir,
    configFile: false,
    logLevel: 'warn',
    // Preact's JSX runtime, through Vite's own transformer (no framework plugin needed).
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
    build: {
      outDir: options.outDir ?? path.join(options.portalDir, 'dist'),
      emptyOutDir: true,
      target: 'es2022',
      sourcemap: true,
      reportCompressedSize: false,
    },
    plugins: options.devApiBaseUrl ? [devConfig(options.devApiBaseUrl)] : [],
  };
}
