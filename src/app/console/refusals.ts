// Why a console form was refused, as a message key and its parameters, so each page says it in its own
// language (src/console/i18n.ts holds the German; the English is here, the text logs and English pages show).
export const REFUSALS = {
  'refused.subdomain_missing': 'Enter your subdomain (acme for acme.{host}).',
  'refused.subdomain_invalid':
    'Only letters, digits and hyphens: no dots, slashes or spaces (acme for acme.{host}).',
  'refused.zendesk_email': 'Enter the e-mail address of the Zendesk admin the token belongs to.',
  'refused.zendesk_token': 'Paste the whole API token from Admin Center › Apps and integrations › APIs.',
  'refused.freshdesk_api_key': 'Paste the whole API key from your Freshdesk profile settings.',
  'refused.no_account': 'There is no help desk at this subdomain. Check it and try again.',
  'refused.missing_credentials': 'Enter the credentials below.',
  'refused.rejected': 'The help desk rejected these credentials. Check them and paste them again.',
  'refused.not_admin': 'These credentials belong to someone who is not an admin. Use an admin’s.',
  'refused.unreachable': 'The help desk could not be reached at this subdomain. Check it and try again.',
  'refused.nothing_stored': 'No credentials are stored yet: enter them below.',
  'refused.choose_teammate': 'Choose a teammate of this workspace.',
  'refused.choose_team': 'Choose a team of this workspace.',
  'refused.attribute_too_long': 'Attribute names have at most 190 characters.',
  'refused.date': 'Use a date such as 2024-01-31.',
  'refused.date_order': 'The end date must come after the start date.',
  'refused.custom_field_line': '"{line}": write field = value, value.',
  'refused.admin_id': "Enter the teammate's Intercom admin id (digits only).",
  'refused.operators_only':
    'Only the operators of this migration can change it. Ask the admin who installed Ferry.',
  'refused.no_migration': 'Start a migration from Ferry in Intercom first.',
  'refused.installer_only': 'Only the admin who installed Ferry can add or remove operators.',
} as const;

export type RefusalKey = keyof typeof REFUSALS;

/** A refusal; detail is the help desk's own words, shown as they came (in brackets after the message). */
export interface Refusal {
  key: RefusalKey;
  params?: Record<string, string>;
  detail?: string;
}

/** A refusal in the words of a message table (English by default). */
export function sayRefusal(
  r: Refusal,
  t: (key: RefusalKey, params?: Record<string, string>) => string = (key, params = {}) =>
    REFUSALS[key].replace(/\{(\w+)\}/g, (whole, n: string) => params[n] ?? whole),
): string {
  const text = t(r.key, r.params);
  return r.detail ? `${text} (${r.detail})` : text;
}
