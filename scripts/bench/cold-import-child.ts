// One cold import, timed in a fresh process (run by the bench, once per sample): the Functions worker's module stands
// in as the local host provides it, then either `@azure/functions` alone or the app's entry (package.json "main") is
// imported, as the worker does on a cold start. Prints `{"ms":…,"rssMb":…,"functions":…}`.
import { pathToFileURL } from 'node:url';
import { installFunctionsCoreShim } from '../local-host/functions-core-shim.js';

const target = process.argv[2];
if (!target) throw new Error('usage: cold-import-child.js <@azure/functions | path of the app entry>');
const registrations = installFunctionsCoreShim();
const started = performance.now();
await import(target.startsWith('/') ? pathToFileURL(target).href : target);
const ms = performance.now() - started;
console.log(JSON.stringify({ ms, rssMb: process.memoryUsage().rss / 1024 / 1024, functions: registrations.length }));
