// Queue trigger: writes the audit events a change committed in its batch (outbox → audit-events queue), then lets the
// outbox forget them. Idempotent: the events' ids and times were fixed when the change was made.
import { type InvocationContext } from '@azure/functions';
import { register } from '../shared/platform/functions-registry.js';
import { dependencies, type DependencyProvider } from '../shared/app/composition-root.js';
import { auditEventsJob } from '../shared/platform/audit/audit-log.js';
import { parseQueueMessage, triggerLogger } from '../shared/platform/queue/triggers.js';
import { queueConnectionSetting, queues } from '../shared/platform/queue/queues.js';

export const makeRecordAuditEventsHandler =
  (deps: DependencyProvider) => async (message: unknown, context: InvocationContext) => {
    const { audit, outbox } = await deps();
    const job = parseQueueMessage(auditEventsJob, message);
    await audit.write(job.events);
    await outbox.acknowledge(message);
    triggerLogger(context).info('audit events written', { jobId: job.id, count: job.events.length });
  };

register.storageQueue('recordAuditEvents', {
  queueName: queues.auditEvents,
  connection: queueConnectionSetting,
  handler: makeRecordAuditEventsHandler(dependencies),
});
