// Small adapters shared by queue and timer functions: a logger with the correlation id, and job parsing.
import type { InvocationContext } from '@azure/functions';
import type { z } from 'zod';
import { Logger } from '../core/logger.js';

/** Queue messages carry no correlation header; the invocation id ties the log lines of one run together. */
export const triggerLogger = (context: InvocationContext): Logger => new Logger(context, context.invocationId);

/** Parses a queue message; a malformed one throws, so the host retries and then parks it in the poison queue. */
export function parseQueueMessage<S extends z.ZodType>(schema: S, message: unknown): z.output<S> {
  const value = typeof message === 'string' ? safeJson(message) : message;
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new Error(`malformed queue message: ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}`);
  return parsed.data;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
