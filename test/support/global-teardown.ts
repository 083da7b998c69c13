// Jest global teardown: stops the shared local stack and everything it started. It throws — failing the run — when
// the host logged a function failure no test injected (see unexpectedFunctionFailures).
export default async function globalTeardown(): Promise<void> {
  await globalThis.__LOCAL_STACK__?.stop();
}
