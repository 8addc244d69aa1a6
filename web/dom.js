// DOM helpers. Article data is hostile input: it only ever reaches the page as text nodes
// (createTextNode / textContent) or as attribute values set with setAttribute — never through
// innerHTML, insertAdjacentHTML or document.write.

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Create an HTML element. attrs: class, text, title, dataset, on<Event> handlers, other attributes. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  apply(el, attrs);
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return el;
}

/** Create an SVG element. */
export function s(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  apply(el, attrs);
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return el;
}

function apply(el, attrs) {
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'text') el.textContent = String(v);
    else if (k === 'class') el.setAttribute('class', v);
    else if (k === 'style') el.style.cssText = v; // CSSOM, allowed by the CSP (a style attribute is not)
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'href') {
      // Only http(s) and same-origin paths: never javascript: or data: from article metadata.
      const ok = typeof v === 'string' && (/^https?:\/\//i.test(v) || /^\/(?!\/)/.test(v));
      if (ok) el.setAttribute('href', v);
    } else el.setAttribute(k, String(v));
  }
}

/** SVG <title> tooltip with text content. */
export function tip(text) {
  return s('title', { text });
}

export function clear(el) {
  while (el.firstChild) el.firstChild.remove();
  return el;
}

export const fmt = {
  int: (n) => (n ?? 0).toLocaleString('en-GB'),
  num: (n, d = 1) => (n === null || n === undefined ? '—' : Number(n).toFixed(d)),
};
