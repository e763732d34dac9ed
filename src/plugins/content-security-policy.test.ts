import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { inlineScriptHashes, policyFor, withPolicy } from './content-security-policy';

const sha = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

const PAGE = [
  '<!doctype html><html><head><meta charset=UTF-8><title>t</title>',
  '<script>document.documentElement.dataset.x="1"</script>',
  '<script data-rh=true type=application/ld+json>{"@type":"BreadcrumbList"}</script>',
  '<script src=/assets/js/main.js defer></script>',
  '<script type="module">import("/a.js")</script>',
  '</head><body></body></html>',
].join('');

describe('the Content-Security-Policy of a built page', () => {
  it('hashes the inline scripts a browser runs, and only those', () => {
    expect(inlineScriptHashes(PAGE)).toEqual([sha('document.documentElement.dataset.x="1"'), sha('import("/a.js")')]);
  });

  it('puts the policy right after the charset, before every script, with the page\'s own hashes', () => {
    const html = withPolicy(PAGE, 'build/x/index.html');
    const meta = html.indexOf('<meta http-equiv="Content-Security-Policy"');
    expect(meta).toBe(html.indexOf('<meta charset=UTF-8>') + '<meta charset=UTF-8>'.length);
    expect(meta).toBeLessThan(html.indexOf('<script'));
    const policy = /content="([^"]+)"/.exec(html.slice(meta))?.[1];
    expect(policy).toBe(policyFor(inlineScriptHashes(PAGE)));
    expect(policy).toMatch(/^default-src 'self'; script-src 'self' 'sha256-[^']+' 'sha256-[^']+' 'unsafe-eval'; worker-src 'self' blob:; connect-src 'self';/);
    expect(policy).toContain("object-src 'none'; base-uri 'self'; form-action 'self'");
  });

  it('names the file it cannot protect', () => {
    expect(() => withPolicy('<html><body><script>x()</script></body></html>', 'build/bad.html')).toThrow(/build\/bad\.html: no <head>/);
    expect(() => withPolicy(withPolicy(PAGE, 'a.html'), 'build/twice.html')).toThrow(/build\/twice\.html: already has/);
  });
});
