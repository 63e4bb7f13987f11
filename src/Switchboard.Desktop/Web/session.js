// Signing in and out, and the agent's ready / not-ready state.

import { t } from './text.js';
import { desk } from './state.js';
import { $, clear, el } from './dom.js';
import { api } from './api.js';
import { connect } from './live.js';
import { render } from './pop.js';
import { renderDispositions } from './wrapup.js';

const REASONS = ['break', 'lunch', 'training', 'meeting', 'other'];

export async function start() {
  const me = await api('GET', '/desktop/api/me').catch(() => null);
  if (me && me.ok) await enterDesk(me.data); else showSignIn();
}

export function showSignIn() {
  $('desk').hidden = true;
  $('sign-in').hidden = false;
  $('username').focus();
}

export async function signIn(event) {
  event.preventDefault();
  const error = $('sign-in-error');
  error.textContent = '';
  const result = await api('POST', '/desktop/api/sign-in', { username: $('username').value, password: $('password').value })
    .catch(() => ({ ok: false, status: 0 }));
  if (!result.ok) {
    error.textContent = result.status === 423 ? t('signIn.locked') : result.status === 0 ? t('error.network') : t('signIn.failed');
    return;
  }
  $('password').value = '';
  await enterDesk(result.data);
}

async function enterDesk(agent) {
  desk.agent = agent;
  $('agent-name').textContent = agent.displayName || agent.username;
  $('agent-name').title = agent.agentId;
  $('sign-in').hidden = true;
  $('desk').hidden = false;
  const [dispositions, state, settings] = await Promise.all(
    [api('GET', '/desktop/api/dispositions'), api('GET', '/desktop/api/state'), api('GET', '/desktop/api/settings')]);
  desk.dispositions = dispositions.ok ? dispositions.data : [];
  desk.createIn = settings.ok ? settings.data.createCustomerIn || null : null;
  if (state.ok) {
    desk.agentState = state.data.state === 'ready' ? 'ready' : 'notReady';
    if (REASONS.includes(state.data.reason)) { desk.reason = state.data.reason; $('not-ready-reason').value = state.data.reason; }
  }
  renderDispositions();
  renderState();
  render();
  await connect();
}

export async function signOut() {
  desk.stopping = true;
  if (desk.connection) await desk.connection.stop().catch(() => {});
  await api('POST', '/desktop/api/sign-out').catch(() => {});
  desk.calls.clear();
  desk.order = [];
  desk.watching = null;
  desk.connection = null;
  showSignIn();
}

export function renderReasons() {
  const select = clear($('not-ready-reason'));
  const current = desk.reason || REASONS[0];
  for (const reason of REASONS) {
    const option = el('option', { text: t(`reason.${reason}`) });
    option.value = reason;
    select.append(option);
  }
  select.value = current;
}

export function renderState() {
  const ready = desk.agentState === 'ready';
  const button = $('state-toggle');
  button.textContent = t(ready ? 'state.ready' : 'state.notReady');
  button.title = t(ready ? 'state.toNotReady' : 'state.toReady');
  button.className = `state ${ready ? 'ready' : 'not-ready'}`;
  button.setAttribute('aria-pressed', String(ready));
  $('not-ready-reason').hidden = ready;
}

export async function setState(state) {
  const reason = state === 'notReady' ? $('not-ready-reason').value : undefined;
  const result = await api('POST', '/desktop/api/state', { state, reason }).catch(() => ({ ok: false, status: 0 }));
  if (result.ok) {
    desk.agentState = state;
    renderState();
  }
}
