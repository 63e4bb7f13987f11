// Switchboard agent desktop: sign-in, agent state, the live screen pop, click-to-dial, new tickets and orders, and wrap-up.
// Plain script, no build step. Every text from the server goes through textContent, never innerHTML.
(() => {
  'use strict';

  const TEXT = {
    en: {
      'signIn.title': 'Agent sign-in', 'signIn.username': 'User name', 'signIn.password': 'Password', 'signIn.submit': 'Sign in',
      'signIn.failed': 'Wrong user name or password.', 'signIn.locked': 'Too many attempts: the account is locked for a while.',
      'header.signOut': 'Sign out', 'state.ready': 'Ready', 'state.notReady': 'Not ready',
      'state.toReady': 'Click to become ready', 'state.toNotReady': 'Click to become not ready',
      'reason.break': 'Break', 'reason.lunch': 'Lunch', 'reason.training': 'Training', 'reason.meeting': 'Meeting', 'reason.other': 'Other',
      'conn.connected': 'Connected', 'conn.connecting': 'Connecting…', 'conn.reconnecting': 'Reconnecting…', 'conn.disconnected': 'Offline',
      'call.title': 'Incoming call', 'call.idle': 'Waiting for calls…', 'call.withheld': 'Withheld number', 'call.unknown': 'Unknown number',
      'call.queue': 'Queue {0}', 'call.waiting': '{0} more call(s) waiting',
      'match.searching': 'Searching…', 'match.single': 'Customer found', 'match.multiple': 'Several customers share this number',
      'match.none': 'No match', 'match.noneNotice': 'No customer is known by this number — create the customer in your CRM.',
      'match.noneCreate': 'No customer is known by this number — create them below.',
      'customer.new': 'New customer', 'customer.name': 'Name', 'customer.phone': 'Phone', 'customer.email': 'Email',
      'customer.created': 'Customer {0} created in {1}.', 'customer.failed': 'Customer not created: {0}',
      'source.pending': 'asking…', 'source.answered': 'answered', 'source.noMatch': 'no match', 'source.unavailable': 'unavailable',
      'candidates.title': 'Who is calling? Pick one', 'candidates.pick': 'Pick',
      'customer.empty': 'The caller\u2019s customer record appears here.', 'customer.phones': 'Phones', 'customer.emails': 'Emails',
      'customer.records': 'Records', 'customer.provisional': 'provisional',
      'orders.title': 'Recent orders', 'orders.number': 'Order', 'orders.status': 'Status', 'orders.total': 'Total', 'orders.date': 'Date',
      'orders.none': 'No orders', 'tickets.title': 'Open tickets', 'tickets.none': 'No open tickets',
      'history.title': 'Last interactions', 'history.none': 'No earlier calls', 'item.system': 'System',
      'direction.inbound': 'inbound', 'direction.outbound': 'outbound', 'direction.internal': 'internal',
      'wrapUp.notes': 'Notes', 'wrapUp.choose': 'Disposition…', 'wrapUp.submit': 'Wrap up',
      'wrapUp.needDisposition': 'Choose a disposition first.', 'wrapUp.failed': 'Wrap-up failed: {0}',
      'error.network': 'The hub cannot be reached.',
      'dial.call': 'Call', 'dial.calling': 'Calling {0}…', 'dial.placed': 'Your phone rings, then {0} is dialled.', 'dial.failed': 'Call failed: {0}',
      'record.create': 'Create', 'record.noSystem': 'This customer has no record in a system to create it in.',
      'ticket.new': 'New ticket', 'ticket.subject': 'Subject', 'ticket.description': 'Description', 'ticket.priority': 'Priority',
      'ticket.created': 'Ticket {0} created in {1}.', 'ticket.failed': 'Ticket not created: {0}',
      'record.queued': '{0} has not answered yet; it is queued and will be created when {0} does.',
      'priority.none': '—', 'priority.low': 'Low', 'priority.normal': 'Normal', 'priority.high': 'High', 'priority.urgent': 'Urgent',
      'order.new': 'New order', 'order.sku': 'Item (SKU)', 'order.quantity': 'Quantity', 'order.currency': 'Currency',
      'order.created': 'Order {0} created in {1}.', 'order.failed': 'Order not created: {0}',
      'record.updated': 'updated just now',
    },
    zh: {
      'signIn.title': '坐席登录', 'signIn.username': '用户名', 'signIn.password': '密码', 'signIn.submit': '登录',
      'signIn.failed': '用户名或密码错误。', 'signIn.locked': '尝试次数过多，账户已暂时锁定。',
      'header.signOut': '退出', 'state.ready': '就绪', 'state.notReady': '未就绪',
      'state.toReady': '点击切换为就绪', 'state.toNotReady': '点击切换为未就绪',
      'reason.break': '休息', 'reason.lunch': '午餐', 'reason.training': '培训', 'reason.meeting': '会议', 'reason.other': '其他',
      'conn.connected': '已连接', 'conn.connecting': '正在连接…', 'conn.reconnecting': '正在重连…', 'conn.disconnected': '已断开',
      'call.title': '来电', 'call.idle': '等待来电…', 'call.withheld': '隐藏号码', 'call.unknown': '未知号码',
      'call.queue': '队列 {0}', 'call.waiting': '还有 {0} 个来电等待处理',
      'match.searching': '正在查找…', 'match.single': '已找到客户', 'match.multiple': '多位客户共用此号码',
      'match.none': '未匹配', 'match.noneNotice': '没有客户使用此号码——请在 CRM 中新建客户。',
      'match.noneCreate': '没有客户使用此号码——请在下方新建客户。',
      'customer.new': '新建客户', 'customer.name': '姓名', 'customer.phone': '电话', 'customer.email': '邮箱',
      'customer.created': '已在 {1} 创建客户 {0}。', 'customer.failed': '客户未创建：{0}',
      'source.pending': '查询中…', 'source.answered': '已返回', 'source.noMatch': '无匹配', 'source.unavailable': '不可用',
      'candidates.title': '请选择来电客户', 'candidates.pick': '选择',
      'customer.empty': '来电客户的资料将显示在这里。', 'customer.phones': '电话', 'customer.emails': '邮箱',
      'customer.records': '记录', 'customer.provisional': '待确认',
      'orders.title': '最近订单', 'orders.number': '订单', 'orders.status': '状态', 'orders.total': '金额', 'orders.date': '日期',
      'orders.none': '没有订单', 'tickets.title': '未结工单', 'tickets.none': '没有未结工单',
      'history.title': '最近通话', 'history.none': '没有以往通话', 'item.system': '系统',
      'direction.inbound': '呼入', 'direction.outbound': '呼出', 'direction.internal': '内部',
      'wrapUp.notes': '备注', 'wrapUp.choose': '通话结果…', 'wrapUp.submit': '完成话后处理',
      'wrapUp.needDisposition': '请先选择通话结果。', 'wrapUp.failed': '话后处理失败：{0}',
      'error.network': '无法连接到服务器。',
      'dial.call': '呼叫', 'dial.calling': '正在呼叫 {0}…', 'dial.placed': '您的话机将响铃，接起后拨打 {0}。', 'dial.failed': '呼叫失败：{0}',
      'record.create': '创建', 'record.noSystem': '该客户在任何系统中都没有记录，无法创建。',
      'ticket.new': '新建工单', 'ticket.subject': '主题', 'ticket.description': '描述', 'ticket.priority': '优先级',
      'ticket.created': '已在 {1} 创建工单 {0}。', 'ticket.failed': '工单未创建：{0}',
      'record.queued': '{0} 暂未响应；已排队，{0} 恢复后将自动创建。',
      'priority.none': '—', 'priority.low': '低', 'priority.normal': '普通', 'priority.high': '高', 'priority.urgent': '紧急',
      'order.new': '新建订单', 'order.sku': '商品编号（SKU）', 'order.quantity': '数量', 'order.currency': '币种',
      'order.created': '已在 {1} 创建订单 {0}。', 'order.failed': '订单未创建：{0}',
      'record.updated': '刚刚更新',
    },
  };
  const REASONS = ['break', 'lunch', 'training', 'meeting', 'other'];
  const PRIORITIES = ['', 'low', 'normal', 'high', 'urgent'];
  const $ = (id) => document.getElementById(id);

  const desk = {
    lang: initialLanguage(), agent: null, connection: null, dispositions: [], agentState: 'notReady',
    calls: new Map(), order: [], picking: false, stopping: false, watching: null, createIn: null, createFor: null, createKey: null,
  };

  function initialLanguage() {
    const saved = localStorage.getItem('switchboard.lang');
    if (saved === 'en' || saved === 'zh') return saved;
    return (navigator.language || 'en').toLowerCase().startsWith('zh') ? 'zh' : 'en';
  }

  function t(key, ...args) {
    const text = TEXT[desk.lang][key] ?? TEXT.en[key] ?? key;
    return args.reduce((s, a, i) => s.replace(`{${i}}`, String(a)), text);
  }

  // Builds an element; text only ever lands in textContent.
  function el(tag, props = {}, ...children) {
    const node = document.createElement(tag);
    if (props.cls) node.className = props.cls;
    if (props.text != null) node.textContent = String(props.text);
    if (props.title != null) node.title = String(props.title);
    for (const child of children) if (child) node.append(child);
    return node;
  }

  function clear(node) { node.replaceChildren(); return node; }

  // Enum names arrive as "Single" or "single" depending on the serializer: compare in camelCase.
  const camel = (s) => (s ? s.charAt(0).toLowerCase() + s.slice(1) : '');

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

  async function api(method, path, body, extraHeaders = {}) {
    const response = await fetch(path, {
      method, credentials: 'same-origin',
      headers: { ...(body === undefined ? { Accept: 'application/json' } : { Accept: 'application/json', 'Content-Type': 'application/json' }), ...extraHeaders },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    let data = null;
    try { data = text ? JSON.parse(text) : null; } catch { data = null; }
    return { ok: response.ok, status: response.status, data };
  }

  function problemText(result) {
    const d = result.data;
    if (d && d.errors) return Object.values(d.errors).flat().join('; ');
    return (d && (d.detail || d.title)) || String(result.status);
  }

  // ---- sign-in and session ----

  async function start() {
    const me = await api('GET', '/desktop/api/me').catch(() => null);
    if (me && me.ok) await enterDesk(me.data); else showSignIn();
  }

  function showSignIn() {
    $('desk').hidden = true;
    $('sign-in').hidden = false;
    $('username').focus();
  }

  async function signIn(event) {
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

  async function signOut() {
    desk.stopping = true;
    if (desk.connection) await desk.connection.stop().catch(() => {});
    await api('POST', '/desktop/api/sign-out').catch(() => {});
    desk.calls.clear();
    desk.order = [];
    desk.watching = null;
    desk.connection = null;
    showSignIn();
  }

  // ---- real-time connection ----

  async function connect() {
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
  function hubCustomerId(customer) {
    const own = customer && (customer.links || []).find((l) => l.system === 'switchboard');
    return own ? own.externalId : null;
  }

  // Watches the customer shown (null: none), so the hub pushes their orders' and tickets' changes as "recordChanged".
  function watch(customerId) {
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

  function renderConnection(state) {
    desk.connectionState = state;
    $('connection').className = `connection ${state}`;
    $('connection-text').textContent = t(`conn.${state}`);
  }

  // ---- agent state ----

  function renderReasons() {
    const select = clear($('not-ready-reason'));
    const current = desk.reason || REASONS[0];
    for (const reason of REASONS) {
      const option = el('option', { text: t(`reason.${reason}`) });
      option.value = reason;
      select.append(option);
    }
    select.value = current;
  }

  function renderState() {
    const ready = desk.agentState === 'ready';
    const button = $('state-toggle');
    button.textContent = t(ready ? 'state.ready' : 'state.notReady');
    button.title = t(ready ? 'state.toNotReady' : 'state.toReady');
    button.className = `state ${ready ? 'ready' : 'not-ready'}`;
    button.setAttribute('aria-pressed', String(ready));
    $('not-ready-reason').hidden = ready;
  }

  async function setState(state) {
    const reason = state === 'notReady' ? $('not-ready-reason').value : undefined;
    const result = await api('POST', '/desktop/api/state', { state, reason }).catch(() => ({ ok: false, status: 0 }));
    if (result.ok) {
      desk.agentState = state;
      renderState();
    }
  }

  // ---- the pop ----

  function onPop(view) {
    const known = desk.calls.get(view.callId);
    if (known && known.sequence > view.sequence) return;
    if (!known) desk.order.push(view.callId);
    desk.calls.set(view.callId, view);
    if (!known || desk.order[0] === view.callId) desk.picking = false;
    render();
  }

  function activeCall() { return desk.order.length ? desk.calls.get(desk.order[0]) : null; }

  function render() {
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

  function fillList(node, items, make) {
    clear(node);
    items.forEach((item, index) => { if (index) node.append(' · '); node.append(make(item)); });
  }

  function fillItems(list, items, none, parts) {
    clear(list);
    for (const item of items) list.append(el('li', {}, ...parts(item)));
    if (!items.length) list.append(el('li', { cls: 'muted', text: none }));
  }

  function emptyCell(text) { const td = el('td', { cls: 'muted', text }); td.colSpan = 5; return td; }

  // Only http(s) links are followed: a record's URL comes from another system.
  function link(text, url) {
    if (!url || !/^https?:\/\//i.test(url)) return el('span', { text });
    const a = el('a', { text });
    a.href = url;
    a.target = '_blank';
    a.rel = 'noopener noreferrer';
    return a;
  }

  function systemTag(system, externalId, url) {
    const tag = externalId ? link(`${system} · ${externalId}`, url) : el('span', { text: system });
    tag.classList.add('system');
    return tag;
  }

  function money(total, currency) {
    if (total == null) return '';
    const locale = desk.lang === 'zh' ? 'zh-CN' : 'en-US';
    try {
      return currency ? new Intl.NumberFormat(locale, { style: 'currency', currency }).format(total) : new Intl.NumberFormat(locale).format(total);
    } catch {
      return `${total} ${currency || ''}`.trim();
    }
  }

  function date(value) {
    if (!value) return '';
    const d = new Date(value);
    return Number.isNaN(d.getTime()) ? String(value) : d.toLocaleString(desk.lang === 'zh' ? 'zh-CN' : 'en-US', { dateStyle: 'short', timeStyle: 'short' });
  }

  // ---- click-to-dial, new tickets and orders ----

  function customerKey(customer) {
    const first = (customer.links || [])[0];
    return first ? `${first.system}/${first.externalId}` : customer.displayName;
  }

  function report(node, ok, text) {
    node.textContent = text;
    node.classList.toggle('done', ok);
    node.classList.toggle('failed', !ok);
  }

  async function dial(number, button) {
    const status = $('dial-status');
    report(status, true, t('dial.calling', number));
    button.disabled = true;
    const result = await api('POST', '/desktop/api/calls', { number }).catch(() => ({ ok: false, status: 0 }));
    button.disabled = false;
    if (result.ok) report(status, true, t('dial.placed', (result.data && result.data.number) || number));
    else report(status, false, t('dial.failed', result.status === 0 ? t('error.network') : problemText(result)));
  }

  function renderPriorities() {
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

  async function createTicket(event) {
    const created = await createRecord(event, 'ticket', {
      subject: $('ticket-subject').value, description: $('ticket-description').value || undefined, priority: $('ticket-priority').value || undefined,
    });
    if (created) { $('ticket-subject').value = ''; $('ticket-description').value = ''; }
  }

  async function createOrder(event) {
    const created = await createRecord(event, 'order', {
      currency: $('order-currency').value.trim().toUpperCase(),
      lines: [{ sku: $('order-sku').value.trim(), quantity: Number($('order-quantity').value) }],
    });
    if (created) { $('order-sku').value = ''; $('order-quantity').value = '1'; }
  }

  // ---- no match: create the customer ----

  // The form belongs to one call: another call starts it afresh, with that caller's number.
  function renderCreateCustomer(view, shown) {
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

  async function createCustomer(event) {
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

  // ---- wrap-up ----

  function dispositionLabel(code) {
    const d = desk.dispositions.find((x) => x.code === code);
    return d ? d[desk.lang] : code || '';
  }

  function renderDispositions() {
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

  async function wrapUp(event) {
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
})();
