// Form validation that names every wrong field at once, so each message shows at its field, in the page's
// language (a Refusal is a message key; the page says it).
import { ForbiddenError, InputError } from '../../errors.js';
import { sayRefusal, type Refusal, type RefusalKey } from './refusals.js';

export class FormError extends InputError {
  constructor(readonly fields: Record<string, Refusal>) {
    const [field, refusal] = Object.entries(fields)[0] ?? [];
    super(refusal ? sayRefusal(refusal) : 'invalid', field ?? 'form');
  }
}

/** Not allowed to change this migration, said in the page's language (refusalText). */
export class RefusedError extends ForbiddenError {
  constructor(readonly refusal: Refusal) {
    super(sayRefusal(refusal));
  }
}

/** Why a use case refused, in the words of t when it carries a key (else its English message). */
export function refusalText(
  error: Error,
  t?: (key: RefusalKey, params?: Record<string, string>) => string,
): string {
  return error instanceof RefusedError ? sayRefusal(error.refusal, t) : error.message;
}

export class FieldErrors {
  private readonly fields: Record<string, Refusal> = {};
  add(field: string, key: RefusalKey, params?: Record<string, string>): void {
    this.fields[field] ??= params ? { key, params } : { key };
  }
  throwIfAny(): void {
    if (Object.keys(this.fields).length > 0) throw new FormError({ ...this.fields });
  }
}

/**
 * An InputError from a connector or a use case, as field messages for the form that caused it; a FormError's
 * refusals in the words of t (the page's language).
 */
export function fieldMessages(
  error: unknown,
  fallbackField: string,
  t?: (key: RefusalKey, params?: Record<string, string>) => string,
): Record<string, string> | undefined {
  if (error instanceof FormError)
    return Object.fromEntries(Object.entries(error.fields).map(([f, r]) => [f, sayRefusal(r, t)]));
  if (error instanceof InputError) return { [error.field ?? fallbackField]: error.message };
  return undefined;
}
