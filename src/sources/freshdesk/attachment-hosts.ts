// Where Freshdesk's attachment files live, besides the account's own host. attachment_url in API v2 answers
// is an expiring presigned S3 link (X-Amz-Expires=300: five minutes), in the bucket of the account's data
// centre, seen in public API answers and fixtures (unsure for data centres not listed: their files are
// skipped with the host named in the reason, never fetched):
//   https://s3.amazonaws.com/cdn.freshdesk.com/data/helpdesk/attachments/production/<id>/original/<name>?X-Amz-…
//   https://s3-eu-central-1.amazonaws.com/euc-cdn.freshdesk.com/…   (EU)
//   https://s3.ap-south-1.amazonaws.com/ind-cdn.freshdesk.com/…     (India; also s3-ap-south-1)
//   https://s3-ap-southeast-2.amazonaws.com/aus-cdn.freshdesk.com/… (Australia)
// and older accounts' files on cdn.freshdesk.com itself. S3 names a bucket either in the path (above) or as
// the host's first labels (cdn.freshdesk.com.s3.amazonaws.com), so both are accepted, for those buckets only:
// s3.amazonaws.com serves every bucket in the world, and anyone may create one named like a domain.
// Because the links expire in minutes, a file is fetched when its ticket is loaded, never queued for later.

/** Freshdesk's attachment buckets, one per data centre. */
export const FRESHDESK_BUCKETS: ReadonlySet<string> = new Set([
  'cdn.freshdesk.com',
  'euc-cdn.freshdesk.com',
  'ind-cdn.freshdesk.com',
  'aus-cdn.freshdesk.com',
]);

/** s3.amazonaws.com, s3-<region>.amazonaws.com or s3.<region>.amazonaws.com (region like eu-central-1). */
const S3_HOST = /^s3(?:[.-][a-z]{2}(?:-gov)?-[a-z]+-\d)?\.amazonaws\.com$/;

/** True when `url` is a file in one of Freshdesk's attachment buckets (or on cdn.freshdesk.com). */
export function isFreshdeskAttachmentUrl(url: URL): boolean {
  const host = url.hostname.toLowerCase();
  if (host === 'cdn.freshdesk.com') return true;
  if (S3_HOST.test(host)) {
    const bucket = url.pathname.split('/')[1] ?? '';
    return FRESHDESK_BUCKETS.has(bucket);
  }
  for (const bucket of FRESHDESK_BUCKETS) {
    if (host.startsWith(`${bucket}.`) && S3_HOST.test(host.slice(bucket.length + 1))) return true;
  }
  return false;
}
