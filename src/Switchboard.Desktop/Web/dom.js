// Small DOM helpers. Text from the server only ever lands in textContent, never in markup.

import { desk } from './state.js';

export const $ = (id) => document.getElementById(id);

// Builds an element; text only ever lands in textContent.
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  if (props.cls) node.className = props.cls;
  if (props.text != null) node.textContent = String(props.text);
  if (props.title != null) node.title = String(props.title);
  for (const child of children) if (child) node.append(child);
  return node;
}

export function clear(node) { node.replaceChildren(); return node; }

// Enum names arrive as "Single" or "single" depending on the serializer: compare in camelCase.
export const camel = (s) => (s ? s.charAt(0).toLowerCase() + s.slice(1) : '');

export function fillList(node, items, make) {
  clear(node);
  items.forEach((item, index) => { if (index) node.append(' · '); node.append(make(item)); });
}

export function fillItems(list, items, none, parts) {
  clear(list);
  for (const item of items) list.append(el('li', {}, ...parts(item)));
  if (!items.length) list.append(el('li', { cls: 'muted', text: none }));
}

export function emptyCell(text) { const td = el('td', { cls: 'muted', text }); td.colSpan = 5; return td; }

// Only http(s) links are followed: a record's URL comes from another system.
export function link(text, url) {
  if (!url || !/^https?:\/\//i.test(url)) return el('span', { text });
  const a = el('a', { text });
  a.href = url;
  a.target = '_blank';
  a.rel = 'noopener noreferrer';
  return a;
}

export function report(node, ok, text) {
  node.textContent = text;
  node.classList.toggle('done', ok);
  node.classList.toggle('failed', !ok);
}

export function money(total, currency) {
  if (total == null) return '';
  const locale = desk.lang === 'zh' ? 'zh-CN' : 'en-US';
  try {
    return currency ? new Intl.NumberFormat(locale, { style: 'currency', currency }).format(total) : new Intl.NumberFormat(locale).format(total);
  } catch {
    return `${total} ${currency || ''}`.trim();
  }
}

export function date(value) {
  if (!value) return '';
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? String(value) : d.toLocaleString(desk.lang === 'zh' ? 'zh-CN' : 'en-US', { dateStyle: 'short', timeStyle: 'short' });
}
