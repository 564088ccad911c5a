// Intercom's descriptions as validators, errata applied (errata.ts). One instance per version, built on
// first use: 2.16 is the REST API; 2.11 carries the Canvas Kit objects (canvas_object, *_component, …).
import type { SpecVersion } from './errata.js';
import {
  createSpecValidator,
  type RequestParts,
  type SpecValidator,
  type ValidationResult,
} from './spec-validator.js';

export type { SpecVersion, RequestParts, SpecValidator, ValidationResult };
export { createSpecValidator };
export { ERRATA, applyErrata, type Erratum } from './errata.js';
export { loadDescription } from './description.js';

const validators = new Map<SpecVersion, SpecValidator>();

export function specValidator(version: SpecVersion): SpecValidator {
  let v = validators.get(version);
  if (!v) {
    v = createSpecValidator(version);
    validators.set(version, v);
  }
  return v;
}

/** Checks a REST request (path and query parameters, JSON body; headers when given) against 2.16. */
export function validateRequest(method: string, path: string, parts: RequestParts): ValidationResult {
  return specValidator('2.16').validateRequest(method, path, parts);
}

/** Checks a REST response body against what 2.16 documents for that operation and status. */
export function validateResponse(
  method: string,
  path: string,
  status: number,
  body: unknown,
): ValidationResult {
  return specValidator('2.16').validateResponse(method, path, status, body);
}

/** Checks a value against a named component schema (2.11 for Canvas Kit objects, 2.16 for the REST API). */
export function validateSchema(version: SpecVersion, schemaName: string, value: unknown): ValidationResult {
  return specValidator(version).validateSchema(schemaName, value);
}
