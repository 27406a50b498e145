import type { errorCodes } from '@tandem/protocol';
import type { FastifyReply } from 'fastify';
import {
  InvalidTextError,
  LimitReachedError,
  MutationConflictError,
  QuotaExceededError,
} from './store/types';

/** The protocol's error codes (@tandem/protocol, protocol/src/protocol.ts): the sidecar sends no other. */
export type ErrorCode = (typeof errorCodes)[number];

/** An error meant for the client: its status, stable code and message are sent as they are. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export function errorBody(code: ErrorCode, message: string) {
  return { error: { code, message } };
}

export function sendError(reply: FastifyReply, error: HttpError): FastifyReply {
  return reply
    .code(error.statusCode)
    .type('application/json; charset=utf-8')
    .send(errorBody(error.code, error.message));
}

/**
 * Turns anything thrown while handling a request into what the client may see. Fastify's own
 * errors (body parsing, limits, bad URLs) get our codes and our wording, never theirs; the
 * store's refusals (quota, caps, conflicts, text) get theirs; anything unexpected becomes a bare
 * 500 so no stack, SQL or file path leaks.
 */
export function toHttpError(error: unknown): HttpError {
  if (error instanceof HttpError) return error;
  if (error instanceof QuotaExceededError) {
    return new HttpError(413, 'quota_exceeded', error.message);
  }
  if (error instanceof MutationConflictError) {
    return new HttpError(409, 'mutation_conflict', error.message);
  }
  if (error instanceof LimitReachedError) return new HttpError(409, 'limit_reached', error.message);
  if (error instanceof InvalidTextError) return new HttpError(400, 'bad_request', error.message);
  const { statusCode, code } = (error ?? {}) as { statusCode?: unknown; code?: unknown };
  if (statusCode === 413 || code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return new HttpError(413, 'payload_too_large', 'The request body is too large.');
  }
  if (statusCode === 415 || code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    return new HttpError(415, 'bad_request', 'Send the body as application/json.');
  }
  if (code === 'FST_ERR_CTP_INVALID_JSON_BODY' || code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
    return new HttpError(400, 'bad_request', 'The body is not valid JSON.');
  }
  if (code === 'FST_ERR_BAD_URL' || code === 'FST_ERR_MAX_PARAM_LENGTH') {
    return new HttpError(400, 'bad_request', 'The URL is malformed.');
  }
  if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
    return new HttpError(statusCode, 'bad_request', 'The request is malformed.');
  }
  return new HttpError(500, 'internal', 'Something went wrong on the server.');
}

export const unauthorized = (message = 'A valid device token is required.') =>
  new HttpError(401, 'unauthorized', message);
