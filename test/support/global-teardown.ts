// Jest global teardown: stops the shared local stack and everything it started.
export default async function globalTeardown(): Promise<void> {
  await globalThis.__LOCAL_STACK__?.stop();
}
