// POST /webhooks/source/:migrationId: a source's change deliveries for live catch-up. The app's JSON body
// limit applies (an oversized body is refused with 413 before this runs); the use case checks the signature
// over the raw bytes and queues the changed id.
import { Router } from 'express';
import type { Knex } from 'knex';
import type { Cipher } from '../../crypto.js';
import { receiveFreshdeskDelivery, receiveZendeskDelivery } from '../../app/live/deliveries.js';
import { rawBodyOf } from '../raw-body.js';

export function liveRoutes(deps: { db: Knex; cipher: Cipher }): Router {
  const router = Router();
  router.post('/webhooks/source/:migrationId', async (req, res) => {
    await receiveZendeskDelivery(deps, String(req.params['migrationId']), {
      rawBody: rawBodyOf(req),
      signature: req.get('x-zendesk-webhook-signature'),
      timestamp: req.get('x-zendesk-webhook-signature-timestamp'),
      body: req.body,
    });
    res.json({ status: 'queued' });
  });
  // Freshdesk's automation webhooks: unsigned; the long random token in the URL is checked instead.
  router.post('/webhooks/source/:migrationId/:token', async (req, res) => {
    await receiveFreshdeskDelivery(
      deps,
      String(req.params['migrationId']),
      String(req.params['token']),
      req.body,
    );
    res.json({ status: 'queued' });
  });
  return router;
}
