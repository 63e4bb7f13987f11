// Acting on the customer: click-to-dial, new tickets and orders, and creating a caller nobody knew.

import { t } from './text.js';
import { desk } from './state.js';
import { $, clear, el, report } from './dom.js';
import { api, problemText } from './api.js';
import { activeCall } from './pop.js';

const PRIORITIES = ['', 'low', 'normal', 'high', 'urgent'];

export function customerKey(customer) {
  const first = (customer.links || [])[0];
  return first ? `${first.system}/${first.externalId}` : customer.displayName;
}

export async function dial(number, button) {
  const status = $('dial-status');
  report(status, true, t('dial.calling', number));
  button.disabled = true;
  const result = await api('POST', '/desktop/api/calls', { number }).catch(() => ({ ok: false, status: 0 }));
  button.disabled = false;
  if (result.ok) report(status, true, t('dial.placed', (result.data && result.data.number) || number));
  else report(status, false, t('dial.failed', result.status === 0 ? t('error.network') : problemText(result)));
}

export function renderPriorities() {
  const select = $('ticket-priority');
  const current = select.value;
  clear(select);
  for (const p of PRIORITIES) {
    const option = el('option', { text: t(p ? `priority.${p}` : 'priority.none') });
    option.value = p;
    select.append(option);
  }
  select.value = current || '';
}

// Records are created for the customer's first link: the system of record the pop found them in.
async function createRecord(event, kind, body) {
  event.preventDefault();
  const result = $(`${kind}-result`);
  const customer = desk.customer;
  const first = customer && (customer.links || [])[0];
  if (!first) { report(result, false, t('record.noSystem')); return; }
  const view = activeCall();
  $(`${kind}-submit`).disabled = true;
  const answer = await api('POST', `/desktop/api/${kind}s`, {
    customerSystem: first.system, customerId: first.externalId, callId: view ? view.callId : undefined, ...body,
  }).catch(() => ({ ok: false, status: 0 }));
  $(`${kind}-submit`).disabled = false;
  if (answer.status === 202) {
    // The system has not answered yet: the hub keeps retrying and creates it when the system is back.
    report(result, true, t('record.queued', first.system));
    return true;
  }
  if (answer.ok) {
    const record = answer.data || {};
    report(result, true, t(`${kind}.created`, record.number || record.externalId || '', first.system));
    return true;
  }
  report(result, false, t(`${kind}.failed`, answer.status === 0 ? t('error.network') : problemText(answer)));
  return false;
}

export async function createTicket(event) {
  const created = await createRecord(event, 'ticket', {
    subject: $('ticket-subject').value, description: $('ticket-description').value || undefined, priority: $('ticket-priority').value || undefined,
  });
  if (created) { $('ticket-subject').value = ''; $('ticket-description').value = ''; }
}

export async function createOrder(event) {
  const created = await createRecord(event, 'order', {
    currency: $('order-currency').value.trim().toUpperCase(),
    lines: [{ sku: $('order-sku').value.trim(), quantity: Number($('order-quantity').value) }],
  });
  if (created) { $('order-sku').value = ''; $('order-quantity').value = '1'; }
}

// ---- no match: create the customer ----

// The form belongs to one call: another call starts it afresh, with that caller's number.
export function renderCreateCustomer(view, shown) {
  $('create-customer').hidden = !shown;
  if (desk.createFor === view.callId) return;
  desk.createFor = view.callId;
  desk.createKey = null;
  $('create-customer').reset();
  $('new-customer-phone').value = view.withheld ? '' : (view.callerNumber || view.callerNumberRaw || '');
  const result = $('new-customer-result');
  result.textContent = '';
  result.classList.remove('done', 'failed');
}

export async function createCustomer(event) {
  event.preventDefault();
  const view = activeCall();
  if (!view) return;
  const result = $('new-customer-result');
  // One key per customer: pressing Create again after no answer, or after "queued", never creates twice.
  desk.createKey = desk.createKey || crypto.randomUUID();
  $('new-customer-submit').disabled = true;
  const answer = await api('POST', '/desktop/api/customers', {
    callId: view.callId, name: $('new-customer-name').value,
    phone: $('new-customer-phone').value || undefined, email: $('new-customer-email').value || undefined,
  }, { 'Idempotency-Key': desk.createKey }).catch(() => ({ ok: false, status: 0 }));
  $('new-customer-submit').disabled = false;
  if (answer.status === 202) { report(result, true, t('record.queued', desk.createIn)); return; }
  if (answer.ok) {
    // The hub now pushes the call's pop, opened on the new customer.
    report(result, true, t('customer.created', (answer.data && answer.data.externalId) || '', desk.createIn));
    return;
  }
  // Refused: nothing was created, so corrected details go out under a new key.
  if (answer.status !== 0) desk.createKey = null;
  report(result, false, t('customer.failed', answer.status === 0 ? t('error.network') : problemText(answer)));
}
