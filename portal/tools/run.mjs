// Runs the portal's build tool (portal-tool.ts, TypeScript) through Vite's module runner, which also loads the
// API's contracts from their TypeScript sources: the portal builds without the app's own build (tsc) having run.
import { fileURLToPath } from 'node:url';
import { runnerImport } from 'vite';

const tool = fileURLToPath(new URL('./portal-tool.ts', import.meta.url));
/** @type {{ module: { main(argv: string[]): Promise<number> } }} */
const { module } = await runnerImport(tool, { configFile: false, logLevel: 'warn' });
const code = await module.main(process.argv.slice(2));
// `dev` keeps serving; every other command is done.
if (process.argv[2] !== 'dev') process.exit(code);
