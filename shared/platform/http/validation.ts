// zod parsing that turns schema failures into ValidationError with per-field messages.
import type { z } from 'zod';
import { ValidationError, type FieldErrors } from '../core/errors.js';

export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, where: 'body' | 'query' | 'route'): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const path = issue.path.length > 0 ? issue.path.map(String).join('.') : where;
    (errors[path] ??= []).push(issue.message);
  }
  const fields = Object.keys(errors).join(', ');
  throw new ValidationError(`The ${where === 'route' ? 'path' : where} is invalid: ${fields}.`, errors);
}
