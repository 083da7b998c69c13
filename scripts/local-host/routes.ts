// Matches request paths against Functions route templates (`partners/{partnerId}`, `{name?}`, `{id:int}`, `{*rest}`).

export interface CompiledRoute<T> {
  template: string;
  methods: string[];
  target: T;
  pattern: RegExp;
  paramNames: string[];
  /** Literal segments win over parameters, as in the Functions host. */
  literalSegments: number;
}

export function compileRoute<T>(template: string, methods: string[], target: T): CompiledRoute<T> {
  const paramNames: string[] = [];
  let literalSegments = 0;
  const segments = template.replace(/^\/+|\/+$/g, '').split('/');
  const source = segments
    .map((segment) => {
      const param = /^\{(\*)?(\w+)(?::[^}?]+)?(\?)?\}$/.exec(segment);
      if (!param) {
        literalSegments++;
        return `/${escapeRegExp(segment)}`;
      }
      paramNames.push(param[2]!);
      if (param[1]) return '(?:/(.*))?';
      return param[3] ? '(?:/([^/]+))?' : '/([^/]+)';
    })
    .join('');
  return {
    template,
    methods: methods.map((m) => m.toUpperCase()),
    target,
    pattern: new RegExp(`^${source}/?$`, 'i'),
    paramNames,
    literalSegments,
  };
}

export function matchRoute<T>(
  routes: readonly CompiledRoute<T>[],
  path: string,
  method: string,
): { route: CompiledRoute<T>; params: Record<string, string> } | 'method-not-allowed' | undefined {
  let pathMatched = false;
  const candidates = routes
    .map((route) => ({ route, match: route.pattern.exec(path) }))
    .filter((c): c is { route: CompiledRoute<T>; match: RegExpExecArray } => c.match !== null)
    .sort((a, b) => b.route.literalSegments - a.route.literalSegments);
  for (const { route, match } of candidates) {
    pathMatched = true;
    if (!route.methods.includes(method.toUpperCase())) continue;
    const params: Record<string, string> = {};
    route.paramNames.forEach((name, i) => {
      const value = match[i + 1];
      if (value !== undefined) params[name] = decodeURIComponent(value);
    });
    return { route, params };
  }
  return pathMatched ? 'method-not-allowed' : undefined;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
