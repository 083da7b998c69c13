// The Storage queues the app uses; their poison queues are `<name>-poison`, as the Functions host names them.

export const queues = {
  /** One message per email to send (lead notice, invitation, acceptance callback, …). */
  emailJobs: 'email-jobs',
  /** Relationship changes that must happen after a committed change (applying an accepted invitation, …). */
  relationshipJobs: 'relationship-jobs',
  /** The audit events of a committed change, written to the audit trail off the request (see audit-log.ts). */
  auditEvents: 'audit-events',
  /** Bulk operations: the pump that releases an operation's items at the configured pace, and one message per item. */
  bulkOperations: 'bulk-operations',
  /** One message per attempt at delivering a webhook event to a partner's endpoint (retries come back delayed). */
  webhookDeliveries: 'webhook-deliveries',
} as const;

export type QueueName = (typeof queues)[keyof typeof queues];

export const poisonQueueName = (queue: string): string => `${queue}-poison`;

export const allQueueNames: readonly string[] = Object.values(queues).flatMap((q) => [q, poisonQueueName(q)]);

/** The app setting prefix of the queue connection, shared by triggers and senders. */
export const queueConnectionSetting = 'QueueStorage';
