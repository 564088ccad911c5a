// The corrections of Intercom's descriptions listed in specs/intercom/ERRATA.md, applied when a description
// is loaded. Each one fixes a place where a validator reading the file literally rejects a valid request;
// every other check stays on. test/sandbox/openapi-errata.test.ts shows the raw file rejecting each request
// (or failing to compile) and the corrected one accepting it.

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
export type JsonObject = { [k: string]: Json };
export type SpecVersion = '2.11' | '2.16';

export interface Erratum {
  id: 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10;
  summary: string;
  /** Returns the corrected node (called on every object of the description, deepest first). */
  fix?: (node: JsonObject) => JsonObject;
  /** Whole-document correction, for errata tied to named schemas. */
  fixDocument?: (doc: JsonObject) => void;
}

function without(node: JsonObject, ...keys: string[]): JsonObject {
  const copy = { ...node };
  for (const k of keys) delete copy[k];
  return copy;
}

const ANNOTATIONS = ['description', 'title', 'example'];

export const ERRATA: readonly Erratum[] = [
  {
    id: 1,
    summary: '`nullable: true` without `type` reads as anyOf [null, schema]',
    fix: (node) => {
      if (node.nullable === undefined || 'type' in node) return node;
      if (node.nullable !== true) return without(node, 'nullable'); // `nullable: false` adds nothing
      const annotations = Object.fromEntries(ANNOTATIONS.filter((k) => k in node).map((k) => [k, node[k]!]));
      const inner = without(node, 'nullable', ...ANNOTATIONS);
      return { ...annotations, anyOf: [{ type: 'null' }, inner] };
    },
  },
  {
    id: 2,
    summary: '`format: uuid` is not enforced (Intercom ids are 24-hex or numeric strings)',
    fix: (node) => (node.format === 'uuid' ? without(node, 'format') : node),
  },
  {
    id: 3,
    summary: '`format: timestamp` (Unix seconds, an integer) is an unknown format: ignored',
    fix: (node) => (node.format === 'timestamp' ? without(node, 'format') : node),
  },
  {
    id: 4,
    summary: '`oneOf` whose branches are not mutually exclusive reads as `anyOf`',
    fix: (node) => {
      if (!Array.isArray(node.oneOf)) return node;
      return { ...without(node, 'oneOf'), anyOf: node.oneOf };
    },
  },
  {
    id: 5,
    summary:
      'Canvas Kit initialize/submit requests from the Inbox carry only some of the fields marked required; the contact may be named `customer`',
    fixDocument: (doc) => {
      const schemas = (doc.components as JsonObject | undefined)?.schemas as JsonObject | undefined;
      const required: Record<string, string[]> = {
        initialize_request: ['workspace_id', 'workspace_region', 'admin'],
        submit_request: [
          'workspace_id',
          'workspace_region',
          'admin',
          'component_id',
          'current_canvas',
          'input_values',
        ],
      };
      for (const [name, fields] of Object.entries(required)) {
        const schema = schemas?.[name] as JsonObject | undefined;
        if (!schema) continue;
        schema.required = fields;
        const props = schema.properties as JsonObject;
        if (props.contact && !props.customer) props.customer = props.contact;
      }
    },
  },
  {
    // Not in ERRATA.md (found while loading): 2.11 refers to a schema it never defines, so nothing that
    // mentions a conversation (initialize_request, submit_request) compiles. The object it describes is a
    // map of attribute values; 2.16 defines it as an object.
    id: 6,
    summary:
      '2.11 `conversation.custom_attributes` refers to the undefined schema `custom_attributes`: an object',
    fixDocument: (doc) => {
      const schemas = (doc.components as JsonObject | undefined)?.schemas as JsonObject | undefined;
      if (!schemas || 'custom_attributes' in schemas) return;
      const conversation = schemas.conversation as JsonObject | undefined;
      const props = conversation?.properties as JsonObject | undefined;
      const attr = props?.custom_attributes as JsonObject | undefined;
      if (attr?.$ref === '#/components/schemas/custom_attributes')
        props!.custom_attributes = { type: 'object' };
    },
  },
  {
    // Not in ERRATA.md (found by transform/'s body checks): 2.16 types company (and visitor) custom
    // attribute values as strings (`additionalProperties: {type: string}`) while the same schema's own
    // example is {paid_subscriber: true, monthly_spend: 155.5, team_mates: 9}, as is the example request
    // of Intercom's "Create or update a company" reference. Data attributes are typed (boolean, integer,
    // float, date: create_data_attribute_request), so the values are read as the example's types.
    id: 7,
    summary:
      'custom_attributes whose own example holds booleans and numbers accept them, not only strings (2.16 companies)',
    fix: (node) => {
      const values = node.additionalProperties as JsonObject | undefined;
      const example = node.example;
      if (values?.type !== 'string' || example === null || typeof example !== 'object') return node;
      if (Array.isArray(example) || Object.values(example).every((v) => typeof v === 'string')) return node;
      return { ...node, additionalProperties: { ...values, type: ['string', 'number', 'boolean'] } };
    },
  },
  {
    // Not in ERRATA.md (found when the emulator began refusing undeclared query parameters): GET /articles
    // and GET /help_center/collections answer `pages: cursor_pages`, whose `next.starting_after` is "the
    // cursor to use in the next request" (starting_after_paging), yet neither declares the parameter that
    // request carries. Declared here as GET /conversations declares them (per_page, starting_after).
    id: 8,
    summary:
      'GET /articles and GET /help_center/collections take the starting_after and per_page their pages name',
    fixDocument: (doc) => {
      const paths = doc.paths as JsonObject | undefined;
      for (const path of ['/articles', '/help_center/collections']) {
        const get = (paths?.[path] as JsonObject | undefined)?.get as JsonObject | undefined;
        if (!get) continue;
        const params = (get.parameters ?? []) as JsonObject[];
        const names = new Set(params.map((p) => p.name));
        get.parameters = [
          ...params,
          ...(names.has('per_page')
            ? []
            : [
                { name: 'per_page', in: 'query', required: false, schema: { type: 'integer', maximum: 150 } },
              ]),
          ...(names.has('starting_after')
            ? []
            : [{ name: 'starting_after', in: 'query', required: false, schema: { type: 'string' } }]),
        ];
      }
    },
  },
  {
    // Not in ERRATA.md (found by `ferry migrate --target conversations`): erratum 7's twin on conversations.
    // 2.16 `custom_attributes` (conversation and ticket-as-conversation updates) allows string, integer,
    // datetime or custom objects, while its own example holds `paid_subscriber: true` and `monthly_spend:
    // 155.5`, and conversation attributes are created as boolean and decimal
    // (create_conversation_attribute_boolean_request, …_decimal_request). The example's types are accepted.
    id: 9,
    summary:
      'custom_attributes typed anyOf [string, integer, …] accept the booleans and decimals of their own example',
    fix: (node) => {
      const values = node.additionalProperties as JsonObject | undefined;
      const example = node.example;
      if (!Array.isArray(values?.anyOf) || example === null || typeof example !== 'object') return node;
      if (Array.isArray(example)) return node;
      const branches = values.anyOf as JsonObject[];
      const has = (type: string) => branches.some((b) => b.type === type);
      if (!has('string')) return node;
      const samples = Object.values(example);
      const extra: JsonObject[] = [];
      if (!has('boolean') && samples.some((v) => typeof v === 'boolean')) extra.push({ type: 'boolean' });
      if (!has('number') && samples.some((v) => typeof v === 'number' && !Number.isInteger(v)))
        extra.push({ type: 'number' });
      if (extra.length === 0) return node;
      return { ...node, additionalProperties: { ...values, anyOf: [...branches, ...extra] } };
    },
  },
  {
    // Not in ERRATA.md (found when the emulator answered a tagged contact): 2.16's addressable_list (a
    // contact's tags, companies and notes) types `type` as `format: uri`, while its own example is "note"
    // and a contact's tags list items of type "tag" (Intercom's contact object reference). Read as a string.
    id: 10,
    summary: 'addressable_list.type is the object\'s type ("tag", "company", "note"), not a URI',
    fixDocument: (doc) => {
      const schemas = (doc.components as JsonObject | undefined)?.schemas as JsonObject | undefined;
      const list = schemas?.addressable_list as JsonObject | undefined;
      const props = list?.properties as JsonObject | undefined;
      const type = props?.type as JsonObject | undefined;
      if (type?.format === 'uri') props!.type = without(type, 'format');
    },
  },
];

/** A deep copy of `doc` with the given errata (all by default) applied. */
export function applyErrata(doc: JsonObject, errata: readonly Erratum[] = ERRATA): JsonObject {
  const fixes = errata.flatMap((e) => (e.fix ? [e.fix] : []));
  const walk = (node: Json): Json => {
    if (Array.isArray(node)) return node.map(walk);
    if (node === null || typeof node !== 'object') return node;
    let out: JsonObject = {};
    for (const [k, v] of Object.entries(node)) out[k] = walk(v);
    for (const fix of fixes) out = fix(out);
    return out;
  };
  const fixed = walk(doc) as JsonObject;
  for (const e of errata) e.fixDocument?.(fixed);
  return fixed;
}
