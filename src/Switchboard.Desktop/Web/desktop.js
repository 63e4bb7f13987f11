// Switchboard agent desktop, the entry module: the language switch and the page's wiring. Plain ES modules, no build
// step: text.js (English and Chinese), state.js, dom.js, api.js, session.js (sign-in, agent state), live.js (SignalR),
// pop.js (the screen pop), records.js (call, tickets, orders, new customers), wrapup.js. Every text from the server
// goes through textContent, never innerHTML.

import { t } from './text.js';
import { desk } from './state.js';
import { $ } from './dom.js';
import { renderReasons, renderState, setState, signIn, signOut, start } from './session.js';
import { renderConnection } from './live.js';
import { render } from './pop.js';
import { createCustomer, createOrder, createTicket, renderPriorities } from './records.js';
import { renderDispositions, wrapUp } from './wrapup.js';

function setLanguage(lang) {
  desk.lang = lang;
  localStorage.setItem('switchboard.lang', lang);
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
  $('lang-zh').setAttribute('aria-pressed', String(lang === 'zh'));
  $('lang-en').setAttribute('aria-pressed', String(lang === 'en'));
  renderReasons();
  renderDispositions();
  renderPriorities();
  renderState();
  renderConnection(desk.connectionState || 'disconnected');
  render();
}

// ---- wiring ----

$('sign-in-form').addEventListener('submit', signIn);
$('sign-out').addEventListener('click', signOut);
$('wrap-up').addEventListener('submit', wrapUp);
$('ticket-form').addEventListener('submit', createTicket);
$('order-form').addEventListener('submit', createOrder);
$('create-customer').addEventListener('submit', createCustomer);
// An edit answers the last refusal: its message no longer describes what is in the form.
$('create-customer').addEventListener('input', () => { $('new-customer-result').textContent = ''; });
$('state-toggle').addEventListener('click', () => setState(desk.agentState === 'ready' ? 'notReady' : 'ready'));
$('not-ready-reason').addEventListener('change', () => {
  desk.reason = $('not-ready-reason').value;
  if (desk.agentState === 'notReady') setState('notReady');
});
$('lang-zh').addEventListener('click', () => setLanguage('zh'));
$('lang-en').addEventListener('click', () => setLanguage('en'));
setLanguage(desk.lang);
start();
