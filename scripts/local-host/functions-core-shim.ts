// Stands in for the Functions host's `@azure/functions-core` module, so the real `app.http/storageQueue/timer`
// calls register with this local host exactly as they would with `func start` — one source of truth for routes.
import Module from 'node:module';

export interface BindingInfo {
  type: string;
  direction: 'in' | 'out';
  name?: string;
  route?: string;
  methods?: string[];
  queueName?: string;
  connection?: string;
  schedule?: string;
  runOnStartup?: boolean;
  [key: string]: unknown;
}

export interface FunctionRegistration {
  name: string;
  bindings: Record<string, BindingInfo>;
  /** The function's retry policy (`retry` in its options), as @azure/functions hands it to the host. */
  retryOptions?: Record<string, unknown>;
  // The handler signature depends on the trigger: (request, context) for HTTP, (message|timer, context) otherwise.
  handler: (...args: unknown[]) => unknown;
}

type ModuleLoad = (request: string, parent: unknown, isMain: boolean) => unknown;

const registrations: FunctionRegistration[] = [];
let installed = false;

/** Installs the shim; must run before `@azure/functions` is first loaded. Returns the live list of registrations. */
export function installFunctionsCoreShim(): FunctionRegistration[] {
  if (installed) return registrations;
  installed = true;
  const coreApi = {
    version: 'local-host',
    setProgrammingModel: () => undefined,
    getProgrammingModel: () => undefined,
    registerFunction(
      metadata: { name: string; bindings: Record<string, BindingInfo>; retryOptions?: Record<string, unknown> },
      handler: FunctionRegistration['handler'],
    ) {
      if (registrations.some((r) => r.name === metadata.name)) throw new Error(`duplicate function name ${metadata.name}`);
      registrations.push({
        name: metadata.name,
        bindings: metadata.bindings,
        handler,
        ...(metadata.retryOptions ? { retryOptions: metadata.retryOptions } : {}),
      });
      return { dispose: () => undefined };
    },
    registerHook: () => ({ dispose: () => undefined }),
    log: (level: string, category: string, message: string) => {
      if (level === 'error' || level === 'warning') console.error(`[functions ${category}] ${message}`);
    },
  };
  // Module._load is Node's internal loader entry point; it is the documented-by-practice hook for virtual modules.
  const moduleInternals = Module as unknown as { _load: ModuleLoad };
  const originalLoad = moduleInternals._load;
  moduleInternals._load = function load(this: unknown, request: string, parent: unknown, isMain: boolean) {
    if (request === '@azure/functions-core') return coreApi;
    return originalLoad.call(this, request, parent, isMain);
  };
  return registrations;
}

export const triggerOf = (registration: FunctionRegistration): BindingInfo | undefined =>
  Object.values(registration.bindings).find((b) => b.direction === 'in' && b.type.endsWith('Trigger'));
