export {
  createZendeskConnector,
  type ZendeskConnectorOptions,
  type ZendeskAuth,
  type ZendeskTuning,
} from './connector.js';
export { REJECTED_CREDENTIALS, ZENDESK_RETRY_POLICY } from './client.js';
export { chooseCommentMode, type CommentModeInput, type CommentModeCost } from './comment-mode.js';
