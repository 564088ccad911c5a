// Validates requests, responses and named schemas against one of Intercom's descriptions, with ajv
// (the fastest option measured, STACK-NOTES.md). Every check of the description is on; only the errata
// (errata.ts) are corrected. A schema the validator cannot even compile reports that as an error.
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { ERRATA, type Erratum, type Json, type JsonObject, type SpecVersion } from './errata.js';
import { loadDescription } from './description.js';
import { createRouter, type RouteMatch } from './routes.js';

// ajv-formats ships CommonJS: under NodeNext its default export is the module object.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

export interface ValidationResult {
  ok: boolean;
  errors: string[];
}

export interface RequestParts {
  query?: Record<string, unknown>;
  body?: unknown;
  headers?: Record<string, string | string[] | undefined>;
}

export interface SpecValidator {
  version: SpecVersion;
  matchRoute(method: string, path: string): RouteMatch | undefined;
  validateRequest(
    method: string,
    path: string,
    parts: RequestParts,
  ): ValidationResult & {
    template?: string;
    /** The operation's own documented answer to what was refused, when it documents one. */
    refusal?: { status: number; body: unknown };
  };
  validateResponse(method: string, path: string, status: number, body: unknown): ValidationResult;
  validateSchema(schemaName: string, value: unknown): ValidationResult;
}

// OpenAPI 3.0 annotation keywords that are not JSON Schema: known to ajv, checked by nothing.
const OPENAPI_KEYWORDS = ['example', 'xml', 'externalDocs', 'discriminator', 'components', 'paths'];

function collectExtensionKeywords(node: Json, into: Set<string>): Set<string> {
  if (Array.isArray(node)) node.forEach((n) => collectExtensionKeywords(n, into));
  else if (node !== null && typeof node === 'object')
    for (const [k, v] of Object.entries(node)) {
      if (k.startsWith('x-')) into.add(k);
      collectExtensionKeywords(v, into);
    }
  return into;
}

/** Points every local `#/…` reference at the document's id, so any fragment compiles on its own. */
function anchorRefs(node: Json, id: string): Json {
  if (Array.isArray(node)) return node.map((n) => anchorRefs(n, id));
  if (node === null || typeof node !== 'object') return node;
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(node))
    out[k] = k === '$ref' && typeof v === 'string' && v.startsWith('#/') ? `${id}${v}` : anchorRefs(v, id);
  return out;
}

function newAjv(coerceTypes: boolean, keywords: Iterable<string>): Ajv {
  const ajv = new Ajv({
    allErrors: true,
    strict: true,
    strictTypes: false, // OpenAPI 3.0 leaves `type` implicit in many places: not an error of the data
    strictTuples: false,
    strictRequired: false, // a lint of the description (required names a property defined elsewhere), not of the data
    allowUnionTypes: true,
    coerceTypes: coerceTypes ? 'array' : false,
    logger: false,
  });
  addFormats(ajv);
  for (const k of keywords) ajv.addKeyword(k);
  return ajv;
}

export function formatErrors(errors: ErrorObject[] | null | undefined, where: string): string[] {
  return (errors ?? []).map((e) => {
    const extra =
      e.keyword === 'additionalProperties'
        ? ` '${String((e.params as { additionalProperty: string }).additionalProperty)}'`
        : e.keyword === 'enum'
          ? ` ${JSON.stringify((e.params as { allowedValues: unknown }).allowedValues)}`
          : '';
    return `${where}${e.instancePath} ${e.message ?? e.keyword}${extra}`;
  });
}

function jsonContentSchema(node: JsonObject | undefined): Json | undefined {
  const content = node?.content as JsonObject | undefined;
  const json = content?.['application/json'] as JsonObject | undefined;
  return json?.schema;
}

export function createSpecValidator(
  version: SpecVersion,
  options: { errata?: readonly Erratum[] } = {},
): SpecValidator {
  const id = `intercom-${version}`;
  const doc = anchorRefs(loadDescription(version, options.errata ?? ERRATA), id) as JsonObject;
  const keywords = [...OPENAPI_KEYWORDS, ...collectExtensionKeywords(doc, new Set())];
  const ajv = newAjv(false, keywords);
  const coercing = newAjv(true, keywords);
  const root = { $id: id, components: doc.components ?? {}, paths: doc.paths ?? {} };
  ajv.addSchema(root);
  coercing.addSchema(root);
  const router = createRouter((doc.paths ?? {}) as JsonObject);

  const cache = new Map<string, ValidateFunction | Error>();
  function compiled(key: string, schema: Json, withCoercion = false): ValidateFunction | Error {
    let v = cache.get(key);
    if (!v) {
      try {
        v = (withCoercion ? coercing : ajv).compile(schema as JsonObject);
      } catch (err) {
        v = err instanceof Error ? err : new Error(String(err));
      }
      cache.set(key, v);
    }
    return v;
  }
  function run(key: string, schema: Json, value: unknown, where: string, withCoercion = false): string[] {
    const v = compiled(key, schema, withCoercion);
    if (v instanceof Error) return [`${where}: the description cannot be compiled: ${v.message}`];
    return v(value) ? [] : formatErrors(v.errors, where);
  }

  function checkParameters(match: RouteMatch, parts: RequestParts, key: string): string[] {
    const declared = [...match.itemParameters, ...((match.operation.parameters ?? []) as JsonObject[])];
    const errors: string[] = [];
    const sources: Record<string, Record<string, unknown> | undefined> = {
      path: match.params,
      query: parts.query ?? {},
      header: parts.headers
        ? Object.fromEntries(Object.entries(parts.headers).map(([k, v]) => [k.toLowerCase(), v]))
        : undefined,
    };
    for (const where of ['path', 'query', 'header'] as const) {
      const values = sources[where];
      if (!values) continue; // headers only when the caller passes them
      const params = declared.filter((p) => p.in === where);
      const name = (p: JsonObject): string =>
        where === 'header' ? String(p.name).toLowerCase() : String(p.name);
      const schema = {
        type: 'object',
        properties: Object.fromEntries(params.map((p) => [name(p), p.schema ?? {}])),
        required: params.filter((p) => p.required === true).map(name),
      };
      const copy = structuredClone(
        Object.fromEntries(params.flatMap((p) => (name(p) in values ? [[name(p), values[name(p)]]] : []))),
      );
      errors.push(...run(`${key} ${where}`, schema, copy, where, true));
      // A query parameter the operation does not declare is refused like a body's unknown property:
      // a server that ignores it would leave the caller believing it filtered, paged or chose something.
      if (where === 'query') {
        const known = new Set(params.map(name));
        for (const k of Object.keys(values))
          if (!known.has(k)) errors.push(`query: '${k}' is not a parameter of ${match.template}`);
      }
    }
    return errors;
  }

  /**
   * Where the operation documents its own refusal of a parameter's value (a 4xx response whose description
   * or example names `name=value`, as GET /data_attributes does for model=conversation): that answer.
   */
  function documentedRefusal(
    match: RouteMatch,
    parts: RequestParts,
  ): { status: number; body: unknown } | undefined {
    const given = { ...match.params, ...(parts.query ?? {}) };
    const mentions = Object.entries(given).map(([k, v]) => `${k}=${String(v)}`);
    const responses = (match.operation.responses ?? {}) as JsonObject;
    for (const [status, response] of Object.entries(responses)) {
      if (!/^4\d\d$/.test(status) || response === null || typeof response !== 'object') continue;
      const text = JSON.stringify(response);
      if (!mentions.some((m) => text.includes(m))) continue;
      const content = (response as JsonObject).content as JsonObject | undefined;
      const examples = (content?.['application/json'] as JsonObject | undefined)?.examples as
        JsonObject | undefined;
      const first = examples ? (Object.values(examples)[0] as JsonObject | undefined) : undefined;
      return { status: Number(status), body: first?.value ?? null };
    }
    return undefined;
  }

  return {
    version,
    matchRoute: router,
    validateRequest(method, path, parts) {
      const match = router(method, path);
      if (!match)
        return {
          ok: false,
          errors: [`${method.toUpperCase()} ${path}: no such operation in the ${version} description`],
        };
      const key = `${method.toLowerCase()} ${match.template}`;
      const errors = checkParameters(match, parts, key);
      const requestBody = match.operation.requestBody as JsonObject | undefined;
      const bodySchema = jsonContentSchema(requestBody);
      const hasBody =
        parts.body !== undefined &&
        !(typeof parts.body === 'object' && parts.body !== null && Object.keys(parts.body).length === 0);
      if (bodySchema !== undefined && (hasBody || requestBody?.required === true))
        errors.push(...run(`${key} body`, bodySchema, parts.body ?? null, 'body', false));
      else if (hasBody && !requestBody) errors.push('body: this operation takes no request body');
      const refusal = errors.length > 0 ? documentedRefusal(match, parts) : undefined;
      return { ok: errors.length === 0, errors, template: match.template, ...(refusal ? { refusal } : {}) };
    },
    validateResponse(method, path, status, body) {
      const match = router(method, path);
      if (!match) return { ok: false, errors: [`${method.toUpperCase()} ${path}: no such operation`] };
      const responses = (match.operation.responses ?? {}) as JsonObject;
      const response = (responses[String(status)] ??
        responses[`${String(status)[0]}XX`] ??
        responses.default) as JsonObject | undefined;
      if (!response)
        return { ok: false, errors: [`status ${status} is not documented for ${match.template}`] };
      const schema = jsonContentSchema(response);
      if (schema === undefined) return { ok: true, errors: [] };
      const errors = run(
        `${method.toLowerCase()} ${match.template} ${status}`,
        schema,
        body,
        'response',
        false,
      );
      return { ok: errors.length === 0, errors };
    },
    validateSchema(schemaName, value) {
      const schemas = (doc.components as JsonObject | undefined)?.schemas as JsonObject | undefined;
      if (!schemas?.[schemaName])
        return { ok: false, errors: [`no schema named ${schemaName} in ${version}`] };
      const errors = run(
        `schema ${schemaName}`,
        { $ref: `${id}#/components/schemas/${schemaName}` },
        value,
        schemaName,
      );
      return { ok: errors.length === 0, errors };
    },
  };
}
