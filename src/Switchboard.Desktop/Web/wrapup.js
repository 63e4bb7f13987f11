// Wrap-up: the configured dispositions, notes, and finishing the call.

import { t } from './text.js';
import { desk } from './state.js';
import { $, clear, el } from './dom.js';
import { api, problemText } from './api.js';
import { activeCall, render } from './pop.js';

export function dispositionLabel(code) {
  const d = desk.dispositions.find((x) => x.code === code);
  return d ? d[desk.lang] : code || '';
}

export function renderDispositions() {
  const select = $('disposition');
  const current = select.value;
  clear(select);
  const choose = el('option', { text: t('wrapUp.choose') });
  choose.value = '';
  select.append(choose);
  for (const d of desk.dispositions) {
    const option = el('option', { text: d[desk.lang] });
    option.value = d.code;
    select.append(option);
  }
  select.value = desk.dispositions.some((d) => d.code === current) ? current : '';
}

export async function wrapUp(event) {
  event.preventDefault();
  const view = activeCall();
  const error = $('wrap-up-error');
  error.textContent = '';
  if (!view) return;
  const disposition = $('disposition').value;
  if (!disposition) { error.textContent = t('wrapUp.needDisposition'); return; }
  $('wrap-up-button').disabled = true;
  const result = await api('POST', `/desktop/api/calls/${encodeURIComponent(view.callId)}/wrap-up`, { disposition, notes: $('notes').value })
    .catch(() => ({ ok: false, status: 0 }));
  $('wrap-up-button').disabled = false;
  if (!result.ok) {
    error.textContent = t('wrapUp.failed', result.status === 0 ? t('error.network') : problemText(result));
    return;
  }
  desk.calls.delete(view.callId);
  desk.order.shift();
  $('notes').value = '';
  $('disposition').value = '';
  render();
}
