// Zendesk's side of live catch-up: the webhook and trigger Ferry creates with the admin's consent, their
// removal at cutover, and the users and organizations a targeted delta re-reads by id.
import { z } from 'zod';
import type { Company, Contact } from '../../model/canonical.js';
import type { LiveSubscriber, RecordsByIds, SourceSubscription } from '../connector.js';
import { HttpFailure } from '../shared/http-client.js';
import { parseEach } from '../shared/parse.js';
import type { ZendeskClient } from './client.js';
import { isAgentRole, toCompany, toContact } from './map.js';
import { rawOrganization, rawUser } from './raw.js';

// Event subscriptions of users and organizations. Names follow the pattern of
// developer.zendesk.com/api-reference/webhooks/event-types/webhook-event-types (zen:event-type:user.…);
// an event Zendesk names otherwise is never sent, and the periodic sweep catches its change.
const EVENT_SUBSCRIPTIONS = [
  'zen:event-type:user.created',
  'zen:event-type:user.deleted',
  'zen:event-type:user.name_changed',
  'zen:event-type:user.identity_changed',
  'zen:event-type:user.organization_added',
  'zen:event-type:organization.created',
  'zen:event-type:organization.deleted',
  'zen:event-type:organization.name_changed',
];

// "To send webhook requests based on ticket activity, connect the webhook to a trigger" (webhook-event-types):
// a trigger on every ticket creation and update posts this body, shaped like an event so one parser reads both.
const TRIGGER_BODY = JSON.stringify({
  type: 'zen:event-type:ticket.trigger',
  subject: 'zen:ticket:{{ticket.id}}',
  detail: { id: '{{ticket.id}}' },
});

const webhookAnswer = z.object({ webhook: z.object({ id: z.string().min(1) }) });
const secretAnswer = z.object({ signing_secret: z.object({ secret: z.string().min(1) }) });
const triggerAnswer = z.object({
  trigger: z.object({ id: z.union([z.string(), z.number()]).transform(String) }),
});

export function zendeskLive(c: ZendeskClient): LiveSubscriber {
  const opts = (signal?: AbortSignal) => (signal ? { signal } : {});

  async function createWebhook(
    name: string,
    endpoint: string,
    subscriptions: string[],
    signal?: AbortSignal,
  ): Promise<{ id: string; secret: string }> {
    // POST /api/v2/webhooks; to receive events it must be POST + json (Webhooks API, "JSON format").
    const created = await c.http.sendJson(
      'POST',
      '/api/v2/webhooks.json',
      {
        webhook: {
          name,
          endpoint,
          http_method: 'POST',
          request_format: 'json',
          status: 'active',
          subscriptions,
        },
      },
      opts(signal),
    );
    const { id } = webhookAnswer.parse(created.data).webhook;
    // GET /api/v2/webhooks/{webhook_id}/signing_secret (developer.zendesk.com/documentation/webhooks/verifying).
    const secret = await c.http.getJson(
      `/api/v2/webhooks/${encodeURIComponent(id)}/signing_secret.json`,
      opts(signal),
    );
    return { id, secret: secretAnswer.parse(secret.data).signing_secret.secret };
  }

  return {
    async subscribe(endpoint, signal): Promise<SourceSubscription> {
      const events = await createWebhook(
        'Ferry live catch-up (events)',
        endpoint,
        EVENT_SUBSCRIPTIONS,
        signal,
      );
      const tickets = await createWebhook(
        'Ferry live catch-up (tickets)',
        endpoint,
        ['conditional_ticket_events'],
        signal,
      );
      // support-oas.yaml CreateTrigger: conditions on update_type, action notification_webhook [id, body].
      const trigger = await c.http.sendJson(
        'POST',
        '/api/v2/triggers.json',
        {
          trigger: {
            title: 'Ferry live catch-up: tell Ferry about every ticket change',
            conditions: {
              any: [
                { field: 'update_type', operator: 'is', value: 'Create' },
                { field: 'update_type', operator: 'is', value: 'Change' },
              ],
            },
            actions: [{ field: 'notification_webhook', value: [tickets.id, TRIGGER_BODY] }],
          },
        },
        opts(signal),
      );
      return { webhooks: [events, tickets], triggers: [triggerAnswer.parse(trigger.data).trigger.id] };
    },

    async unsubscribe(subscription, signal) {
      // Triggers first: a trigger may not point at a webhook that is gone.
      const calls = [
        ...subscription.triggers.map((id) => `/api/v2/triggers/${encodeURIComponent(id)}.json`),
        ...subscription.webhooks.map((w) => `/api/v2/webhooks/${encodeURIComponent(w.id)}.json`),
      ];
      for (const path of calls) {
        try {
          await c.http.sendJson('DELETE', path, undefined, opts(signal));
        } catch (err) {
          if (!(err instanceof HttpFailure && err.failure.status === 404)) throw err;
        }
      }
    },
  };
}

async function showMany<R>(
  c: ZendeskClient,
  path: string,
  key: string,
  ids: string[],
  read: (items: unknown[]) => RecordsByIds<R>,
  signal?: AbortSignal,
): Promise<RecordsByIds<R>> {
  const out: RecordsByIds<R> = { records: [], errors: [] };
  // show_many takes up to 100 ids a call (support-oas.yaml ShowManyUsers / ShowManyOrganizations).
  for (let i = 0; i < ids.length; i += 100) {
    const res = await c.http.getJson(
      `${path}?ids=${ids.slice(i, i + 100).join(',')}`,
      signal ? { signal } : {},
    );
    const items = (res.data as Record<string, unknown> | null)?.[key];
    const page = read(Array.isArray(items) ? items : []);
    out.records.push(...page.records);
    out.errors.push(...page.errors);
  }
  return out;
}

export function readZendeskContacts(c: ZendeskClient, ids: string[], signal?: AbortSignal) {
  return showMany<Contact>(
    c,
    '/api/v2/users/show_many.json',
    'users',
    ids,
    (items) => {
      const parsed = parseEach('contacts', rawUser, items, (u) =>
        isAgentRole(u.role) ? null : toContact(u),
      );
      return { records: parsed.records.filter((r) => r !== null), errors: parsed.errors };
    },
    signal,
  );
}

export function readZendeskCompanies(c: ZendeskClient, ids: string[], signal?: AbortSignal) {
  return showMany<Company>(
    c,
    '/api/v2/organizations/show_many.json',
    'organizations',
    ids,
    (items) => parseEach('companies', rawOrganization, items, toCompany),
    signal,
  );
}
