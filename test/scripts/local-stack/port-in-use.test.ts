// `npm start` on a port something else holds: one line saying which port and how to pick another, a non-zero exit,
// and nothing left running.
import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { repoRoot } from '../../support/stack-process.js';

function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(repoRoot, 'dist', 'scripts', 'start-local-stack.js'), ...args], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('npm start on a busy port', () => {
  let holder: net.Server;
  let busyPort: number;
  beforeAll(async () => {
    holder = net.createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', () => resolve()));
    busyPort = (holder.address() as net.AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => holder.close(() => resolve())));

  it('says in one line which port is taken and how to choose another, and exits non-zero', async () => {
    const { code, stdout, stderr } = await runCli(['--port', String(busyPort), '--no-seed', '--no-timers']);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    const lines = stderr.split('\n').filter((l) => l.trim() !== '');
    expect(lines).toEqual([expect.stringContaining(`Port ${busyPort} is already in use`)]);
    expect(lines[0]).toContain('npm start -- --port ');
    expect(stderr).not.toMatch(/EADDRINUSE|\n\s+at /);
  }, 30_000);

  it("says the same when the portal's port is taken, before starting anything", async () => {
    const { code, stdout, stderr } = await runCli(['--port', '0', '--portal-port', String(busyPort), '--no-seed', '--no-timers']);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    const lines = stderr.split('\n').filter((l) => l.trim() !== '');
    expect(lines).toEqual([expect.stringContaining(`Port ${busyPort} (the portal) is already in use`)]);
    expect(lines[0]).toContain('npm start -- --portal-port ');
  }, 30_000);

  it('rejects a --port that is not a port number the same way', async () => {
    const { code, stderr } = await runCli(['--port', 'seventy', '--no-seed', '--no-timers']);
    expect(code).toBe(1);
    expect(stderr.trim()).toBe('--port expects a port number (0-65535), got "seventy".');
  }, 30_000);
});
