// One stack for the whole browser suite; the workers find it in the environment.
import { setStackInfo, startStack } from './stack.js';

export default async function globalSetup(): Promise<() => Promise<void>> {
  const stack = await startStack();
  setStackInfo(stack.info);
  return () => stack.stop();
}
