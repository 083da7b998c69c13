// The integration harness's guard: a stack whose host logged a function failure no test injected fails the run.
import { unexpectedFunctionFailures } from '../../support/stack-process.js';

describe('unexpected function failures in a stack output', () => {
  const output = [
    '[createInvitation] http {"function":"createInvitation","status":202}',
    '[sendEmail] failed (dequeueCount 1): RestError: Injected fault: 503.',
    '[acceptInvitation] [c0ffee00] unhandled error {"function":"acceptInvitation","error":"Error: boom"}',
    '[processRelationshipJob] failed (dequeueCount 2): Error: unknown job kind on this queue: nope',
    'local host: request failed: socket hang up',
  ].join('\n');

  it('flags an HTTP 500, a failing queue job and a failed request, but not an injected fault', () => {
    expect(unexpectedFunctionFailures(output)).toEqual([
      '[acceptInvitation] [c0ffee00] unhandled error {"function":"acceptInvitation","error":"Error: boom"}',
      '[processRelationshipJob] failed (dequeueCount 2): Error: unknown job kind on this queue: nope',
      'local host: request failed: socket hang up',
    ]);
  });

  it('accepts failures a test declares it provokes', () => {
    expect(unexpectedFunctionFailures(output, [/unknown job kind/, /unhandled error/, /socket hang up/])).toEqual([]);
  });

  it('finds nothing in a clean run', () => {
    expect(unexpectedFunctionFailures('[health] http {"status":200}\nready')).toEqual([]);
  });
});
