// Entry point of `npm start`: installs the Functions-host shim before any function code loads, then starts the stack.
import { installFunctionsCoreShim } from './local-host/functions-core-shim.js';

installFunctionsCoreShim();
const { runLocalStackCli } = await import('./local-stack/cli.js');
await runLocalStackCli(process.argv.slice(2));
