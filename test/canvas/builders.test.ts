import { describe, expect, it } from 'vitest';
import { canvasResponse } from '../../canvas/canvas.js';
import {
  button,
  checkbox,
  dataTable,
  divider,
  dropdown,
  image,
  input,
  list,
  listItem,
  singleSelect,
  spacer,
  submitAction,
  text,
  textarea,
  urlAction,
  type Component,
} from '../../canvas/components.js';
import { CanvasLimitError, MAX_CONTENT_BYTES } from '../../canvas/limits.js';
import { validateSchema } from '../../src/sandbox/openapi/index.js';

const two = [
  ['a', 'A'],
  ['b', 'B'],
] as const;
const options = (n: number) => Array.from({ length: n }, (_, i) => [`o${i}`, `Option ${i}`] as const);

// One of every component Ferry can build, each with the schema 2.11 names for it.
const every: [string, Component][] = [
  ['text_component', text('Hello **world**', { style: 'header', align: 'center', bottom_margin: 'none' })],
  ['button_component', button('go', 'Go', submitAction(), { style: 'secondary' })],
  ['button_component', button('docs', 'Docs', urlAction('https://example.com/docs'), { style: 'link' })],
  [
    'input_component',
    input('subdomain', { label: 'Subdomain', placeholder: 'acme', action: submitAction() }),
  ],
  ['text_area_component', textarea('notes', { label: 'Notes', value: 'x', error: false })],
  ['dropdown_component', dropdown('pick', options(10), { label: 'Pick', value: 'o1' })],
  ['single_select_component', singleSelect('target', two, { label: 'Target', action: submitAction() })],
  [
    'checkbox_component',
    checkbox('agree', 'Checklist', [{ type: 'option', id: 'x', text: 'X', disabled: true }]),
  ],
  [
    'list_component',
    list([listItem('t1', 'Ticket 1', { subtitle: 'open', action: urlAction('https://e.x') })]),
  ],
  ['data_table_component', dataTable([['Tickets', '1,204']])],
  ['image_component', image('https://example.com/a.png', 64, 64, { align: 'center', rounded: true })],
  ['divider_component', divider({ bottom_margin: 'none' })],
  ['spacer_component', spacer('xl')],
];

describe('canvas builders', () => {
  it.each(every)(
    'when a %s is built, then it validates against its 2.11 schema and as a component',
    (name, c) => {
      expect(validateSchema('2.11', name, c).errors).toEqual([]);
      expect(validateSchema('2.11', 'component', c).errors).toEqual([]);
    },
  );

  it('when every component is put in one canvas, then the response validates as a 2.11 initialize_response', () => {
    const response = canvasResponse(
      every.map(([, c]) => c),
      { screen: 'test' },
    );
    expect(validateSchema('2.11', 'canvas_object', response.canvas).errors).toEqual([]);
    expect(validateSchema('2.11', 'initialize_response', response).errors).toEqual([]);
  });

  it.each([1, 11])('when a dropdown has %i option(s), then the builder refuses it', (n) => {
    expect(() => dropdown('pick', options(n))).toThrow(CanvasLimitError);
    expect(() => dropdown('pick', options(n))).toThrow(/2 to 10/);
  });

  it.each([1, 11])('when a single-select has %i option(s), then the builder refuses it', (n) => {
    expect(() => singleSelect('pick', options(n))).toThrow(CanvasLimitError);
  });

  it('when a dropdown has 2 or 10 options, then the builder accepts it', () => {
    expect(dropdown('pick', options(2)).options).toHaveLength(2);
    expect(dropdown('pick', options(10)).options).toHaveLength(10);
  });

  it('when a checkbox is built, then its options are under `option` (singular), as 2.11 names the field', () => {
    const c = checkbox('agree', 'Agree', [['yes', 'I agree']]);
    expect(c).toHaveProperty('option');
    expect(c).not.toHaveProperty('options');
    expect(() => checkbox('agree', 'Agree', [])).toThrow(CanvasLimitError);
  });

  it('when the content exceeds 64 KB, then the canvas is refused', () => {
    const big = text('x'.repeat(MAX_CONTENT_BYTES));
    expect(() => canvasResponse([big])).toThrow(
      /canvas content is \d+ bytes; Intercom accepts at most 65536/,
    );
  });

  it('when the stored_data exceeds 64 KB, then the canvas is refused', () => {
    expect(() => canvasResponse([text('ok')], { blob: 'y'.repeat(MAX_CONTENT_BYTES) })).toThrow(
      /stored_data is \d+ bytes/,
    );
  });

  it('when content is just under 64 KB, then the canvas is accepted', () => {
    const overhead = JSON.stringify({ components: [text('')] }).length;
    expect(() => canvasResponse([text('x'.repeat(MAX_CONTENT_BYTES - overhead))])).not.toThrow();
  });
});
