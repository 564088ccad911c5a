import { describe, expect, it } from 'vitest';
import { htmlToText, sanitizeArticleHtml, sanitizeCommentHtml } from '../../src/transform/html.js';
import { attachment } from './fixtures.js';

describe('sanitizeCommentHtml', () => {
  it('when the body has a <script>, then the script and its content are gone', () => {
    const { html } = sanitizeCommentHtml('<p>Hi<script>alert(1)</script></p>', []);
    expect(html).toBe('<p>Hi</p>');
  });

  it('when an element has onerror= or onclick=, then the handler is gone', () => {
    const { html } = sanitizeCommentHtml(
      '<p onclick="steal()">x<b onmouseover="y()">b</b></p><img src=x onerror=alert(1)>',
      [],
    );
    expect(html).not.toMatch(/on(click|mouseover|error)/);
    expect(html).not.toContain('alert');
  });

  it('when a link has a javascript: href, then the href is gone and the text kept', () => {
    const { html } = sanitizeCommentHtml(
      '<a href="javascript:alert(1)">click</a> <a href="JaVaScRiPt:alert(1)">x</a>',
      [],
    );
    expect(html).not.toMatch(/javascript/i);
    expect(html).toContain('click');
  });

  it('when the body is formatted, then paragraphs, bold, italics, links, lists and tables are kept', () => {
    const input =
      '<p><b>B</b> <i>I</i> <a href="https://x.io/a?b=1">L</a></p><ul><li>1</li></ul><ol><li>2</li></ol><table><tr><td>c</td></tr></table><br>';
    expect(sanitizeCommentHtml(input, []).html).toBe(input.replace('<br>', '<br />'));
  });

  it('when the text has umlauts and emoji, then they are kept literally', () => {
    expect(sanitizeCommentHtml('<p>Grüße aus Köln 😀 — ß</p>', []).html).toBe('<p>Grüße aus Köln 😀 — ß</p>');
  });

  it('when an inline image is one of the attachments, then a marker stands where it stood and the file is listed', () => {
    const img = attachment(1, {
      fileName: 'screen.png',
      inline: true,
      inlineRef: 'https://acme.zendesk.example/inline/1',
    });
    const r = sanitizeCommentHtml(
      '<p>before <img src="https://acme.zendesk.example/inline/1" alt="x"> after</p>',
      [img],
    );
    expect(r.html).toBe('<p>before [image: screen.png] after</p>');
    expect(r.inlineUsed).toEqual([img]);
  });

  it('when an image is not an attachment, then the marker links to its address; a data: image leaves only the marker', () => {
    expect(sanitizeCommentHtml('<img src="https://cdn.example/p/cat.jpg">', []).html).toBe(
      '<a href="https://cdn.example/p/cat.jpg">[image: cat.jpg]</a>',
    );
    expect(sanitizeCommentHtml('<img src="data:image/png;base64,AAA" alt="logo">', []).html).toBe(
      '[image: logo]',
    );
  });

  it('when headings below h2 appear, then they become h2', () => {
    expect(sanitizeCommentHtml('<h4>T</h4>', []).html).toBe('<h2>T</h2>');
  });
});

describe('htmlToText', () => {
  it('when HTML has paragraphs, breaks, list items and entities, then the text reads naturally', () => {
    expect(htmlToText('<p>Tom &amp; Jerry</p><p>a<br>b</p><ul><li>one</li><li>two</li></ul>')).toBe(
      'Tom & Jerry\na\nb\n- one\n- two',
    );
  });
});

describe('sanitizeArticleHtml', () => {
  it('when an article has images, then their src is rewritten through the resolver', () => {
    const out = sanitizeArticleHtml(
      '<p>x</p><img src="https://old/a.png" alt="A" onerror="y()">',
      (src) => `https://ferry/f?u=${encodeURIComponent(src)}`,
    );
    expect(out).toBe('<p>x</p><img src="https://ferry/f?u=https%3A%2F%2Fold%2Fa.png" alt="A" />');
  });

  it('when the resolver hands back a non-http address, then a marker stands instead of an image without src', () => {
    expect(sanitizeArticleHtml('<p>a<img src="x"></p>', () => 'javascript:alert(1)')).toBe(
      '<p>a[image: x]</p>',
    );
  });

  it('when the resolver refuses an image, then a marker is left', () => {
    expect(sanitizeArticleHtml('<img src="https://old/a.png">', () => null)).toBe('[image: a.png]');
  });

  it('when an iframe is not a supported video host, then it is dropped; YouTube is kept', () => {
    expect(sanitizeArticleHtml('<iframe src="https://evil.example/x"></iframe>', () => null)).toBe('');
    expect(sanitizeArticleHtml('<iframe src="https://www.youtube.com/embed/abc"></iframe>', () => null)).toBe(
      '<iframe src="https://www.youtube.com/embed/abc"></iframe>',
    );
  });
});
