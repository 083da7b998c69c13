// Runs Azurite's queue service in a child process that cannot outlive the stack: it exits when its parent's pipe
// closes (even if the parent was killed outright) and does not wait on idle keep-alive sockets when told to stop.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const exitSoon = () => setTimeout(() => process.exit(0), 1500).unref();

process.stdin.on('end', () => process.exit(0));
process.stdin.on('error', () => process.exit(0));
process.stdin.resume();
// Azurite closes its server gracefully on these signals; this bounds how long idle client connections can delay it.
process.on('SIGTERM', exitSoon);
process.on('SIGINT', exitSoon);

// First argument: which Azurite to run — `queue` (the local host needs only queues) or `all` (what `func start`
// needs: blobs for timer leases, tables, queues). Azurite reads its own options from the rest of process.argv.
const [, , mode] = process.argv;
process.argv.splice(2, 1);
require(mode === 'all' ? 'azurite/dist/src/azurite.js' : 'azurite/dist/src/queue/main.js');
