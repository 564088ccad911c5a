// Intercom webhook notifications: checked (X-Hub-Signature), stored in webhook_events, acknowledged. What
// reacts to them (delta catch-up) is a later issue.
import { z } from 'zod';
import { SignatureError } from '../errors.js';
import { verifyHubSignature } from '../intercom/signature.js';
import type { WebhookEventsPort, WorkspacesPort } from './ports.js';

export interface WebhookDeps {
  workspaces: WorkspacesPort;
  webhookEvents: WebhookEventsPort;
  clientSecret: string | undefined;
}

// Intercom's notification envelope: { type: "notification_event", topic, app_id, data, ... }.
const notification = z.looseObject({
  topic: z.string().min(1),
  app_id: z.union([z.string(), z.number().transform(String)]).optional(),
});

export async function storeWebhook(
  deps: WebhookDeps,
  request: { rawBody: Buffer; signature: string | undefined; body: unknown },
): Promise<void> {
  if (!verifyHubSignature(request.rawBody, request.signature, deps.clientSecret)) {
    throw new SignatureError('The webhook is not signed with this app’s client secret.');
  }
  const event = notification.parse(request.body);
  const workspace = event.app_id ? await deps.workspaces.findByIntercomId(event.app_id) : undefined;
  await deps.webhookEvents.store({ workspaceId: workspace?.id ?? null, topic: event.topic, payload: event });
}
