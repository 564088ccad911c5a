// One JSON error shape for every route: { error: { code, message, field?, requestId? } }. Error classes decide
// the status; a 5xx says only that something failed, with the request id its log line carries.
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ZodError } from 'zod';
import type { Logger } from '../logger.js';
import { internalMessage, requestIdOf } from './request-id.js';
import {
  ConfigurationError,
  FerryError,
  ForbiddenError,
  InputError,
  NotFoundError,
  RecordError,
  SignatureError,
} from '../errors.js';

export interface ErrorBody {
  error: { code: string; message: string; field?: string; requestId?: string };
}

export function statusOf(err: unknown): number {
  if (err instanceof SignatureError) return 401;
  if (err instanceof InputError) return 400;
  if (err instanceof ForbiddenError) return 403;
  if (err instanceof NotFoundError) return 404;
  if (err instanceof ConfigurationError || err instanceof RecordError) return 422;
  return 500;
}

export function toErrorBody(err: unknown): ErrorBody {
  if (err instanceof ZodError) {
    const issue = err.issues[0];
    const field = issue?.path.join('.') || undefined;
    return {
      error: {
        code: 'bad_input',
        message: field ? `${field}: ${issue?.message}` : (issue?.message ?? 'invalid input'),
        ...(field ? { field } : {}),
      },
    };
  }
  if (err instanceof FerryError) {
    const field = err instanceof InputError ? err.field : undefined;
    return { error: { code: err.code, message: err.message, ...(field ? { field } : {}) } };
  }
  return { error: { code: 'internal', message: 'Something went wrong on our side. It has been logged.' } };
}

interface HttpishError {
  status?: number;
  type?: string;
  expose?: boolean;
  message?: string;
}

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    // body-parser's own errors (malformed JSON, too large) carry a 4xx status and are safe to show.
    const http = err as HttpishError;
    if (typeof http?.status === 'number' && http.status >= 400 && http.status < 500 && http.expose) {
      const code = http.type === 'entity.too.large' ? 'too_large' : 'bad_request';
      res
        .status(http.status)
        .json({ error: { code, message: http.message ?? 'bad request' } } satisfies ErrorBody);
      return;
    }
    const status = err instanceof ZodError ? 400 : statusOf(err);
    if (status >= 500) {
      // A 5xx body never carries the error's own message (it may name hosts, queries or internals).
      const requestId = requestIdOf(res);
      logger.error({ err, path: req.path, requestId }, 'request failed');
      res.status(status).json({
        error: { code: 'internal', message: internalMessage(requestId), requestId },
      } satisfies ErrorBody);
      return;
    }
    logger.info({ path: req.path, code: toErrorBody(err).error.code }, 'request refused');
    res.status(status).json(toErrorBody(err));
  };
}

export const notFound: RequestHandler = (req, res) => {
  res.status(404).json({
    error: { code: 'not_found', message: `No route for ${req.method} ${req.path}` },
  } satisfies ErrorBody);
};
