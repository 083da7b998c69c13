// How the function files register their functions, so that the bundle can load them lazily.
//
// A function file calls `register.http(name, options)` (or `storageQueue`, `timer`, `cosmosDB`) where it would call
// `app.*`. Three modes:
// - 'direct' (the default: tests, `tsc` output run as is): the call goes straight to `app.*`.
// - 'capture' (the build, build/bundle.ts): nothing is registered; the build reads each function's kind and options
//   (everything but its handler) and writes them into the bundle's entry, which registers every function at startup
//   with the same options and a handler that loads the function's own chunk on its first call.
// - 'lazy' (the bundle at run time): the function file's call, made when its chunk loads, only hands its handler over.
// So a cold start loads the entry, `@azure/functions` and this module — not the functions' use cases, schemas or
// repositories, which come with a function's first call (on Flex Consumption every scale-out is a cold start).
import { app } from '@azure/functions';

type Registrar = typeof app;
export type TriggerKind = 'http' | 'storageQueue' | 'timer' | 'cosmosDB';
type Handler = (...args: never[]) => unknown;

let mode: 'direct' | 'capture' | 'lazy' = 'direct';
const captured: { kind: TriggerKind; name: string; options: Record<string, unknown> }[] = [];
const handlers = new Map<string, Handler>();
const gates: Promise<unknown>[] = [];

export function setRegistrationMode(next: 'direct' | 'capture' | 'lazy'): void {
  mode = next;
}

/** What the function files registered in 'capture' mode since the last call, handlers left out. */
export function takeCaptured(): { kind: TriggerKind; name: string; options: Record<string, unknown> }[] {
  return captured.splice(0);
}

const registrar =
  <K extends TriggerKind>(kind: K) =>
  (name: string, options: Parameters<Registrar[K]>[1]): void => {
    const { handler, ...rest } = options as unknown as { handler: Handler } & Record<string, unknown>;
    if (mode === 'capture') captured.push({ kind, name, options: rest });
    else if (mode === 'lazy') handlers.set(name, handler);
    // The one place the app calls `app.*`: the options are those of the kind named.
    else (app[kind] as (name: string, options: unknown) => void)(name, options);
  };

export const register = {
  http: registrar('http'),
  storageQueue: registrar('storageQueue'),
  timer: registrar('timer'),
  cosmosDB: registrar('cosmosDB'),
};

/** Something every first call waits for (the local stack's dependency overrides). */
export function gateFirstCalls(gate: Promise<unknown>): void {
  gates.push(gate);
}

/** The handler the bundle registers: loads the function's chunk on the first call, then calls its own handler. */
export function lazyHandler(name: string, load: () => Promise<unknown>): Handler {
  return async (...args: never[]) => {
    let handler = handlers.get(name);
    if (!handler) {
      await Promise.all(gates);
      await load();
      handler = handlers.get(name);
      if (!handler) throw new Error(`function ${name}: its file registered no handler`);
    }
    return handler(...args);
  };
}
