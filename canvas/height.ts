// A height budget per component, in pixels, so a test can tell that a first canvas stays within Intercom's
// ~400 px (DESIGN.md). These are estimates for the Inbox details panel (about 300 px of usable width at a
// 14 px font, so about 42 characters a line), erring on the tall side; they are not measurements of
// Intercom's renderer.
import type { Component, SpacerSize } from './components.js';

const LINE_PX = 20;
const HEADER_LINE_PX = 24;
const CHARS_PER_LINE = 42;
const HEADER_CHARS_PER_LINE = 32;
/** Intercom's default margin-bottom (2.11: "Disables a component's margin-bottom of 10px"). */
const MARGIN_PX = 10;
const LABEL_PX = 20;
const FIELD_PX = 40;
const SPACER_PX: Record<SpacerSize, number> = { xs: 4, s: 8, m: 16, l: 24, xl: 32 };

/** Lines a text takes when wrapped at `perLine` characters (markdown link targets do not show). */
export function wrappedLines(value: string, perLine: number): number {
  const visible = value.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/\*\*/g, '');
  return visible.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(line.length / perLine)), 0);
}

function margin(c: { bottom_margin?: 'none' }): number {
  return c.bottom_margin === 'none' ? 0 : MARGIN_PX;
}

export function heightOf(c: Component): number {
  switch (c.type) {
    case 'text':
      return c.style === 'header'
        ? wrappedLines(c.text, HEADER_CHARS_PER_LINE) * HEADER_LINE_PX + margin(c)
        : wrappedLines(c.text, CHARS_PER_LINE) * LINE_PX + margin(c);
    case 'button':
      return FIELD_PX + MARGIN_PX;
    case 'input':
    case 'dropdown':
      return (c.label ? LABEL_PX : 0) + FIELD_PX + MARGIN_PX;
    case 'textarea':
      return (c.label ? LABEL_PX : 0) + 3 * LINE_PX + 16 + MARGIN_PX;
    case 'single-select':
      // Options render as a row of toggle buttons that wraps: about three a row.
      return (c.label ? LABEL_PX : 0) + Math.ceil(c.options.length / 3) * FIELD_PX + MARGIN_PX;
    case 'checkbox':
      return LABEL_PX + c.option.length * 28 + MARGIN_PX;
    case 'list':
      return c.items.reduce((n, item) => n + (item.subtitle || item.tertiary_text ? 52 : 36), 0) + MARGIN_PX;
    case 'data-table':
      return c.items.length * 24 + MARGIN_PX;
    case 'image':
      return c.height + margin(c);
    case 'divider':
      return 1 + MARGIN_PX + margin(c);
    case 'spacer':
      return SPACER_PX[c.size ?? 's'];
  }
}

export function canvasHeight(components: readonly Component[]): number {
  return components.reduce((n, c) => n + heightOf(c), 0);
}
