// Each erratum of specs/intercom/ERRATA.md (plus #6, found while loading 2.11, #7, found by transform/, #8
// and #9, found by the emulator's query checks and the conversations target):
// the description read literally rejects a valid request; with the correction it is accepted, and other
// checks stay on.
import { describe, expect, it } from 'vitest';
import {
  createSpecValidator,
  ERRATA,
  validateRequest,
  validateSchema,
} from '../../src/sandbox/openapi/index.js';
import type { SpecVersion } from '../../src/sandbox/openapi/index.js';

const without = (version: SpecVersion, id: number) =>
  createSpecValidator(version, { errata: ERRATA.filter((e) => e.id !== id) });

const admin = {
  type: 'admin',
  id: '1295',
  name: 'Ada',
  email: 'ada@example.com',
  job_title: 'Support lead',
  away_mode_enabled: false,
  away_mode_reassign: false,
  has_inbox_seat: true,
  team_ids: [814865],
};

describe('Intercom description errata', () => {
  it('when a nullable field without a type gets null (erratum 1), then only the raw description rejects it', () => {
    const body = { name: 'Billing', translated_content: null };
    expect(without('2.16', 1).validateRequest('POST', '/help_center/collections', { body }).ok).toBe(false);
    expect(validateRequest('POST', '/help_center/collections', { body })).toEqual({
      ok: true,
      errors: [],
      template: '/help_center/collections',
    });
  });

  it('when a conversation is created from a 24-hex contact id (erratum 2), then only the raw description rejects it', () => {
    const body = { from: { type: 'user', id: '536e564f316c83104c000020' }, body: 'Hello' };
    const raw = without('2.16', 2).validateRequest('POST', '/conversations', { body });
    expect(raw.errors).toContain('body/from/id must match format "uuid"');
    expect(validateRequest('POST', '/conversations', { body }).ok).toBe(true);
    // The id's documented length still applies.
    expect(
      validateRequest('POST', '/conversations', { body: { ...body, from: { type: 'user', id: '1' } } }).ok,
    ).toBe(false);
  });

  it('when a ticket is snoozed until a Unix time (erratum 3), then only the raw description rejects it', () => {
    const body = { state_id: '1', snoozed_until: 1_700_000_000 };
    expect(without('2.16', 3).validateRequest('PUT', '/tickets/1', { body }).ok).toBe(false);
    expect(validateRequest('PUT', '/tickets/1', { body }).ok).toBe(true);
    expect(validateRequest('PUT', '/tickets/1', { body: { snoozed_until: 'soon' } }).ok).toBe(false);
  });

  it('when a tag is created and applied to users in one call (erratum 4), then only the raw description rejects it', () => {
    const body = { name: 'migrated', users: [{ id: '5f7f0d217289f8d2f4262080' }] };
    const raw = without('2.16', 4).validateRequest('POST', '/tags', { body });
    expect(raw.errors).toContain('body must match exactly one schema in oneOf');
    expect(validateRequest('POST', '/tags', { body }).ok).toBe(true);
    expect(validateRequest('POST', '/tags', { body: { users: [] } }).ok).toBe(false);
  });

  it('when an Inbox initialize request carries no conversation, context or contact (erratum 5), then only the raw description rejects it', () => {
    const request = { workspace_id: 'abc123', workspace_region: 'us', admin };
    expect(without('2.11', 5).validateSchema('initialize_request', request).ok).toBe(false);
    expect(validateSchema('2.11', 'initialize_request', request)).toEqual({ ok: true, errors: [] });
    expect(validateSchema('2.11', 'initialize_request', { workspace_id: 'abc123', admin }).ok).toBe(false);
  });

  it('when a submit request names its contact `customer` (erratum 5), then it is checked as a contact', () => {
    const request = {
      workspace_id: 'abc123',
      workspace_region: 'us',
      admin,
      component_id: 'start',
      // 2.11 wraps the canvas once more here ({ current_canvas: { current_canvas: canvas } }); the docs' example
      // reads the same way, so this is taken as written.
      current_canvas: { current_canvas: { content: { components: [{ type: 'text', text: 'Hi' }] } } },
      input_values: {},
    };
    expect(validateSchema('2.11', 'submit_request', request).ok).toBe(true);
    expect(validateSchema('2.11', 'submit_request', { ...request, customer: { id: 42 } }).ok).toBe(false);
  });

  it('when a schema says `nullable: false` without a type (erratum 1), then only the raw description cannot compile it', () => {
    // 2.16 content_sources_list (a conversation's AI agent sources) is the one such place.
    const list = { type: 'content_source.list', total_count: 0, content_sources: [] };
    const raw = without('2.16', 1).validateSchema('content_sources_list', list);
    expect(raw.errors.join()).toMatch(/"nullable" cannot be used without "type"/);
    expect(validateSchema('2.16', 'content_sources_list', list)).toEqual({ ok: true, errors: [] });
    expect(validateSchema('2.16', 'content_sources_list', { ...list, total_count: 'one' }).errors).toEqual([
      'content_sources_list/total_count must be integer',
    ]);
  });

  it('when 2.11 refers to its undefined custom_attributes schema (erratum 6), then only the raw description fails', () => {
    const request = { workspace_id: 'abc123', workspace_region: 'us', admin };
    const raw = without('2.11', 6).validateSchema('initialize_request', request);
    expect(raw.errors.join()).toMatch(/can't resolve reference .*custom_attributes/);
    expect(validateSchema('2.11', 'initialize_request', request).ok).toBe(true);
    // Corrected, a conversation's custom_attributes is checked as an object.
    const conversation = { id: '1', created_at: 1, updated_at: 1, custom_attributes: { Seats: 3 } };
    const errors = (value: unknown) => validateSchema('2.11', 'conversation', value).errors;
    expect(errors(conversation).some((e) => e.includes('custom_attributes'))).toBe(false);
    expect(errors({ ...conversation, custom_attributes: 'Seats=3' })).toContain(
      'conversation/custom_attributes must be object',
    );
  });

  it("when a company is written with its description example's typed custom attributes (erratum 7), then only the raw description rejects it", () => {
    // create_or_update_company_request.custom_attributes: additionalProperties string, example typed.
    const body = {
      company_id: 'zendesk:501',
      name: 'Acme',
      custom_attributes: { paid_subscriber: true, monthly_spend: 155.5, team_mates: 9, plan: 'Gold' },
    };
    expect(without('2.16', 7).validateRequest('POST', '/companies', { body }).errors).toEqual([
      'body/custom_attributes/paid_subscriber must be string',
      'body/custom_attributes/monthly_spend must be string',
      'body/custom_attributes/team_mates must be string',
    ]);
    expect(validateRequest('POST', '/companies', { body }).ok).toBe(true);
    expect(validateRequest('PUT', '/companies/6123', { body: { custom_attributes: { seats: 12 } } }).ok).toBe(
      true,
    );
    // Values stay scalar.
    const nested = { ...body, custom_attributes: { plan: { name: 'Gold' } } };
    expect(validateRequest('POST', '/companies', { body: nested }).ok).toBe(false);
  });

  it('when the articles or collections list is asked for its next page (erratum 8), then only the raw description rejects starting_after', () => {
    const query = { starting_after: 'WzE3MDAwMDAwMDAsMTJd', per_page: '50' };
    for (const path of ['/articles', '/help_center/collections']) {
      expect(without('2.16', 8).validateRequest('GET', path, { query }).ok).toBe(false);
      expect(validateRequest('GET', path, { query }).ok).toBe(true);
      expect(validateRequest('GET', path, { query: { per_page: '500' } }).ok).toBe(false);
      expect(validateRequest('GET', path, { query: { order: 'asc' } }).ok).toBe(false);
    }
  });

  it("when a conversation is updated with boolean and decimal attributes as its description's example holds (erratum 9), then only the raw description rejects them", () => {
    const body = { custom_attributes: { 'VIP customer': true, 'Amount (€)': 12.5, Plan: 'Gold', Seats: 3 } };
    expect(without('2.16', 9).validateRequest('PUT', '/conversations/123', { body }).ok).toBe(false);
    expect(validateRequest('PUT', '/conversations/123', { body }).ok).toBe(true);
    // Other types stay refused.
    const listed = { custom_attributes: { Plan: null } };
    expect(validateRequest('PUT', '/conversations/123', { body: listed }).ok).toBe(false);
  });

  it('when a canvas uses a component type Intercom does not know, then validation fails', () => {
    expect(
      validateSchema('2.11', 'canvas_object', { content: { components: [{ type: 'text', text: 'ok' }] } }).ok,
    ).toBe(true);
    expect(
      validateSchema('2.11', 'canvas_object', { content: { components: [{ type: 'marquee' }] } }).ok,
    ).toBe(false);
  });
});
