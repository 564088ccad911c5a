import type { Request, Response } from 'express';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  defaultClassOf,
  delayFor,
  latencyControl,
  sourceClassOf,
  uniformLatency,
} from '../../src/sandbox/latency.js';
import { intercomClassOf } from '../../src/sandbox/intercom/index.js';

const req = (method: string, path: string, body?: unknown) => ({ method, path, body }) as Request;
const res = {} as Response;

afterEach(() => vi.useRealTimers());

describe('emulator latency', () => {
  it('when a request comes, then its class is read, write, search or attachment', () => {
    expect(defaultClassOf(req('GET', '/contacts/1'))).toBe('read');
    expect(defaultClassOf(req('POST', '/tickets/1/reply'))).toBe('write');
    expect(defaultClassOf(req('POST', '/contacts/search'))).toBe('search');
    expect(defaultClassOf(req('GET', '/api/v2/search.json'))).toBe('search');
    expect(defaultClassOf(req('GET', '/api/v2/search/tickets'))).toBe('search');
    expect(sourceClassOf(req('GET', '/attachments/7/file.png'))).toBe('attachment');
    expect(sourceClassOf(req('GET', '/api/v2/tickets/7'))).toBe('read');
  });

  it('when a delay has jitter, then it stays within fixed ± jitter and never goes below zero', () => {
    const p = { read: { fixedMs: 200, jitterMs: 100 }, write: { fixedMs: 10, jitterMs: 50 } };
    expect(delayFor(p, 'read', () => 0)).toBe(100);
    expect(delayFor(p, 'read', () => 0.5)).toBe(200);
    expect(delayFor(p, 'read', () => 0.999999)).toBe(300);
    expect(delayFor(p, 'write', () => 0)).toBe(0);
    expect(delayFor(p, 'search', () => 0.3)).toBe(0);
  });

  it('when latency is set, then the request waits exactly its class\u2019s delay; set to nothing, it goes at once', () => {
    vi.useFakeTimers();
    const control = latencyControl({ write: { fixedMs: 300 } }, { random: () => 0.5 });
    const next = vi.fn();
    control.middleware(req('POST', '/tickets'), res, next);
    vi.advanceTimersByTime(299);
    expect(next).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(next).toHaveBeenCalledTimes(1);
    control.middleware(req('GET', '/tickets/1'), res, next);
    expect(next).toHaveBeenCalledTimes(2);
    control.setLatency(uniformLatency(50));
    control.middleware(req('GET', '/tickets/1'), res, next);
    expect(next).toHaveBeenCalledTimes(2);
    vi.advanceTimersByTime(50);
    expect(next).toHaveBeenCalledTimes(3);
    control.setLatency({});
    control.middleware(req('POST', '/tickets'), res, next);
    expect(next).toHaveBeenCalledTimes(4);
  });

  it('when an Intercom write carries attachment_urls, then it is of the attachment class', () => {
    const urls = { attachment_urls: ['http://127.0.0.1/a'] };
    expect(intercomClassOf(req('POST', '/tickets/1/reply', urls))).toBe('attachment');
    expect(intercomClassOf(req('POST', '/conversations', urls))).toBe('attachment');
    expect(intercomClassOf(req('POST', '/tickets/1/reply', { attachment_urls: [] }))).toBe('write');
    expect(intercomClassOf(req('POST', '/tickets/1/reply', { body: 'hi' }))).toBe('write');
    expect(intercomClassOf(req('POST', '/tickets/search', {}))).toBe('search');
  });
});
