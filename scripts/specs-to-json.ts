// Turns Intercom's official OpenAPI descriptions (YAML, ≈ 500 ms to parse) into the JSON the project
// loads (≈ 11 ms). Run once when the descriptions change:
//   npx tsx scripts/specs-to-json.ts [/work/shared/specs/intercom]
// 2.16 (the REST API Ferry writes to): paths + components, unchanged.
// 2.11 (only for Canvas Kit): the Canvas Kit schemas and every schema they reference, unchanged.
// Errata are applied when loading (src/sandbox/openapi/errata.ts), never here: the JSON stays the original.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

const specsDir = process.argv[2] ?? '/work/shared/specs/intercom';
const outDir = path.resolve(import.meta.dirname, '../src/sandbox/openapi');

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Doc = { [k: string]: Json };

function load(version: string): Doc {
  return parse(readFileSync(path.join(specsDir, version, 'api.intercom.io.yaml'), 'utf8')) as Doc;
}

const CANVAS_ROOTS = [
  'canvas_object',
  'content_object',
  'current_canvas',
  'context',
  'initialize_request',
  'initialize_response',
  'submit_request',
  'submit_response',
  'configure_request',
  'configure_response',
  'live_canvas_request',
  'live_canvas_response',
  'results_response',
];

/** Names of the component schemas reachable from `roots` through $ref. */
function closure(schemas: { [k: string]: Json }, roots: string[]): string[] {
  const seen = new Set<string>();
  const visit = (node: Json): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (node === null || typeof node !== 'object') return;
    const ref = node.$ref;
    if (typeof ref === 'string' && ref.startsWith('#/components/schemas/')) add(ref.slice(21));
    Object.values(node).forEach(visit);
  };
  const add = (name: string): void => {
    if (seen.has(name) || !(name in schemas)) return;
    seen.add(name);
    visit(schemas[name] as Json);
  };
  const componentNames = Object.keys(schemas).filter((k) => /_(component|option)$/.test(k));
  [...roots, ...componentNames].forEach(add);
  return [...seen].sort();
}

const v216 = load('2.16');
writeFileSync(
  path.join(outDir, 'intercom-2.16.json'),
  JSON.stringify({
    openapi: v216.openapi,
    info: v216.info,
    servers: v216.servers,
    paths: v216.paths,
    components: v216.components,
  }),
);

const v211 = load('2.11');
const schemas211 = (v211.components as { schemas: { [k: string]: Json } }).schemas;
const kept = closure(schemas211, CANVAS_ROOTS);
writeFileSync(
  path.join(outDir, 'intercom-2.11-canvas-kit.json'),
  JSON.stringify({
    openapi: v211.openapi,
    info: v211.info,
    components: { schemas: Object.fromEntries(kept.map((k) => [k, schemas211[k] as Json])) },
  }),
);
console.log(`2.16: ${Object.keys(v216.paths as object).length} paths; 2.11: ${kept.length} schemas`);
