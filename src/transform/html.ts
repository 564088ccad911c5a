// HTML bodies: sanitised with sanitize-html (no scripts, event handlers or javascript: URLs) with their
// formatting kept; inline images leave a visible marker "[image: NAME]" where each stood and travel as
// attachments of their part (DESIGN "Attachments"). Article bodies keep what Intercom's "Allowed HTML for
// Articles" lists (p, br, hr, h1, h2 — other headings become h2 —, a, img, lists, table, iframe for video
// hosts, pre, code, b/strong, i/em).
import sanitize from 'sanitize-html';
import type { Attachment } from '../model/canonical.js';

const FORMATTING = ['p', 'br', 'hr', 'b', 'strong', 'i', 'em', 'u', 's', 'strike', 'a', 'ul', 'ol', 'li'];
const BLOCKS = ['blockquote', 'pre', 'code', 'h1', 'h2', 'table', 'thead', 'tbody', 'tr', 'th', 'td'];
const HEADINGS_TO_H2 = { h3: 'h2', h4: 'h2', h5: 'h2', h6: 'h2' } as const;
const SCHEMES = ['http', 'https', 'mailto', 'tel'];
/** "Only works for Youtube, Wistia, Vimeo, Loom, Vidyard or StreamIO" (Allowed HTML for Articles). */
const VIDEO_HOSTS = [
  'www.youtube.com',
  'youtube.com',
  'www.youtube-nocookie.com',
  'player.vimeo.com',
  'fast.wistia.net',
  'fast.wistia.com',
  'www.loom.com',
  'play.vidyard.com',
  'streamio.com',
];

export function imageMarker(name: string): string {
  return `[image: ${name}]`;
}

/** A readable name for an image with no attachment record: its alt text, else the URL's file name. */
function imageName(src: string, alt: string | undefined): string {
  if (alt?.trim()) return alt.trim();
  const last = src.split(/[?#]/)[0]?.split('/').pop() ?? '';
  try {
    return decodeURIComponent(last) || 'image';
  } catch {
    return last || 'image';
  }
}

export interface SanitizedBody {
  html: string;
  /** Inline attachments whose place in the body was replaced by a marker, in body order. */
  inlineUsed: Attachment[];
}

/**
 * Sanitises a comment body for a conversation/ticket part. Each <img> becomes "[image: NAME]"; an image that
 * is not one of the comment's attachments keeps a link to its http(s) address.
 */
export function sanitizeCommentHtml(html: string, attachments: readonly Attachment[]): SanitizedBody {
  const inlineUsed: Attachment[] = [];
  const out = sanitize(html, {
    allowedTags: [...FORMATTING, ...BLOCKS, 'span'],
    allowedAttributes: { a: ['href', 'title'], td: ['colspan', 'rowspan'], th: ['colspan', 'rowspan'] },
    allowedSchemes: SCHEMES,
    allowProtocolRelative: false,
    transformTags: {
      ...HEADINGS_TO_H2,
      div: 'p',
      img: (_tag, attribs): sanitize.Tag => {
        const src = attribs.src ?? '';
        const hit = attachments.find((a) => (a.inlineRef !== null && a.inlineRef === src) || a.url === src);
        if (hit) {
          if (!inlineUsed.includes(hit)) inlineUsed.push(hit);
          return { tagName: 'span', attribs: {}, text: imageMarker(hit.fileName) };
        }
        const marker = imageMarker(imageName(src, attribs.alt));
        return /^https?:\/\//i.test(src)
          ? { tagName: 'a', attribs: { href: src }, text: marker }
          : { tagName: 'span', attribs: {}, text: marker };
      },
    },
  });
  return { html: out.replace(/<\/?span>/g, '').trim(), inlineUsed };
}

const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
};

/** Plain text of (already sanitised) HTML, with line breaks where blocks and <br> stood. */
export function htmlToText(html: string): string {
  const withBreaks = html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|li|tr|h[1-6]|blockquote|pre|table|ul|ol)>/gi, '\n')
    .replace(/<li[^>]*>/gi, '- ');
  const text = sanitize(withBreaks, { allowedTags: [], allowedAttributes: {} });
  return text
    .replace(/&(amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e] ?? e)
    .replace(/\u00a0/g, ' ')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * Sanitises an article body. `imageUrl` maps each <img> src to the address Intercom should upload it from
 * (a signed Ferry link for source-hosted files); null drops the image and leaves its marker.
 */
export function sanitizeArticleHtml(html: string, imageUrl: (src: string) => string | null): string {
  return sanitize(html, {
    allowedTags: [...FORMATTING, ...BLOCKS, 'img', 'iframe', 'span'],
    allowedAttributes: {
      a: ['href', 'title', 'target'],
      img: ['src', 'alt'],
      iframe: ['src', 'width', 'height', 'allowfullscreen'],
      td: ['colspan', 'rowspan'],
      th: ['colspan', 'rowspan'],
    },
    allowedSchemes: SCHEMES,
    allowedSchemesByTag: { img: ['http', 'https'] },
    allowProtocolRelative: false,
    allowedIframeHostnames: VIDEO_HOSTS,
    // An iframe off the video hosts loses its src; Intercom refuses such an iframe with a 400, so it goes.
    exclusiveFilter: (frame) => frame.tag === 'iframe' && !frame.attribs.src,
    transformTags: {
      ...HEADINGS_TO_H2,
      img: (_tag, attribs): sanitize.Tag => {
        const src = attribs.src ?? '';
        const url = imageUrl(src);
        // Only http(s) images reach Intercom (an <img> without a usable src is refused with a 400).
        return url && /^https?:\/\//i.test(url)
          ? { tagName: 'img', attribs: { src: url, ...(attribs.alt ? { alt: attribs.alt } : {}) } }
          : { tagName: 'span', attribs: {}, text: imageMarker(imageName(src, attribs.alt)) };
      },
    },
  })
    .replace(/<\/?span>/g, '')
    .trim();
}
