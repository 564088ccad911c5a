// Loads Intercom's official descriptions (JSON copies, see SOURCE.md) with the errata applied.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { applyErrata, ERRATA, type Erratum, type JsonObject, type SpecVersion } from './errata.js';

const FILES: Record<SpecVersion, string> = {
  '2.16': 'intercom-2.16.json',
  '2.11': 'intercom-2.11-canvas-kit.json',
};

function locate(file: string): string {
  // Beside this module under src/, or back in src/ when running from dist/ (tsc copies no JSON).
  const candidates = [
    new URL(`./${file}`, import.meta.url),
    new URL(`../../../../src/sandbox/openapi/${file}`, import.meta.url),
  ];
  const found = candidates.map((u) => fileURLToPath(u)).find((p) => existsSync(p));
  if (!found) throw new Error(`Intercom description ${file} not found next to ${import.meta.url}`);
  return found;
}

const raw = new Map<SpecVersion, JsonObject>();

/** The description as Intercom publishes it (a fresh deep copy when errata are applied). */
export function loadDescription(version: SpecVersion, errata: readonly Erratum[] = ERRATA): JsonObject {
  let doc = raw.get(version);
  if (!doc) {
    doc = JSON.parse(readFileSync(locate(FILES[version]), 'utf8')) as JsonObject;
    raw.set(version, doc);
  }
  return applyErrata(doc, errata);
}
