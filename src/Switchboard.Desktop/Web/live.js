// The real-time connection (SignalR): pops and record changes pushed by the hub, reconnecting by itself.

import { t } from './text.js';
import { desk } from './state.js';
import { $ } from './dom.js';
import { api } from './api.js';
import { showSignIn } from './session.js';
import { onPop, render } from './pop.js';

export async function connect() {
  desk.stopping = false;
  const connection = new signalR.HubConnectionBuilder()
    .withUrl('/desktop/hub')
    // Keep trying for as long as the page is open: 0 s, 1 s, 2 s, 4 s ... then every 30 s.
    .withAutomaticReconnect({ nextRetryDelayInMilliseconds: (ctx) => Math.min(30000, ctx.previousRetryCount === 0 ? 0 : 1000 * 2 ** (ctx.previousRetryCount - 1)) })
    .configureLogging(signalR.LogLevel.Warning)
    .build();
  desk.connection = connection;
  connection.on('pop', onPop);
  connection.on('recordChanged', onRecordChanged);
  connection.onreconnecting(() => renderConnection('reconnecting'));
  connection.onreconnected(() => { renderConnection('connected'); rewatch(); refreshCalls(); });
  connection.onclose(() => { renderConnection('disconnected'); if (!desk.stopping) setTimeout(restart, 5000); });
  await startConnection(connection);
}

async function startConnection(connection) {
  renderConnection('connecting');
  try {
    await connection.start();
    renderConnection('connected');
    rewatch();
    refreshCalls();
  } catch {
    renderConnection('disconnected');
    if (!desk.stopping) setTimeout(restart, 5000);
  }
}

// A closed connection: the session may have ended (sign in again) or the hub may be down (try again).
async function restart() {
  if (desk.stopping || !desk.connection || desk.connection.state !== signalR.HubConnectionState.Disconnected) return;
  const me = await api('GET', '/desktop/api/me').catch(() => null);
  if (me && me.status === 401) { desk.stopping = true; showSignIn(); return; }
  await startConnection(desk.connection);
}

// After a reconnect, pops pushed while we were away are fetched again.
async function refreshCalls() {
  for (const callId of desk.order) {
    const view = await desk.connection.invoke('Latest', callId).catch(() => null);
    if (view) onPop(view);
  }
}

// ---- order and ticket changes of the customer shown ----

// The hub's id of a customer is its "switchboard" link; only customers the hub knows get changes pushed.
export function hubCustomerId(customer) {
  const own = customer && (customer.links || []).find((l) => l.system === 'switchboard');
  return own ? own.externalId : null;
}

// Watches the customer shown (null: none), so the hub pushes their orders' and tickets' changes as "recordChanged".
export function watch(customerId) {
  if (desk.watching === customerId) return;
  const previous = desk.watching;
  desk.watching = customerId;
  if (!desk.connection || desk.connection.state !== signalR.HubConnectionState.Connected) return;
  if (previous) desk.connection.invoke('Unwatch', previous).catch(() => {});
  if (customerId) desk.connection.invoke('Watch', customerId).catch(() => {});
}

// A new connection is in no group: watch the customer shown again.
function rewatch() {
  if (desk.watching) desk.connection.invoke('Watch', desk.watching).catch(() => {});
}

// A system changed an order's or ticket's status: update it in every pop that lists it.
function onRecordChanged(change) {
  let found = false;
  for (const view of desk.calls.values()) {
    const customer = view.customer;
    if (!customer || hubCustomerId(customer) !== change.customerId) continue;
    for (const item of (change.kind === 'ticket' ? customer.tickets : customer.orders) || []) {
      if (item.system === change.system && item.externalId === change.externalId) {
        item.status = change.status;
        item.changed = true;
        found = true;
      }
    }
  }
  if (found) render();
}

export function renderConnection(state) {
  desk.connectionState = state;
  $('connection').className = `connection ${state}`;
  $('connection-text').textContent = t(`conn.${state}`);
}
