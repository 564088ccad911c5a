// Form validation that names every wrong field at once, so each message shows at its field.
import { InputError } from '../../errors.js';

export class FormError extends InputError {
  constructor(readonly fields: Record<string, string>) {
    const [field, message] = Object.entries(fields)[0] ?? ['form', 'invalid'];
    super(message, field);
  }
}

export class FieldErrors {
  private readonly fields: Record<string, string> = {};
  add(field: string, message: string): void {
    this.fields[field] ??= message;
  }
  throwIfAny(): void {
    if (Object.keys(this.fields).length > 0) throw new FormError({ ...this.fields });
  }
}

/** An InputError from a connector or a use case, as field messages for the form that caused it. */
export function fieldMessages(error: unknown, fallbackField: string): Record<string, string> | undefined {
  if (error instanceof FormError) return error.fields;
  if (error instanceof InputError) return { [error.field ?? fallbackField]: error.message };
  return undefined;
}
