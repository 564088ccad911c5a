// The one way an error reaches a log line: a whitelist of fields (type, message, code, status, method, URL
// without credentials, stack frames, the cause chain summarised the same way). Never the request, the
// config or the headers: axios errors carry `request._header` (Authorization: Basic …) and `config.auth`
// (the Freshdesk key), and redaction paths cannot reach every depth they hide at.

export interface LoggedError {
  type: string;
  message: string;
  code?: string;
  status?: number;
  method?: string;
  url?: string;
  stack?: string;
  cause?: LoggedError;
  errors?: LoggedError[];
}

const MAX_DEPTH = 4;
// Query parameters whose value is a credential or a one-time secret (OAuth code and state, signed links).
const SECRET_PARAM = /token|key|secret|sig|pass|auth|code|state|jwt|session|credential/i;
const URL_IN_TEXT = /\bhttps?:\/\/[^\s"'<>]+/g;
const AUTH_IN_TEXT = /\b(Basic|Bearer)\s+[A-Za-z0-9+/=._~-]+/gi;

/** The URL without user info and with secret-looking query values replaced; undefined when unparseable. */
export function safeUrl(raw: unknown, base?: unknown): string | undefined {
  if (typeof raw !== 'string' || raw === '') return undefined;
  let url: URL;
  try {
    url = typeof base === 'string' && base ? new URL(raw, base) : new URL(raw);
  } catch {
    return raw.split('?')[0];
  }
  url.username = '';
  url.password = '';
  for (const name of [...url.searchParams.keys()])
    if (SECRET_PARAM.test(name)) url.searchParams.set(name, '[redacted]');
  return url.toString();
}

/** Free text with URLs made safe and Authorization values cut out. */
export function safeText(text: string): string {
  return text.replace(URL_IN_TEXT, (u) => safeUrl(u) ?? '[url]').replace(AUTH_IN_TEXT, '$1 [redacted]');
}

const record = (v: unknown): Record<string, unknown> | undefined =>
  v !== null && typeof v === 'object' ? (v as Record<string, unknown>) : undefined;
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

export function serializeError(value: unknown, depth = 0): LoggedError {
  const e = record(value);
  if (!e) return { type: typeof value, message: safeText(String(value)) };
  const config = record(e.config);
  const response = record(e.response);
  const failure = record(e.failure);
  const out: LoggedError = {
    type: str(e.type) ?? str(e.name) ?? (value instanceof Error ? value.constructor.name : 'Object'),
    message: safeText(str(e.message) ?? ''),
  };
  const code = str(e.code) ?? (typeof e.code === 'number' ? String(e.code) : undefined);
  if (code) out.code = code;
  const status = num(e.status) ?? num(e.statusCode) ?? num(response?.status) ?? num(failure?.status);
  if (status !== undefined) out.status = status;
  const method = str(e.method) ?? str(config?.method);
  if (method) out.method = method.toUpperCase();
  const url = config ? safeUrl(config.url, config.baseURL) : (safeUrl(e.url) ?? safeUrl(failure?.url));
  if (url) out.url = url;
  const frames = str(e.stack)
    ?.split('\n')
    .filter((line) => /^\s+at /.test(line))
    .join('\n');
  if (frames) out.stack = frames;
  if (depth < MAX_DEPTH) {
    if (e.cause !== undefined) out.cause = serializeError(e.cause, depth + 1);
    if (Array.isArray(e.errors))
      out.errors = e.errors.slice(0, 5).map((inner) => serializeError(inner, depth + 1));
  }
  return out;
}

const isErrorLike = (v: unknown): boolean =>
  v instanceof Error || (record(v)?.isAxiosError === true && typeof record(v)?.message === 'string');

/** pino's formatters.log: an error logged under any key goes through serializeError too. */
export function serializeErrorsIn(obj: Record<string, unknown>): Record<string, unknown> {
  let out: Record<string, unknown> | undefined;
  for (const [k, v] of Object.entries(obj)) {
    if (!isErrorLike(v)) continue;
    out ??= { ...obj };
    out[k] = serializeError(v);
  }
  return out ?? obj;
}
