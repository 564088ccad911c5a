// Zendesk's Webhooks and Triggers APIs, as far as Ferry's live mode uses them, and the signed deliveries a
// change in the emulated account sends. Shapes: developer.zendesk.com/api-reference/webhooks/webhooks-api/webhooks
// (webhook object, GET …/signing_secret), support-oas.yaml /api/v2/triggers (trigger object, notification_webhook
// action), developer.zendesk.com/documentation/webhooks/verifying (X-Zendesk-Webhook-Signature =
// base64(HMAC-SHA256(timestamp + body)), X-Zendesk-Webhook-Signature-Timestamp), and
// developer.zendesk.com/api-reference/webhooks/event-types/webhook-event-types (the event envelope).
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import express, { Router } from 'express';
import { ApiError, jsonPaths } from './paging.js';

interface Webhook {
  id: string;
  name: string;
  endpoint: string;
  subscriptions: string[];
  secret: string;
}

interface Trigger {
  id: number;
  title: string;
  webhookId: string;
  /** The JSON template the trigger's notification_webhook action sends ({{ticket.id}} placeholders). */
  body: string;
}

/** A change in the account the way Zendesk names it: zen:event-type:<kind>.<what>, about zen:<kind>:<id>. */
export interface AccountChange {
  kind: 'ticket' | 'user' | 'organization';
  id: string;
  /** e.g. 'created', 'comment_added', 'deleted'. */
  what: string;
}

export interface ZendeskWebhooks {
  router: Router;
  /** Sends the deliveries this change causes; resolves with their HTTP statuses once all were answered. */
  deliver(change: AccountChange): Promise<number[]>;
  /** What is subscribed now (tests check that a cutover removed it all). */
  state(): { webhooks: number; triggers: number };
}

const badRequest = (description: string): ApiError =>
  new ApiError(400, { error: 'RecordInvalid', description });

export function zendeskWebhooks(): ZendeskWebhooks {
  const webhooks = new Map<string, Webhook>();
  const triggers = new Map<number, Trigger>();
  let nextTrigger = 360_000_000_001;
  const r = Router();
  r.use(express.json({ limit: '1mb' }));

  r.post(jsonPaths('/api/v2/webhooks'), (req, res) => {
    const w = (req.body as { webhook?: Record<string, unknown> } | undefined)?.webhook;
    if (!w || typeof w['endpoint'] !== 'string' || typeof w['name'] !== 'string')
      throw badRequest('webhook.name and webhook.endpoint are required');
    if (w['http_method'] !== 'POST' || w['request_format'] !== 'json')
      throw badRequest('http_method must be POST and request_format json');
    const subscriptions = Array.isArray(w['subscriptions']) ? w['subscriptions'].map(String) : [];
    const id = `01${randomBytes(12).toString('hex').toUpperCase()}`;
    const secret = randomBytes(24).toString('base64');
    webhooks.set(id, { id, name: w['name'], endpoint: w['endpoint'], subscriptions, secret });
    res
      .status(201)
      .json({ webhook: { id, name: w['name'], endpoint: w['endpoint'], subscriptions, status: 'active' } });
  });
  r.get(jsonPaths('/api/v2/webhooks/:id/signing_secret'), (req, res) => {
    const w = webhooks.get(String(req.params['id']));
    if (!w) throw new ApiError(404, { error: 'RecordNotFound', description: 'Not found' });
    res.json({ signing_secret: { algorithm: 'SHA256', secret: w.secret } });
  });
  r.delete(jsonPaths('/api/v2/webhooks/:id'), (req, res) => {
    if (!webhooks.delete(String(req.params['id'])))
      throw new ApiError(404, { error: 'RecordNotFound', description: 'Not found' });
    res.status(204).end();
  });
  r.post(jsonPaths('/api/v2/triggers'), (req, res) => {
    const t = (req.body as { trigger?: Record<string, unknown> } | undefined)?.trigger;
    const actions = Array.isArray(t?.['actions']) ? (t['actions'] as Array<Record<string, unknown>>) : [];
    const notify = actions.find((a) => a['field'] === 'notification_webhook');
    const value = notify?.['value'];
    if (!t || typeof t['title'] !== 'string' || !Array.isArray(value) || value.length !== 2)
      throw badRequest('trigger.title and a notification_webhook action [webhook_id, body] are required');
    const webhookId = String(value[0]);
    if (!webhooks.has(webhookId)) throw badRequest(`webhook ${webhookId} does not exist`);
    const id = nextTrigger++;
    triggers.set(id, { id, title: t['title'], webhookId, body: String(value[1]) });
    res
      .status(201)
      .json({ trigger: { id, title: t['title'], active: true, actions, conditions: t['conditions'] } });
  });
  r.delete(jsonPaths('/api/v2/triggers/:id'), (req, res) => {
    if (!triggers.delete(Number(req.params['id'])))
      throw new ApiError(404, { error: 'RecordNotFound', description: 'Not found' });
    res.status(204).end();
  });

  async function send(w: Webhook, body: string): Promise<number> {
    const timestamp = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
    const signature = createHmac('sha256', w.secret)
      .update(timestamp + body)
      .digest('base64');
    const res = await fetch(w.endpoint, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'User-Agent': 'Zendesk Webhook',
        'X-Zendesk-Webhook-Id': w.id,
        'X-Zendesk-Webhook-Signature': signature,
        'X-Zendesk-Webhook-Signature-Timestamp': timestamp,
      },
      body,
    });
    await res.arrayBuffer();
    return res.status;
  }

  return {
    router: r,
    async deliver(change) {
      const type = `zen:event-type:${change.kind}.${change.what}`;
      const event = JSON.stringify({
        type,
        account_id: 1,
        id: randomUUID(),
        time: new Date().toISOString(),
        zendesk_event_version: '2022-11-06',
        subject: `zen:${change.kind}:${change.id}`,
        detail: { id: change.id },
        event: {},
      });
      const sends: Promise<number>[] = [];
      for (const w of webhooks.values()) if (w.subscriptions.includes(type)) sends.push(send(w, event));
      // Triggers fire on ticket creation and updates (a deletion fires none: Zendesk runs triggers on
      // Create and Change only); their body is the template with the ticket's placeholders filled in.
      if (change.kind === 'ticket' && change.what !== 'deleted') {
        for (const t of triggers.values()) {
          const w = webhooks.get(t.webhookId);
          if (w) sends.push(send(w, t.body.replaceAll('{{ticket.id}}', change.id)));
        }
      }
      return Promise.all(sends);
    },
    state: () => ({ webhooks: webhooks.size, triggers: triggers.size }),
  };
}
