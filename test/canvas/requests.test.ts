import { describe, expect, it } from 'vitest';
import { initializeRequestSchema, submitRequestSchema } from '../../canvas/requests.js';

const inbox = {
  workspace_id: 'ws1',
  workspace_region: 'us',
  admin: { type: 'admin', id: '42', name: 'Ann' },
};
const canvas = { content: { components: [] }, stored_data: { screen: 'home' } };

describe('Canvas Kit request schemas (ERRATA #5)', () => {
  it('when an Inbox initialize request carries only workspace, region and admin, then it parses (2.11 marks card_creation_options, context, conversation and contact required)', () => {
    expect(initializeRequestSchema.parse(inbox).workspace_id).toBe('ws1');
  });

  it('when the contact comes as `customer`, then it is accepted like `contact`', () => {
    const parsed = initializeRequestSchema.parse({ ...inbox, customer: { id: 'c1' } });
    expect(parsed.customer).toEqual({ id: 'c1' });
  });

  it('when workspace_id or admin is missing, then the request is refused', () => {
    expect(initializeRequestSchema.safeParse({ workspace_region: 'us', admin: { id: '1' } }).success).toBe(
      false,
    );
    expect(initializeRequestSchema.safeParse({ workspace_id: 'w', workspace_region: 'us' }).success).toBe(
      false,
    );
  });

  it('when current_canvas is the canvas object itself (the docs) or wrapped in current_canvas (the 2.11 file), then both normalise to the canvas', () => {
    const base = { ...inbox, component_id: 'start', input_values: {} };
    const flat = submitRequestSchema.parse({ ...base, current_canvas: canvas });
    const wrapped = submitRequestSchema.parse({ ...base, current_canvas: { current_canvas: canvas } });
    expect(flat.current_canvas.stored_data).toEqual({ screen: 'home' });
    expect(wrapped.current_canvas.stored_data).toEqual({ screen: 'home' });
  });

  it('when a submit lacks component_id or input_values, then it is refused', () => {
    expect(
      submitRequestSchema.safeParse({ ...inbox, current_canvas: canvas, input_values: {} }).success,
    ).toBe(false);
    expect(
      submitRequestSchema.safeParse({ ...inbox, current_canvas: canvas, component_id: 'x' }).success,
    ).toBe(false);
  });
});
