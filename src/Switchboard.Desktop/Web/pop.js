// The screen pop: the calls on screen, the systems asked, the matches to pick from and the customer 360.

import { t } from './text.js';
import { desk } from './state.js';
import { $, camel, clear, date, el, emptyCell, fillItems, fillList, link, money } from './dom.js';
import { hubCustomerId, watch } from './live.js';
import { customerKey, dial, renderCreateCustomer } from './records.js';
import { dispositionLabel } from './wrapup.js';

export function onPop(view) {
  const known = desk.calls.get(view.callId);
  if (known && known.sequence > view.sequence) return;
  if (!known) desk.order.push(view.callId);
  desk.calls.set(view.callId, view);
  if (!known || desk.order[0] === view.callId) desk.picking = false;
  render();
}

export function activeCall() { return desk.order.length ? desk.calls.get(desk.order[0]) : null; }

export function render() {
  const view = activeCall();
  $('idle').hidden = !!view;
  $('call-card').hidden = !view;
  if (!view) { renderCustomer(null, false); return; }

  const match = camel(view.match) || 'searching';
  $('caller-number').textContent = view.withheld ? t('call.withheld') : (view.callerNumber || view.callerNumberRaw || t('call.unknown'));
  $('call-queue').textContent = view.queue ? t('call.queue', view.queue) : '';
  $('match-state').textContent = t(`match.${match}`);
  $('match-state').className = `match ${match}`;
  renderSources(view.sources || []);

  const candidates = match === 'multiple' ? view.candidates || [] : [];
  $('candidates-panel').hidden = candidates.length === 0;
  renderCandidates(view.callId, candidates);
  $('no-match').hidden = match !== 'none';
  $('no-match').textContent = t(desk.createIn ? 'match.noneCreate' : 'match.noneNotice');
  renderCreateCustomer(view, match === 'none' && !!desk.createIn);
  $('waiting').textContent = desk.order.length > 1 ? t('call.waiting', desk.order.length - 1) : '';
  renderCustomer(view.customer || null, match === 'searching');
}

// One chip per system, however many operations it was asked: pending while any is, then the worst outcome.
function renderSources(sources) {
  const bySystem = new Map();
  for (const source of sources) {
    if (!bySystem.has(source.system)) bySystem.set(source.system, []);
    bySystem.get(source.system).push(source);
  }
  const list = clear($('sources'));
  for (const [system, items] of bySystem) {
    const states = items.map((s) => camel(s.state));
    const state = ['pending', 'unavailable', 'answered', 'noMatch'].find((s) => states.includes(s)) || 'pending';
    const detail = items.map((s) => {
      const ms = s.elapsedMs != null ? ` ${Math.round(s.elapsedMs)} ms` : '';
      return `${s.operation}: ${t(`source.${camel(s.state)}`)}${ms}${s.reason ? ` — ${s.reason}` : ''}`;
    }).join('\n');
    const chip = el('li', { cls: `chip ${state}`, title: detail }, el('span', { cls: 'icon' }), el('span', { text: system }),
      el('span', { cls: 'chip-state', text: t(`source.${state}`) }));
    chip.dataset.system = system;
    chip.dataset.state = state;
    list.append(chip);
  }
}

function renderCandidates(callId, candidates) {
  const list = clear($('candidates'));
  for (const candidate of candidates) {
    const button = el('button', { cls: 'candidate' },
      el('strong', { text: candidate.displayName }),
      candidate.company ? el('span', { cls: 'muted', text: candidate.company }) : null,
      el('span', { cls: 'muted', text: [...(candidate.emails || []), ...(candidate.links || []).map((l) => l.system)].join(' · ') }));
    button.type = 'button';
    button.disabled = desk.picking;
    button.addEventListener('click', () => pick(callId, candidate.key));
    list.append(el('li', {}, button));
  }
}

async function pick(callId, key) {
  desk.picking = true;
  render();
  try {
    await desk.connection.invoke('Pick', callId, key);
  } catch {
    desk.picking = false;
    render();
  }
}

function renderCustomer(customer, provisional) {
  watch(hubCustomerId(customer));
  $('customer-empty').hidden = !!customer;
  $('customer-360').hidden = !customer;
  if (!customer) return;
  $('customer-name').textContent = customer.displayName;
  $('customer-name').classList.toggle('provisional', provisional);
  $('customer-name').title = provisional ? t('customer.provisional') : '';
  $('customer-company').textContent = customer.company || '';
  if (desk.customerKey !== customerKey(customer)) {
    // Another customer: forget what was typed or reported for the previous one.
    desk.customerKey = customerKey(customer);
    for (const id of ['ticket-result', 'order-result', 'dial-status']) { $(id).textContent = ''; $(id).classList.remove('done', 'failed'); }
    $('ticket-form').reset();
    $('order-form').reset();
    const currency = (customer.orders || []).map((o) => o.currency).find(Boolean);
    $('order-currency').value = currency || 'USD';
  }
  desk.customer = customer;
  $('record-actions').hidden = !(customer.links || []).length;
  fillList($('customer-phones'), customer.phones || [], (p) => {
    const call = el('button', { cls: 'dial', text: t('dial.call'), title: p });
    call.type = 'button';
    call.addEventListener('click', () => dial(p, call));
    return el('span', { cls: 'value' }, el('span', { text: p }), call);
  });
  fillList($('customer-emails'), customer.emails || [], (m) => el('span', { cls: 'value', text: m }));
  fillList($('customer-links'), customer.links || [], (l) => systemTag(l.system, l.externalId, l.url));

  const orders = clear($('orders'));
  for (const o of customer.orders || []) {
    orders.append(el('tr', {},
      el('td', {}, link(o.number || o.externalId, o.url)),
      el('td', {}, el('span', { cls: 'status', text: o.status || '' }), o.changed ? el('span', { cls: 'muted', text: ` ${t('record.updated')}` }) : null),
      el('td', { cls: 'num', text: money(o.total, o.currency) }), el('td', { text: date(o.createdAt) }), el('td', {}, systemTag(o.system))));
  }
  if (!orders.children.length) orders.append(el('tr', {}, emptyCell(t('orders.none'))));

  fillItems($('tickets'), customer.tickets || [], t('tickets.none'), (k) => [
    link(k.subject || k.externalId, k.url), el('span', { cls: 'status', text: k.status || '' }),
    k.changed ? el('span', { cls: 'muted', text: t('record.updated') }) : null,
    k.priority ? el('span', { cls: 'muted', text: k.priority }) : null, systemTag(k.system)]);
  fillItems($('interactions'), customer.interactions || [], t('history.none'), (i) => [
    el('span', { cls: 'muted', text: date(i.startedAt) }), i.direction ? el('span', { cls: 'muted', text: t(`direction.${i.direction}`) }) : null,
    el('span', { cls: 'status', text: dispositionLabel(i.disposition) }), i.notes ? el('span', { cls: 'notes', text: i.notes, title: i.notes }) : null,
    systemTag('switchboard')]);
}

function systemTag(system, externalId, url) {
  const tag = externalId ? link(`${system} · ${externalId}`, url) : el('span', { text: system });
  tag.classList.add('system');
  return tag;
}
