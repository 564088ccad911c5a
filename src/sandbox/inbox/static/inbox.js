// The Inbox preview's canvas renderer: draws every Canvas Kit component (2.11: text, button, input, textarea,
// dropdown, single-select, checkbox, list, data-table, image, divider, spacer) with the DOM (never innerHTML),
// collects input_values as Intercom does, and sends what the teammate did to /sandbox/canvas/*, where the
// server signs the request and calls Ferry exactly as Intercom would.
/* global document, window, fetch */

const panel = document.getElementById('canvas');
const adminSelect = document.getElementById('sandbox-admin');
const localeSelect = document.getElementById('sandbox-locale');
let current = null; // the canvas object Ferry last answered (content + stored_data)
let values = {}; // component id -> value the teammate chose (single-select, checkbox)

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'className') node.className = v;
    else if (k === 'dataset') Object.assign(node.dataset, v);
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) if (c !== null && c !== undefined) node.append(c);
  return node;
}

/** Canvas Kit text allows **bold** and [links](https://…); everything else is plain text. */
function richText(text) {
  const out = [];
  const re = /\*\*([^*]+)\*\*|\[([^\]]+)\]\((https?:\/\/[^)\s]+)\)/g;
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    out.push(text.slice(last, m.index));
    out.push(
      m[1] ? el('strong', {}, m[1]) : el('a', { href: m[3], target: '_blank', rel: 'noopener' }, m[2]),
    );
    last = re.lastIndex;
  }
  out.push(text.slice(last));
  return out;
}

function label(c) {
  return c.label ? el('label', { className: 'c-label', for: `c-${c.id}` }, c.label) : null;
}

function saveState(c) {
  if (!c.save_state || c.save_state === 'unsaved') return null;
  return el(
    'span',
    { className: `save-state ${c.save_state}` },
    c.save_state === 'saved' ? 'Saved' : 'Failed',
  );
}

function act(action, componentId) {
  if (!action) return;
  if (action.type === 'url') window.open(action.url, '_blank', 'noopener');
  else if (action.type === 'submit') submit(componentId);
}

const renderers = {
  text: (c) =>
    el(
      'p',
      { className: `c-text ${c.style ?? 'paragraph'} ${c.align ?? 'left'}`, dataset: { type: 'text' } },
      richText(c.text),
    ),
  button: (c) =>
    el(
      'button',
      {
        type: 'button',
        className: `c-button ${c.style ?? 'primary'}`,
        disabled: c.disabled,
        dataset: { componentId: c.id, type: 'button', action: c.action?.type },
        onclick: () => act(c.action, c.id),
      },
      c.label,
    ),
  input: (c) =>
    el(
      'div',
      { dataset: { type: 'input' } },
      label(c),
      el(
        'div',
        { className: 'c-input-row' },
        el('input', {
          id: `c-${c.id}`,
          className: 'c-input',
          value: c.value ?? '',
          placeholder: c.placeholder,
          disabled: c.disabled,
          dataset: { componentId: c.id, input: 'text' },
        }),
        c.action
          ? el('button', { type: 'button', className: 'c-button', onclick: () => act(c.action, c.id) }, '→')
          : null,
      ),
      saveState(c),
    ),
  textarea: (c) =>
    el(
      'div',
      { dataset: { type: 'textarea' } },
      label(c),
      el('textarea', {
        id: `c-${c.id}`,
        className: `c-textarea${c.error ? ' error' : ''}`,
        placeholder: c.placeholder,
        disabled: c.disabled,
        rows: 3,
        dataset: { componentId: c.id, input: 'text' },
      }),
    ),
  dropdown: (c) => {
    const select = el(
      'select',
      {
        id: `c-${c.id}`,
        className: 'c-dropdown',
        disabled: c.disabled,
        dataset: { componentId: c.id, input: 'text' },
      },
      c.options.map((o) =>
        el('option', { value: o.id, disabled: o.disabled, selected: o.id === c.value }, o.text),
      ),
    );
    return el('div', { dataset: { type: 'dropdown' } }, label(c), select, saveState(c));
  },
  'single-select': (c) => {
    if (values[c.id] === undefined && c.value) values[c.id] = c.value;
    const buttons = c.options.map((o) =>
      el(
        'button',
        {
          type: 'button',
          disabled: c.disabled || o.disabled,
          'aria-pressed': String(values[c.id] === o.id),
          dataset: { option: o.id },
          onclick: (e) => {
            values[c.id] = o.id;
            for (const b of e.currentTarget.parentElement.children)
              b.setAttribute('aria-pressed', String(b === e.currentTarget));
            if (c.action) act(c.action, c.id);
          },
        },
        o.text,
      ),
    );
    return el(
      'div',
      { dataset: { type: 'single-select', componentId: c.id } },
      c.label ? el('span', { className: 'c-label' }, c.label) : null,
      el('div', { className: 'c-single-select', role: 'group', 'aria-label': c.label ?? c.id }, buttons),
      saveState(c),
    );
  },
  checkbox: (c) => {
    const chosen = new Set(values[c.id] ?? c.value ?? []);
    values[c.id] = [...chosen];
    const boxes = c.option.map((o) =>
      el(
        'label',
        {},
        el('input', {
          type: 'checkbox',
          checked: chosen.has(o.id),
          disabled: c.disabled || o.disabled,
          dataset: { option: o.id },
          onchange: (e) => {
            if (e.currentTarget.checked) chosen.add(o.id);
            else chosen.delete(o.id);
            values[c.id] = [...chosen];
          },
        }),
        o.text,
      ),
    );
    return el(
      'fieldset',
      { className: 'c-checkbox', dataset: { type: 'checkbox', componentId: c.id } },
      c.label ? el('legend', { className: 'c-label' }, c.label) : null,
      boxes,
      saveState(c),
    );
  },
  list: (c) =>
    el(
      'ul',
      { className: 'c-list', dataset: { type: 'list' } },
      c.items.map((i) =>
        el(
          'li',
          {
            className: 'c-item',
            role: i.action && !i.disabled && !c.disabled ? 'button' : undefined,
            tabindex: i.action ? 0 : undefined,
            dataset: { componentId: i.id },
            onclick: i.action && !i.disabled && !c.disabled ? () => act(i.action, i.id) : undefined,
          },
          i.image ? el('img', { src: i.image, alt: '', width: i.image_width, height: i.image_height }) : null,
          el(
            'div',
            {},
            el('div', { className: 'title' }, i.title),
            i.subtitle ? el('div', { className: 'subtitle' }, i.subtitle) : null,
            i.tertiary_text ? el('div', { className: 'tertiary' }, i.tertiary_text) : null,
          ),
        ),
      ),
    ),
  'data-table': (c) =>
    el(
      'table',
      { className: 'c-data-table', dataset: { type: 'data-table' } },
      el(
        'tbody',
        {},
        c.items.map((i) => el('tr', {}, el('td', {}, i.field), el('td', {}, i.value))),
      ),
    ),
  image: (c) =>
    el('img', {
      className: `c-image${c.rounded ? ' rounded' : ''}`,
      src: c.url,
      width: c.width,
      height: c.height,
      alt: '',
      dataset: { type: 'image' },
      onclick: c.action ? () => act(c.action, c.id) : undefined,
    }),
  divider: () => el('hr', { className: 'c-divider', dataset: { type: 'divider' } }),
  spacer: (c) => el('div', { className: `c-spacer ${c.size ?? 's'}`, dataset: { type: 'spacer' } }),
};

function render(canvas) {
  current = canvas;
  values = {};
  const components = canvas?.content?.components ?? [];
  panel.replaceChildren(
    ...components.map((c) =>
      (renderers[c.type] ?? ((x) => el('p', { className: 'panel-error' }, `Unknown component ${x.type}`)))(c),
    ),
  );
  panel.dataset.screen = canvas?.stored_data?.screen ?? '';
  panel.dataset.state = 'idle';
}

function inputValues() {
  const out = { ...values };
  for (const input of panel.querySelectorAll('[data-input="text"]'))
    out[input.dataset.componentId] = input.value;
  return out;
}

async function call(kind, body) {
  panel.dataset.state = 'loading';
  for (const b of panel.querySelectorAll('button')) b.disabled = true;
  try {
    const res = await fetch(`/sandbox/canvas/${kind}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ adminId: adminSelect.value, locale: localeSelect.value, ...body }),
    });
    const answer = await res.json();
    if (!res.ok || !answer.canvas) throw new Error(answer?.error?.message ?? `Ferry answered ${res.status}`);
    render(answer.canvas);
  } catch (error) {
    panel.replaceChildren(
      el('p', { className: 'panel-error', role: 'alert' }, String(error.message ?? error)),
    );
    panel.dataset.state = 'error';
  }
}

function submit(componentId) {
  return call('submit', {
    component_id: componentId,
    input_values: inputValues(),
    current_canvas: { content: current?.content, stored_data: current?.stored_data ?? {} },
  });
}

async function start() {
  const { admins, sample } = await (await fetch('/sandbox/admins')).json();
  document.getElementById('sandbox-sample').textContent =
    `Sample help desk: subdomain ${sample.subdomain}; Zendesk ${sample.zendesk.email} with token ` +
    `${sample.zendesk.token}; Freshdesk API key ${sample.freshdesk.apiKey}.`;
  adminSelect.replaceChildren(
    ...admins.map((a, i) => el('option', { value: a.id }, `${a.name}${i === 0 ? ' (installed Ferry)' : ''}`)),
  );
  adminSelect.addEventListener('change', () => call('initialize', {}));
  localeSelect.addEventListener('change', () => call('initialize', {}));
  // /#gallery: every component type, drawn by this renderer (no request to Ferry).
  if (window.location.hash === '#gallery')
    render((await (await fetch('/sandbox/gallery.json')).json()).canvas);
  else await call('initialize', {});
}

start();
