// createApp(deps): the Express app, no listen inside (main.ts and the tests listen). Routes are thin: they
// parse input and call one use case from app/ (STYLE.md §7).
import express, { type Express, type Router } from 'express';
import helmet from 'helmet';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { errorHandler, notFound } from './errors.js';
import { keepRawBody } from './raw-body.js';
import { healthRoutes, type Readiness } from './health.js';
import { rateLimits } from './rate-limit.js';
import { requestId } from './request-id.js';

export interface AppDeps {
  config: Config;
  logger: Logger;
  readiness: Readiness;
  /** Feature routers (canvas, oauth, webhooks, console, sandbox…), mounted in order. */
  routers?: Router[];
}

export const JSON_BODY_LIMIT = '1mb';

export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 1);
  app.use(requestId);
  app.use(rateLimits(deps.config.rateLimits));
  app.use(
    helmet({
      // The console and the sandbox's Inbox preview load their own scripts only.
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          imgSrc: ["'self'", 'data:', 'https:'],
          styleSrc: ["'self'", "'unsafe-inline'"],
          frameAncestors: ["'self'"],
        },
      },
    }),
  );
  app.use(express.json({ limit: JSON_BODY_LIMIT, verify: keepRawBody }));
  app.use(express.urlencoded({ extended: false, limit: '100kb' }));
  app.use(healthRoutes(deps.readiness, deps.logger));
  for (const router of deps.routers ?? []) app.use(router);
  app.use(notFound);
  app.use(errorHandler(deps.logger));
  return app;
}
