// Form pieces: each field shows its own message (aria-invalid + aria-describedby), and disabled for readers.
import { markup, raw, type Html } from './html.js';

export interface FieldSpec {
  name: string;
  label: string;
  value?: string;
  type?: 'text' | 'password' | 'email' | 'date';
  hint?: string;
  error?: string | undefined;
  disabled?: boolean;
  autocomplete?: string;
  placeholder?: string;
}

const errorId = (name: string) => `${name.replace(/[^a-z0-9]/gi, '-')}-error`;

export function fieldError(name: string, error: string | undefined): Html {
  return error ? markup`<p class="field-error" id="${errorId(name)}" role="alert">${error}</p>` : markup``;
}

export function field(f: FieldSpec): Html {
  return markup`<div class="field${f.error ? ' invalid' : ''}">
    <label for="${f.name}">${f.label}</label>
    <input
      id="${f.name}"
      name="${f.name}"
      type="${f.type ?? 'text'}"
      value="${f.value ?? ''}"
      ${
        f.placeholder ? markup` placeholder="${f.placeholder}"` : ''
      }${f.autocomplete ? markup` autocomplete="${f.autocomplete}"` : ''}${f.disabled ? markup` disabled` : ''}${
        f.error ? markup` aria-invalid="true" aria-describedby="${errorId(f.name)}"` : ''
      }
    />
    ${f.hint ? markup`<p class="hint">${f.hint}</p>` : ''}${fieldError(f.name, f.error)}
  </div>`;
}

export function textarea(f: FieldSpec): Html {
  return markup`<div class="field${f.error ? ' invalid' : ''}">
    <label for="${f.name}">${f.label}</label>
    <textarea
      id="${f.name}"
      name="${f.name}"
      rows="3"
      ${f.disabled ? markup` disabled` : ''}${
        f.error ? markup` aria-invalid="true" aria-describedby="${errorId(f.name)}"` : ''
      }
    >
${f.value ?? ''}</textarea>
    ${f.hint ? markup`<p class="hint">${f.hint}</p>` : ''}${fieldError(f.name, f.error)}
  </div>`;
}

export interface Choice {
  value: string;
  label: string;
}

export function select(
  name: string,
  label: string,
  choices: Choice[],
  value: string,
  o: { error?: string | undefined; disabled?: boolean } = {},
): Html {
  return markup`<select
      id="${name}"
      name="${name}"
      aria-label="${label}"
      ${o.disabled ? markup` disabled` : ''}${
        o.error ? markup` aria-invalid="true" aria-describedby="${errorId(name)}"` : ''
      }
    >
      ${choices.map((c) => markup`<option value="${c.value}" ${c.value === value ? markup` selected` : ''}>${c.label}</option>`)}</select
    >${fieldError(name, o.error)}`;
}

export function notice(text: string | undefined, kind: 'ok' | 'error' | 'info' = 'info'): Html {
  return text ? markup`<p class="notice ${kind}" role="status">${text}</p>` : markup``;
}

/** The form field that carries the session's form token (checked in http/routes/console-session.ts). */
export const CSRF_FIELD = '_csrf';

export function csrfField(token: string): Html {
  return markup`<input type="hidden" name="${CSRF_FIELD}" value="${token}" />`;
}

/**
 * Every POST form of a page gets the session's form token as its first field, so that no form (today's or
 * a later one) can be left without it. Attribute values are escaped by `markup`, so a tag ends at its `>`.
 */
export function withCsrfToken(body: Html, token: string): Html {
  return raw(
    body.value.replace(/<form\b[^>]*>/gi, (tag) =>
      /\bmethod\s*=\s*"post"/i.test(tag) ? `${tag}${csrfField(token).value}` : tag,
    ),
  );
}
