// The DNS rows both sources' retry tables share (one classification, src/sources/shared/retry.ts): DNS
// failing for now is transient; a host DNS says does not exist is a wrong subdomain, never retried.
import type { RetryInput } from '../../../src/sources/shared/retry.js';

export const DNS_RETRY_ROWS: [
  string,
  Pick<RetryInput, 'attempt' | 'errorCode'>,
  { retry: boolean; delayMs?: number },
][] = [
  ['DNS failing for now (EAI_AGAIN)', { attempt: 1, errorCode: 'EAI_AGAIN' }, { retry: true, delayMs: 500 }],
  ['EAI_AGAIN on the third attempt', { attempt: 3, errorCode: 'EAI_AGAIN' }, { retry: true, delayMs: 2000 }],
  ['an unknown host (ENOTFOUND)', { attempt: 1, errorCode: 'ENOTFOUND' }, { retry: false }],
];
