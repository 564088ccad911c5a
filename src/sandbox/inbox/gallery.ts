// The preview's component gallery (/#gallery): one canvas holding every Canvas Kit component type Ferry's
// builders make, so a newcomer (and the browser test) can see how each renders in the Inbox panel.
import { canvasResponse, type CanvasResponse } from '../../../canvas/canvas.js';
import {
  button,
  checkbox,
  dataTable,
  divider,
  dropdown,
  image,
  input,
  listItem,
  list,
  singleSelect,
  spacer,
  text,
  textarea,
  submitAction,
  urlAction,
} from '../../../canvas/components.js';

/** Every type the 2.11 description defines for canvas content (component.oneOf). */
export const COMPONENT_TYPES = [
  'text',
  'button',
  'input',
  'textarea',
  'dropdown',
  'single-select',
  'checkbox',
  'list',
  'data-table',
  'image',
  'divider',
  'spacer',
] as const;

const PIXEL =
  'data:image/svg+xml;base64,' +
  Buffer.from(
    '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="32"><rect width="64" height="32" rx="6" fill="#0057ff"/></svg>',
  ).toString('base64');

export function galleryCanvas(): CanvasResponse {
  return canvasResponse([
    text('Every component', { style: 'header' }),
    text('A paragraph with **bold** text.'),
    text('Muted text', { style: 'muted' }),
    text('Error text', { style: 'error' }),
    input('gallery_input', { label: 'Input', placeholder: 'Type here' }),
    textarea('gallery_textarea', { label: 'Textarea', placeholder: 'Several lines' }),
    dropdown(
      'gallery_dropdown',
      [
        ['a', 'Option A'],
        ['b', 'Option B'],
      ],
      { label: 'Dropdown', value: 'a' },
    ),
    singleSelect(
      'gallery_single',
      [
        ['x', 'One'],
        ['y', 'Two'],
      ],
      { label: 'Single select', value: 'x' },
    ),
    checkbox('gallery_checkbox', 'Checkbox', [
      ['c1', 'First'],
      ['c2', 'Second'],
    ]),
    list([listItem('gallery_item', 'List item', { subtitle: 'subtitle', tertiary_text: 'tertiary' })]),
    dataTable([
      ['Field', 'Value'],
      ['Tickets', '42'],
    ]),
    image(PIXEL, 64, 32),
    divider(),
    spacer('m'),
    button('gallery_submit', 'Submit button', submitAction()),
    button('gallery_link', 'Link button', urlAction('http://127.0.0.1/'), { style: 'link' }),
  ]);
}
