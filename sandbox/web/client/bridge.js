/*
 * The sandbox's Custom UI bridge. Injected by the server into every app page, before the page's own scripts, as
 * Forge injects its bridge: it defines `globalThis.__bridge.callBridge(name, payload)`, which every @forge/bridge
 * module looks up when it is imported.
 *
 * The page knows only its frame token (from this script's own URL). Calls that need data (invoke, getContext,
 * fetchProduct, getUrl, openModal) go straight to the sandbox server with that token; the server decides who the
 * user is and which issue, project or request the page is on. Only what the host page must do itself (flags,
 * navigation, reloading the page, modals, the window title, events between frames, the frame's height) is posted to
 * the parent window. Not emulated: Forge remotes, object store, feature flags and other products' requests.
 */
/* global window, document, location, getComputedStyle, ResizeObserver */
(() => {
  'use strict';

  const script = document.currentScript;
  const token = script && script.src ? new URL(script.src).searchParams.get('frame') || '' : '';
  const endpoint = (operation) => `/__bridge/${encodeURIComponent(token)}/${operation}`;

  class BridgeAPIError extends Error {
    constructor(message, code) {
      super(message);
      this.name = 'BridgeAPIError';
      if (code) this.code = code;
    }
  }

  /** One call to the sandbox server; a refusal rejects with the server's message, as Forge's bridge rejects. */
  async function server(operation, body) {
    let response;
    try {
      // text/plain keeps this a CORS simple request from the sandboxed (opaque-origin) page: no preflight.
      response = await fetch(endpoint(operation), { method: 'POST', headers: { 'content-type': 'text/plain;charset=UTF-8' }, body: JSON.stringify(body || {}) });
    } catch (error) {
      throw new BridgeAPIError(`The sandbox did not answer: ${error && error.message ? error.message : error}`);
    }
    const text = await response.text();
    let answer = {};
    try {
      answer = text ? JSON.parse(text) : {};
    } catch {
      answer = {};
    }
    if (!response.ok) {
      const error = answer && answer.error ? answer.error : {};
      throw new BridgeAPIError(error.message || `The bridge call failed (${response.status}).`, error.code);
    }
    return answer;
  }

  let contextPromise;
  function frameContext() {
    if (!contextPromise) {
      contextPromise = server('context', {});
      contextPromise.catch(() => {
        contextPromise = undefined;
      });
    }
    return contextPromise;
  }
  // Asked for at once: getContext, theming and i18n all need it, and the page's bundle is still loading.
  frameContext().catch(() => undefined);

  const clone = (value) => (value === undefined ? undefined : JSON.parse(JSON.stringify(value)));
  const isTopLevel = window.parent === window;

  function toHost(message) {
    if (isTopLevel) return;
    window.parent.postMessage({ __forgeSandbox: true, ...message }, location.origin);
  }

  // ---- theming (the host's theme is the frame's, fixed when the page was rendered) -------------------------------
  function applyTheme(colorMode) {
    const root = document.documentElement;
    root.setAttribute('data-color-mode', colorMode === 'dark' ? 'dark' : 'light');
    root.setAttribute('data-theme', 'dark:dark light:light spacing:spacing typography:typography');
  }

  // ---- history (in the frame only) -----------------------------------------------------------------------------
  let sharedHistory;
  function memoryHistory() {
    let counter = 0;
    const entry = (pathname, search, hash, state) => ({ pathname: pathname || '/', search: search || '', hash: hash || '', state: state === undefined ? null : state, key: `k${(counter += 1)}` });
    const entries = [entry('/', '', '', null)];
    let index = 0;
    const listeners = new Set();
    const toLocation = (to, state) => {
      if (typeof to === 'string') {
        const url = new URL(to, `http://frame.invalid${entries[index].pathname}`);
        return entry(url.pathname, url.search, url.hash, state);
      }
      return entry(to && to.pathname, to && to.search, to && to.hash, to && to.state !== undefined ? to.state : state);
    };
    const history = {
      action: 'POP',
      location: entries[0],
      get length() {
        return entries.length;
      },
      createHref: (to) => (typeof to === 'string' ? to : `${to.pathname || ''}${to.search || ''}${to.hash || ''}`),
      push(to, state) {
        entries.splice(index + 1, entries.length, toLocation(to, state));
        index = entries.length - 1;
        notify('PUSH');
      },
      replace(to, state) {
        entries[index] = toLocation(to, state);
        notify('REPLACE');
      },
      go(delta) {
        const next = Math.min(Math.max(index + delta, 0), entries.length - 1);
        if (next === index) return;
        index = next;
        notify('POP');
      },
      back: () => history.go(-1),
      forward: () => history.go(1),
      goBack: () => history.go(-1),
      goForward: () => history.go(1),
      listen(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      block: () => () => undefined,
    };
    function notify(action) {
      history.action = action;
      history.location = entries[index];
      for (const listener of [...listeners]) listener(history.location, action);
    }
    return history;
  }

  // ---- what the host page sends back ---------------------------------------------------------------------------
  const flagActions = new Map();
  const eventHandlers = new Map();
  const closeHandlers = [];
  let modalOnClose;

  window.addEventListener('message', (event) => {
    const data = event.data;
    if (event.source !== window.parent || isTopLevel || !data || data.__forgeSandbox !== true) return;
    switch (data.type) {
      case 'flagAction': {
        const actions = flagActions.get(data.id) || [];
        const action = actions[data.index];
        if (action && typeof action.onClick === 'function') action.onClick();
        break;
      }
      case 'modalClosed': {
        const onClose = modalOnClose;
        modalOnClose = undefined;
        if (typeof onClose === 'function') onClose(data.payload);
        break;
      }
      case 'closing':
        for (const handler of closeHandlers.splice(0)) if (typeof handler === 'function') handler();
        break;
      case 'event':
        for (const handler of eventHandlers.get(data.event) || []) handler(data.payload);
        break;
      default:
        break;
    }
  });

  // ---- the frame's height, for panels that grow with their content --------------------------------------------
  let lastHeight = -1;
  function reportHeight() {
    const body = document.body;
    if (!body) return;
    const style = getComputedStyle(body);
    const height = Math.ceil(body.getBoundingClientRect().height + parseFloat(style.marginTop || '0') + parseFloat(style.marginBottom || '0'));
    if (height === lastHeight) return;
    lastHeight = height;
    toHost({ type: 'resize', height });
  }
  function watchHeight() {
    if (typeof ResizeObserver === 'function' && document.body) new ResizeObserver(reportHeight).observe(document.body);
    reportHeight();
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', watchHeight);
  else watchHeight();

  // ---- the bridge ----------------------------------------------------------------------------------------------
  async function navigate(payload) {
    const newTab = payload && payload.type === 'new-tab';
    const where = { ...(payload || {}) };
    delete where.type;
    const target = where.target === undefined && typeof where.url === 'string' ? where.url : where;
    const { url } = await server('url', { location: target });
    toHost({ type: 'navigate', url, newTab });
  }

  async function closeModal(payload) {
    const { frame } = await frameContext();
    if (!frame.modal) return false;
    toHost({ type: 'closeModal', payload: clone(payload) });
    return true;
  }

  async function callBridge(name, payload) {
    switch (name) {
      case 'invoke': {
        const answer = await server('invoke', { functionKey: payload && payload.functionKey, payload: payload && payload.payload, metadata: payload && payload.metadata });
        const body = answer.body === null ? undefined : answer.body;
        if (!payload || !payload.metadata) return body;
        return { body, metadata: payload.metadata.rateLimitProperties ? { rateLimitProperties: answer.rateLimit } : {} };
      }
      case 'getContext':
        return clone((await frameContext()).context);
      case 'fetchProduct':
        return server('fetch-product', payload);
      case 'getUrl':
        return (await server('url', { location: payload })).url;
      case 'navigate':
        return navigate(payload);
      case 'reload':
        toHost({ type: 'reload' });
        return undefined;
      case 'showFlag': {
        const actions = Array.isArray(payload.actions) ? payload.actions : [];
        flagActions.set(payload.id, actions);
        toHost({
          type: 'showFlag',
          flag: {
            id: String(payload.id),
            title: payload.title === undefined ? '' : String(payload.title),
            description: payload.description === undefined ? '' : String(payload.description),
            type: payload.type || 'info',
            appearance: payload.appearance,
            isAutoDismiss: !!payload.isAutoDismiss,
            actions: actions.map((action) => ({ text: String(action && action.text) })),
          },
        });
        return undefined;
      }
      case 'closeFlag':
        toHost({ type: 'closeFlag', id: String(payload && payload.id) });
        flagActions.delete(payload && payload.id);
        return undefined;
      case 'submit':
      case 'close':
        return closeModal(payload);
      case 'onClose': {
        const { frame } = await frameContext();
        if (!frame.modal) return false;
        closeHandlers.push(payload);
        return true;
      }
      case 'open':
        return false;
      case 'refresh':
        setTimeout(() => location.reload(), 0);
        return true;
      case 'createHistory':
        if (!sharedHistory) sharedHistory = memoryHistory();
        return sharedHistory;
      case 'changeWindowTitle':
        toHost({ type: 'title', title: String(payload) });
        return undefined;
      case 'enableTheming': {
        const { context } = await frameContext();
        applyTheme(context.theme && context.theme.colorMode);
        return undefined;
      }
      case 'emitReadyEvent':
        return undefined;
      case 'openModal': {
        if (modalOnClose) return false;
        const { src } = await server('modal', { resource: payload.resource, context: clone(payload.context), size: payload.size, title: payload.title });
        modalOnClose = payload.onClose;
        toHost({
          type: 'openModal',
          modal: { src, size: payload.size, title: payload.title ? String(payload.title) : '', closeOnEscape: payload.closeOnEscape !== false, closeOnOverlayClick: payload.closeOnOverlayClick !== false },
        });
        return true;
      }
      case 'emit':
      case 'emitPublic':
        toHost({ type: 'emit', event: String(payload.event), payload: clone(payload.payload) });
        return undefined;
      case 'on':
      case 'onPublic': {
        const handlers = eventHandlers.get(payload.event) || new Set();
        handlers.add(payload.callback);
        eventHandlers.set(payload.event, handlers);
        return { unsubscribe: () => handlers.delete(payload.callback) };
      }
      default:
        throw new BridgeAPIError(`The sandbox bridge does not support '${name}'.`);
    }
  }

  globalThis.__bridge = { callBridge };
})();
