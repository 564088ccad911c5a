// Issue 13's "words on screen", held for every screen case: one primary button, no snake_case key shown,
// placeholders that cannot be read as a value (they say what to type), and no ISO timestamp.
import { describe, expect, it } from 'vitest';
import { screenCases } from './screen-cases.js';

type Node = Record<string, unknown>;

function nodes(root: unknown): Node[] {
  const out: Node[] = [];
  const walk = (n: unknown) => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (typeof n !== 'object' || n === null) return;
    out.push(n as Node);
    Object.values(n).forEach(walk);
  };
  walk(root);
  return out;
}

const VISIBLE = ['text', 'label', 'placeholder', 'title', 'subtitle', 'tertiary_text', 'field', 'value'];

describe.each(screenCases)('words on screen: %s', (_name, render) => {
  const all = nodes(render().canvas.content.components);

  it('when it is drawn, then it has at most one primary button', () => {
    const primary = all.filter((n) => n.type === 'button' && (n.style ?? 'primary') === 'primary');
    expect(primary.map((b) => b.id).length).toBeLessThanOrEqual(1);
  });

  it('when it is drawn, then no snake_case key and no ISO timestamp reaches the teammate', () => {
    const shown = all.flatMap((n) =>
      VISIBLE.filter((k) => typeof n[k] === 'string' && !(k === 'value' && n.type !== 'field-value')).map(
        (k) => n[k] as string,
      ),
    );
    // Links' addresses, and a JSON body the admin types verbatim (Freshdesk's webhook rule), are not read as words.
    const words = shown.map((s) =>
      s
        .replace(/\]\([^)]*\)/g, ']')
        .replace(/https?:\/\/\S+/g, '')
        .replace(/\{"[^"]+": "[^"]*"\}/g, ''),
    );
    expect(words.filter((s) => /\b[a-z]+_[a-z_]+\b/.test(s))).toEqual([]);
    expect(words.filter((s) => /\d{4}-\d{2}-\d{2}T\d{2}:/.test(s))).toEqual([]);
  });

  it('when an input has a placeholder, then it says what to type rather than looking like a value', () => {
    for (const input of all.filter((n) => typeof n.placeholder === 'string')) {
      const placeholder = input.placeholder as string;
      expect(placeholder).not.toBe(input.value);
      // A placeholder is a description (two words or more, or a format such as YYYY-MM-DD).
      expect(/\s|^[YMD-]+$/.test(placeholder), placeholder).toBe(true);
    }
  });
});
