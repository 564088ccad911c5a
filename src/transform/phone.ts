// Phone numbers are checked with libphonenumber-js before they reach Intercom: a number it rejects is left
// off the contact with a recorded reason instead of failing the whole contact (issue 5).
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

export type PhoneResult =
  { kind: 'valid'; e164: string } | { kind: 'invalid'; reason: string } | { kind: 'none' };

/** Validates and normalises to E.164; numbers without "+" need `defaultCountry`. */
export function normalisePhone(phone: string | null, defaultCountry: string | null): PhoneResult {
  const text = phone?.trim() ?? '';
  if (text === '') return { kind: 'none' };
  const parsed = parsePhoneNumberFromString(text, (defaultCountry ?? undefined) as CountryCode | undefined);
  if (parsed?.isValid()) return { kind: 'valid', e164: parsed.format('E.164') };
  const hint =
    !text.startsWith('+') && !defaultCountry ? ' (no country code, and no default country set)' : '';
  return { kind: 'invalid', reason: `phone "${text}" left off: not a valid phone number${hint}` };
}
