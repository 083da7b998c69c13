// The local host's route matching.
import { compileRoute, matchRoute } from '../../../scripts/local-host/routes.js';

describe('local host routing', () => {
  const routes = [
    compileRoute('partners', ['GET'], 'search'),
    compileRoute('partners/{partnerId}', ['GET'], 'one'),
    compileRoute('partner/profile', ['GET', 'PUT'], 'profile'),
    compileRoute('partner/contact-requests/{id}', ['GET', 'PATCH'], 'lead'),
    compileRoute('partner/{thing}/{id}', ['GET'], 'generic'),
    compileRoute('files/{*rest}', ['GET'], 'rest'),
    compileRoute('items/{id:int}/{view?}', ['GET'], 'optional'),
  ];
  it('matches templates, extracts parameters and prefers literal segments', () => {
    expect(matchRoute(routes, '/partners', 'GET')).toMatchObject({ route: { target: 'search' }, params: {} });
    expect(matchRoute(routes, '/partners/ptn_1', 'get')).toMatchObject({
      route: { target: 'one' },
      params: { partnerId: 'ptn_1' },
    });
    expect(matchRoute(routes, '/partner/contact-requests/lead_9', 'PATCH')).toMatchObject({
      route: { target: 'lead' },
      params: { id: 'lead_9' },
    });
    expect(matchRoute(routes, '/partner/other/1', 'GET')).toMatchObject({ route: { target: 'generic' } });
    expect(matchRoute(routes, '/files/a/b/c', 'GET')).toMatchObject({ params: { rest: 'a/b/c' } });
    expect(matchRoute(routes, '/items/4', 'GET')).toMatchObject({ params: { id: '4' } });
    expect(matchRoute(routes, '/items/4/full', 'GET')).toMatchObject({ params: { id: '4', view: 'full' } });
    expect(matchRoute(routes, '/partner/profile', 'DELETE')).toBe('method-not-allowed');
    expect(matchRoute(routes, '/nothing', 'GET')).toBeUndefined();
  });
});
