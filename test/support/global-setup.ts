// Jest global setup: one local stack (real emulators, real function registrations) shared by the test files.
import { startStackProcess, type StackProcess } from './stack-process.js';

declare global {
  var __LOCAL_STACK__: StackProcess | undefined;
}

export default async function globalSetup(): Promise<void> {
  const stack = await startStackProcess();
  globalThis.__LOCAL_STACK__ = stack;
  // Test workers are spawned after this and inherit the environment.
  process.env.TEST_STACK = JSON.stringify(stack.info);
}
