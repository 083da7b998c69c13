// The one mapping from errors to RFC 9457 problem+json responses.
import type { HttpResponseInit } from '@azure/functions';
import { AppError, ValidationError } from '../core/errors.js';

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance: string;
  errors?: Record<string, string[]>;
}

export const problemTypeUri = (code: string): string => `urn:partner-relationships:problem:${code}`;

export function problemResponse(error: unknown, instance: string): { response: HttpResponseInit; unexpected: boolean } {
  if (error instanceof AppError) {
    const body: ProblemBody = {
      type: problemTypeUri(error.code),
      title: error.title,
      status: error.status,
      detail: error.detail,
      code: error.code,
      instance,
    };
    if (error instanceof ValidationError && Object.keys(error.errors).length > 0) body.errors = error.errors;
    const headers: Record<string, string> = { 'content-type': 'application/problem+json' };
    if (error.retryAfterSeconds !== undefined) headers['retry-after'] = String(error.retryAfterSeconds);
    return { response: { status: error.status, headers, body: JSON.stringify(body) }, unexpected: false };
  }
  const body: ProblemBody = {
    type: problemTypeUri('internal-error'),
    title: 'Internal server error',
    status: 500,
    detail: 'Something went wrong on our side. Retry later; quote the instance id if it persists.',
    code: 'internal-error',
    instance,
  };
  return {
    response: { status: 500, headers: { 'content-type': 'application/problem+json' }, body: JSON.stringify(body) },
    unexpected: true,
  };
}
