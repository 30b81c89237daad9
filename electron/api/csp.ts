/**
 * The renderer's Content-Security-Policy: its own scripts only (no inline script, no `eval`), no
 * plugins, no frames of it elsewhere, no form posts, and requests only to where it was loaded
 * from. Inline styles stay allowed: Mantine sets them. The web host sends it as a header; the
 * page carries it in a meta tag (renderer/index.html, checked by a test), which is what applies
 * to the Electron window's file:// page. `frame-ancestors` only works as a header.
 */
const directives: [string, string][] = [
  ['default-src', "'self'"],
  ['script-src', "'self'"],
  ['style-src', "'self' 'unsafe-inline'"],
  ['img-src', "'self' data: blob:"],
  ['font-src', "'self' data:"],
  ['connect-src', "'self'"],
  ['object-src', "'none'"],
  ['base-uri', "'none'"],
  ['frame-ancestors', "'none'"],
  ['form-action', "'none'"],
];

const policy = (list: [string, string][]) => list.map(([name, value]) => `${name} ${value}`).join('; ');

export const CONTENT_SECURITY_POLICY = policy(directives);

/** The same policy as it stands in the page's meta tag (without the header-only directive). */
export const META_CONTENT_SECURITY_POLICY = policy(directives.filter(([name]) => name !== 'frame-ancestors'));
