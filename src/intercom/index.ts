export { createIntercomClient, type IntercomClient, type IntercomClientOptions } from './client.js';
export { exchangeOAuthCode } from './oauth-token.js';
export { intercomBaseUrl, parseRegion, API_HOSTS, type IntercomRegion } from './regions.js';
export {
  createRateBudget,
  workspaceBudget,
  readRateLimit,
  type RateBudget,
  type RateLimitInfo,
} from './rate-budget.js';
export {
  decideRetry,
  DEFAULT_RETRY_POLICY,
  type RetryDecision,
  type RetryInput,
  type RetryPolicy,
} from './retry-policy.js';
export { IntercomUnauthorizedError, OutcomeUnknownError, existingContactId, toFerryError } from './errors.js';
export { INTERCOM_VERSION } from './http.js';
export type * from './schemas.js';
export type * from './types.js';
