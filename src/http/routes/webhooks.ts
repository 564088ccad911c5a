// POST /webhooks/intercom: signed notifications, stored and acknowledged.
import { Router } from 'express';
import { storeWebhook, type WebhookDeps } from '../../app/webhooks.js';
import { rawBodyOf } from '../raw-body.js';

export function webhookRoutes(deps: WebhookDeps): Router {
  const router = Router();
  router.post('/webhooks/intercom', async (req, res) => {
    await storeWebhook(deps, {
      rawBody: rawBodyOf(req),
      signature: req.get('x-hub-signature'),
      body: req.body,
    });
    res.json({ status: 'received' });
  });
  return router;
}
