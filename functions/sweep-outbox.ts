// Timer: re-sends queue messages whose request stored them but crashed before enqueuing (transactional outbox).
import { app, type InvocationContext, type Timer } from '@azure/functions';
import { dependencies, type DependencyProvider } from '../shared/app/composition-root.js';
import { triggerLogger } from '../shared/platform/queue/triggers.js';

/** Messages younger than this are still being dispatched by their own request. */
export const OUTBOX_GRACE_SECONDS = 30;

export const makeSweepOutboxHandler = (deps: DependencyProvider) => async (_timer: Timer, context: InvocationContext) => {
  const sent = await (await deps()).outbox.sweep(OUTBOX_GRACE_SECONDS);
  if (sent > 0) triggerLogger(context).warn('outbox sweeper re-sent messages', { count: sent });
};

app.timer('sweepOutbox', { schedule: '0 * * * * *', handler: makeSweepOutboxHandler(dependencies) });
