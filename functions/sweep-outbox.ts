// Timer: re-sends queue messages whose request stored them but crashed before enqueuing, or that no consumer
// acknowledged (transactional outbox; see shared/platform/queue/outbox.ts).
import { type InvocationContext, type Timer } from '@azure/functions';
import { register } from '../shared/platform/functions-registry.js';
import { dependencies, type DependencyProvider } from '../shared/app/composition-root.js';
import { triggerLogger } from '../shared/platform/queue/triggers.js';

/**
 * Messages younger than this are still on their way (sent by their request, waiting in the queue or being handled):
 * long enough that a backlog of a few minutes is not sent twice, short enough that a crash costs minutes, not hours.
 */
export const OUTBOX_GRACE_SECONDS = 300;

export const makeSweepOutboxHandler = (deps: DependencyProvider) => async (_timer: Timer, context: InvocationContext) => {
  const sent = await (await deps()).outbox.sweep(OUTBOX_GRACE_SECONDS);
  if (sent > 0) triggerLogger(context).warn('outbox sweeper re-sent messages', { count: sent });
};

register.timer('sweepOutbox', { schedule: '0 * * * * *', handler: makeSweepOutboxHandler(dependencies) });
