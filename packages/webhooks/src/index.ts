export { isPrivateAddress } from './addresses.js';
export { webhookBody } from './payload.js';
export { signWebhook } from './signing.js';
export { createTargetPolicy, type TargetPolicyOptions } from './target-policy.js';
export { createHttpTransport, type HttpTransportOptions } from './transport.js';
export {
  type VerifyOptions,
  verifyWebhook,
  type WebhookHeaders,
  WebhookVerificationError,
} from './verify.js';
