import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { html, toHtmlString, trusted } from './html.ts';

describe('html tagged template', () => {
  it('escapes every interpolated string and number', () => {
    const name = `<img src=x onerror="alert('1')">&`;
    assert.equal(toHtmlString(html`<p title="${name}">${name}</p>`), '<p title="&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt;&amp;">&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt;&amp;</p>');
    assert.equal(toHtmlString(html`${42}`), '42');
  });

  it('inserts nested templates and trusted markup as they are, and escapes strings inside arrays', () => {
    const items = ['<a>', html`<b>ok</b>`];
    assert.equal(toHtmlString(html`<ul>${items}</ul>${trusted('<svg></svg>')}`), '<ul>&lt;a&gt;<b>ok</b></ul><svg></svg>');
  });

  it('renders null, undefined and booleans as nothing', () => {
    assert.equal(toHtmlString(html`[${null}${undefined}${false}${true}]`), '[]');
  });

  it('does not take a look-alike object for safe markup', () => {
    const forged = { text: '<script>' } as unknown as string;
    assert.equal(toHtmlString(html`${forged}`), '[object Object]');
  });
});
