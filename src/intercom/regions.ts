// Intercom's API hosts per region, as the 2.16 description's `servers` lists them
// (specs/intercom/2.16/api.intercom.io.yaml: US, "european", "australian").
export type IntercomRegion = 'us' | 'eu' | 'au';

export const API_HOSTS: Record<IntercomRegion, string> = {
  us: 'https://api.intercom.io',
  eu: 'https://api.eu.intercom.io',
  au: 'https://api.au.intercom.io',
};

/** INTERCOM_API_URL (an emulator, a proxy) wins over the region's host. */
export function intercomBaseUrl(region: IntercomRegion = 'us', override?: string): string {
  return (override ?? API_HOSTS[region]).replace(/\/+$/, '');
}

/** Canvas Kit's `workspace_region` and similar values ("us", "eu", "au", any case) as a region. */
export function parseRegion(value: string | undefined | null): IntercomRegion {
  const v = (value ?? '').toLowerCase();
  return v === 'eu' || v === 'au' ? v : 'us';
}
