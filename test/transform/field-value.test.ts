import { describe, expect, it } from 'vitest';
import { attributeTypeFor, toAttributeValue, SENSITIVE_FIELD } from '../../src/transform/field-value.js';
import { toTicketTypeAttributeCreate } from '../../src/transform/attribute-definitions.js';
import { field } from './fixtures.js';

const options = [
  { value: 'hw', label: 'Hardware' },
  { value: 'sw', label: 'Software' },
  { value: 'hw__laptop', label: 'Hardware::Laptop::ThinkPad' },
];

describe('attributeTypeFor (DESIGN custom-fields table)', () => {
  it.each([
    ['text', 'string', 'string'],
    ['regexp', 'string', 'string'],
    ['textarea', 'multiline', 'string'],
    ['checkbox', 'boolean', 'boolean'],
    ['integer', 'integer', 'integer'],
    ['decimal', 'decimal', 'float'],
    ['date', 'datetime', 'date'],
    ['dropdown', 'list', 'string'],
    ['multiselect', 'string', 'string'],
    ['lookup', 'string', 'string'],
    ['nested', 'string', 'string'],
    ['partialcreditcard', null, null],
  ] as const)(
    'when the source type is %s, then a ticket gets %s and a contact gets %s',
    (type, ticket, contact) => {
      expect(attributeTypeFor(type, 'ticket')).toBe(ticket);
      expect(attributeTypeFor(type, 'contact')).toBe(contact);
    },
  );
});

describe('toAttributeValue', () => {
  it('when a text value has umlauts and emoji, then it is kept as is', () => {
    expect(toAttributeValue(field(), 'Grüße 👋', 'ticket')).toEqual({ kind: 'value', value: 'Grüße 👋' });
  });

  it('when a checkbox is "1"/false, then it becomes a boolean', () => {
    const def = field({ type: 'checkbox' });
    expect(toAttributeValue(def, '1', 'ticket')).toEqual({ kind: 'value', value: true });
    expect(toAttributeValue(def, false, 'contact')).toEqual({ kind: 'value', value: false });
  });

  it('when an integer comes as a string, then it is a number; a fraction is skipped with a reason', () => {
    const def = field({ type: 'integer', rawType: 'integer', title: 'Seats' });
    expect(toAttributeValue(def, '42', 'company')).toEqual({ kind: 'value', value: 42 });
    const bad = toAttributeValue(def, '4.5', 'company');
    expect(bad.kind).toBe('skipped');
  });

  it('when a decimal is given, then it stays a number', () => {
    expect(toAttributeValue(field({ type: 'decimal' }), '12.50', 'contact')).toEqual({
      kind: 'value',
      value: 12.5,
    });
  });

  it('when a date is "2024-05-01", then it becomes Unix seconds at midnight UTC', () => {
    expect(toAttributeValue(field({ type: 'date' }), '2024-05-01', 'ticket')).toEqual({
      kind: 'value',
      value: 1714521600,
    });
    expect(toAttributeValue(field({ type: 'date' }), '2024-05-01T12:00:00+02:00', 'contact')).toEqual({
      kind: 'value',
      value: 1714557600,
    });
  });

  it('when a drop-down goes to a ticket, then the value is the list item id of its label', () => {
    const def = field({ type: 'dropdown', options });
    expect(toAttributeValue(def, 'sw', 'ticket', { Software: 'item-2' })).toEqual({
      kind: 'value',
      value: 'item-2',
    });
    expect(toAttributeValue(def, 'sw', 'ticket', {})).toMatchObject({ kind: 'skipped' });
  });

  it('when an option label holds a comma, then the list item keeps it as "‚" and the value still finds its item', () => {
    // 2.16 list_items is one comma-delimited string: "DACH (Österreich, Schweiz)" would otherwise split in two.
    const def = field({
      type: 'dropdown',
      options: [{ value: 'dach', label: 'DACH (Österreich, Schweiz)' }],
    });
    const body = toTicketTypeAttributeCreate(def, 'Region', 'zendesk');
    expect(body.kind === 'create' && body.body.list_items).toBe('DACH (Österreich\u201a Schweiz)');
    expect(body.kind === 'create' && body.body.list_items!.split(',')).toHaveLength(1);
    expect(toAttributeValue(def, 'dach', 'ticket', { 'DACH (Österreich\u201a Schweiz)': 'li-9' })).toEqual({
      kind: 'value',
      value: 'li-9',
    });
  });

  it('when an option is not in the Intercom list attribute, then the value is skipped with what to do', () => {
    const def = field({ type: 'dropdown', options });
    const r = toAttributeValue(def, 'sw', 'ticket', { Hardware: 'li-1' });
    expect(r.kind === 'skipped' && r.reason).toMatch(
      /"Software" .* not in the Intercom list attribute .*add/,
    );
  });

  it('when a drop-down goes to a contact, then the value is the option label', () => {
    expect(toAttributeValue(field({ type: 'dropdown', options }), 'hw', 'contact')).toEqual({
      kind: 'value',
      value: 'Hardware',
    });
  });

  it('when a multiselect has several values, then their labels are joined with ", "', () => {
    expect(toAttributeValue(field({ type: 'multiselect', options }), ['hw', 'sw'], 'ticket')).toEqual({
      kind: 'value',
      value: 'Hardware, Software',
    });
  });

  it('when a nested field is given as a path, then it reads "A > B > C"', () => {
    const def = field({ type: 'nested', options });
    expect(toAttributeValue(def, 'hw__laptop', 'ticket')).toEqual({
      kind: 'value',
      value: 'Hardware > Laptop > ThinkPad',
    });
    expect(toAttributeValue(def, { category: 'A', subcategory: 'B', item: null }, 'contact')).toEqual({
      kind: 'value',
      value: 'A > B',
    });
  });

  it('when a lookup carries the referenced record, then its name is the value', () => {
    expect(toAttributeValue(field({ type: 'lookup' }), { id: 5, name: 'Order 5' }, 'ticket')).toEqual({
      kind: 'value',
      value: 'Order 5',
    });
  });

  it('when the field is a partial credit card, then it is skipped as a sensitive field', () => {
    expect(toAttributeValue(field({ type: 'partialcreditcard' }), 'XXXX1234', 'ticket')).toEqual({
      kind: 'skipped',
      reason: SENSITIVE_FIELD,
    });
  });

  it('when the value is empty, then nothing is written', () => {
    expect(toAttributeValue(field(), '  ', 'ticket')).toEqual({ kind: 'empty' });
    expect(toAttributeValue(field({ type: 'multiselect' }), [], 'ticket')).toEqual({ kind: 'empty' });
  });
});
