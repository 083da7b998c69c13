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
      if (value !== undefined) params[name] = decodePathValue(value);
    });
    return { route, params };
  }
  return pathMatched ? 'method-not-allowed' : undefined;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Decodes a route value as the real host's web server (Kestrel) does: valid UTF-8 percent-escapes are decoded, `%2F`
 * stays encoded (it is not a path separator), and a malformed escape (`%zz`, a cut-off UTF-8 sequence) is kept as
 * it is — so the function sees it and its validation answers, instead of the host failing.
 */
export function decodePathValue(value: string): string {
  return value.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) =>
    run
      .split(/(%2F)/i)
      .map((part) => (part === '' || /^%2F$/i.test(part) ? part : decodeRun(part)))
      .join(''),
  );
}

function decodeRun(run: string): string {
  const bytes = run
    .slice(1)
    .split('%')
    .map((hex) => parseInt(hex, 16));
  let out = '';
  for (let i = 0; i < bytes.length;) {
    const length = utf8SequenceLength(bytes, i);
    if (length === 0) {
      // Not the start of a whole UTF-8 character: keep the escape as it came.
      out += `%${run.slice(1 + i * 3, 3 + i * 3)}`;
      i += 1;
    } else {
      out += Buffer.from(bytes.slice(i, i + length)).toString('utf8');
      i += length;
    }
  }
  return out;
}

/** Length of the well-formed UTF-8 sequence starting at `i`, or 0. */
function utf8SequenceLength(bytes: number[], i: number): number {
  const lead = bytes[i]!;
  const length =
    lead < 0x80 ? 1 : lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
  if (length === 0 || i + length > bytes.length) return 0;
  for (let k = 1; k < length; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) return 0;
  // Overlong forms and surrogates are malformed too; the strict decoder says so.
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(bytes.slice(i, i + length)));
    return length;
  } catch {
    return 0;
  }
}
