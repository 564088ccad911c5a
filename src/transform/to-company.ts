// Organizations → Intercom companies. company_id = "<platform>:<id>" (DESIGN "Identity"); the source's
// created_at goes to remote_created_at (companies take no created_at).
import type { Company } from '../model/canonical.js';
import type { MigrationSettings } from '../settings/settings.js';
import type { AttachCompanyBody, CompanyBody } from './intercom-bodies.js';
import type { ReferenceData } from './reference.js';
import type { Mapped } from './to-contact.js';
import { mapCustomFields } from './custom-attributes.js';
import { FERRY_SOURCE_ID, sourceRef, toUnixSeconds } from './source-ref.js';

export const EMPTY_COMPANY_REASON = 'Intercom hides companies that have no contacts';

export function toCompany(
  company: Company,
  ref: Pick<ReferenceData, 'platform' | 'settings' | 'fields' | 'ticketType'>,
): Mapped<CompanyBody> {
  const mapped = mapCustomFields(company.customFields, 'company', 'company', ref);
  const domain = company.domains.find((d) => d.trim() !== '')?.trim();
  const id = sourceRef(ref.platform, company.id);
  return {
    body: {
      company_id: id,
      name: company.name.trim() || id,
      remote_created_at: toUnixSeconds(company.createdAt),
      ...(domain ? { website: /^https?:\/\//i.test(domain) ? domain : `https://${domain}` } : {}),
      ...(company.industry?.trim() ? { industry: company.industry.trim() } : {}),
      custom_attributes: { ...mapped.attributes, [FERRY_SOURCE_ID]: id },
    },
    notes: mapped.notes,
  };
}

/** Why an organization is not created, or null when it is: Intercom does not show companies without contacts. */
export function companySkipReason(contactCount: number, settings: MigrationSettings): string | null {
  return contactCount === 0 && !settings.options.createEmptyCompanies ? EMPTY_COMPANY_REASON : null;
}

/** POST /contacts/{contact_id}/companies body. */
export function toAttachCompany(intercomCompanyId: string): AttachCompanyBody {
  return { id: intercomCompanyId };
}
