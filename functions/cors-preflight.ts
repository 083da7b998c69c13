// OPTIONS /api/{*path} — CORS preflight for every API route.
// One catch-all function instead of OPTIONS on each registration: several functions share a route with different
// methods, and the host tries literal routes before a catch-all and moves on when the method does not match, so
// this one only sees the OPTIONS no other function takes. Not an API operation, so not in the OpenAPI document.
import { type HttpRequest, type InvocationContext } from '@azure/functions';
import { register } from '../shared/platform/functions-registry.js';
import { configuredOrigins, preflightResponse, type OriginAllowList } from '../shared/platform/http/cors.js';

export const makeCorsPreflightHandler =
  (allowList: () => OriginAllowList) => async (request: HttpRequest, context: InvocationContext) =>
    preflightResponse(request.headers, allowList, context.invocationId);

register.http('corsPreflight', {
  route: '{*path}',
  methods: ['OPTIONS'],
  authLevel: 'anonymous',
  handler: makeCorsPreflightHandler(configuredOrigins),
});
