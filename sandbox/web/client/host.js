/*
 * The simulated Jira's side of the bridge, for what only the host page can do: size panels to their content, show
 * and close flags, navigate the top window, reload, change the window title, open the app's modals, and pass events
 * between the app's frames. Messages are taken only from the app frames this page rendered, identified by their
 * window, never by anything the message says about itself.
 */
/* global window, document, location */
(() => {
  'use strict';

  const MIN_HEIGHT = 48;
  const MAX_HEIGHT = 4000;
  const AUTO_DISMISS_MS = 8000;

  const appFrames = () => [...document.querySelectorAll('iframe[data-app-frame]')];
  const frameOf = (source) => appFrames().find((frame) => frame.contentWindow === source);
  const send = (frame, message) => frame && frame.contentWindow && frame.contentWindow.postMessage({ __forgeSandbox: true, ...message }, '*');

  // ---- flags ---------------------------------------------------------------------------------------------------
  function flagArea() {
    return document.getElementById('flags');
  }

  function closeFlag(frame, id) {
    const area = flagArea();
    if (!area) return;
    for (const element of [...area.children]) if (element.dataset.flagId === id && element.flagFrame === frame) element.remove();
  }

  function showFlag(frame, flag) {
    const area = flagArea();
    if (!area) return;
    closeFlag(frame, flag.id);
    const type = ['info', 'success', 'warning', 'error'].includes(flag.type) ? flag.type : 'info';
    const element = document.createElement('div');
    element.className = `flag flag--${type}`;
    element.setAttribute('role', type === 'error' || type === 'warning' ? 'alert' : 'status');
    element.dataset.flagId = flag.id;
    element.flagFrame = frame;
    const title = document.createElement('p');
    title.className = 'flag__title';
    title.textContent = flag.title;
    element.append(title);
    if (flag.description) {
      const description = document.createElement('p');
      description.className = 'flag__description';
      description.textContent = flag.description;
      element.append(description);
    }
    const buttons = document.createElement('div');
    buttons.className = 'flag__actions';
    (flag.actions || []).forEach((action, index) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'button button--link';
      button.textContent = action.text;
      button.addEventListener('click', () => send(frame, { type: 'flagAction', id: flag.id, index }));
      buttons.append(button);
    });
    const dismiss = document.createElement('button');
    dismiss.type = 'button';
    dismiss.className = 'button button--link';
    dismiss.textContent = 'Dismiss';
    dismiss.setAttribute('aria-label', `Dismiss: ${flag.title}`);
    dismiss.addEventListener('click', () => element.remove());
    buttons.append(dismiss);
    element.append(buttons);
    area.append(element);
    if (flag.isAutoDismiss) setTimeout(() => element.remove(), AUTO_DISMISS_MS);
  }

  // ---- modals --------------------------------------------------------------------------------------------------
  let openModal;

  function closeModal(payload) {
    if (!openModal) return;
    const { dialog, opener, frame } = openModal;
    openModal = undefined;
    send(frame, { type: 'closing' });
    dialog.close();
    dialog.remove();
    send(opener, { type: 'modalClosed', payload });
    if (opener) opener.focus();
  }

  function showModal(opener, modal) {
    if (openModal) return;
    const sizes = ['small', 'medium', 'large', 'xlarge', 'max', 'fullscreen'];
    const size = typeof modal.size === 'string' && sizes.includes(modal.size) ? modal.size : 'medium';
    const dialog = document.createElement('dialog');
    dialog.className = `app-modal app-modal--${size}`;
    const heading = document.createElement('h2');
    heading.id = 'app-modal-title';
    heading.className = 'app-modal__title';
    heading.textContent = modal.title || 'Dialog';
    dialog.setAttribute('aria-labelledby', heading.id);
    const close = document.createElement('button');
    close.type = 'button';
    close.className = 'button button--subtle app-modal__close';
    close.textContent = 'Close';
    close.addEventListener('click', () => closeModal(undefined));
    const header = document.createElement('div');
    header.className = 'app-modal__header';
    header.append(heading, close);
    const frame = document.createElement('iframe');
    frame.className = 'app-frame app-frame--modal';
    frame.title = modal.title || 'App dialog';
    frame.setAttribute('sandbox', 'allow-scripts allow-forms allow-downloads');
    frame.dataset.appFrame = 'modal';
    frame.src = modal.src;
    dialog.append(header, frame);
    dialog.addEventListener('cancel', (event) => {
      event.preventDefault();
      if (modal.closeOnEscape) closeModal(undefined);
    });
    dialog.addEventListener('click', (event) => {
      if (event.target === dialog && modal.closeOnOverlayClick) closeModal(undefined);
    });
    document.body.append(dialog);
    openModal = { dialog, opener, frame };
    dialog.showModal();
  }

  // ---- navigation ----------------------------------------------------------------------------------------------
  function navigate(url, newTab) {
    let target;
    try {
      target = new URL(url, location.href);
    } catch {
      return;
    }
    if (target.protocol !== 'http:' && target.protocol !== 'https:') return;
    if (target.origin === location.origin && !newTab) location.assign(target.href);
    else window.open(target.href, '_blank', 'noopener,noreferrer');
  }

  window.addEventListener('message', (event) => {
    const data = event.data;
    if (!data || data.__forgeSandbox !== true) return;
    const frame = frameOf(event.source);
    if (!frame) return;
    switch (data.type) {
      case 'resize':
        if (frame.hasAttribute('data-autosize') && typeof data.height === 'number') {
          frame.style.height = `${Math.min(Math.max(Math.ceil(data.height), MIN_HEIGHT), MAX_HEIGHT)}px`;
        }
        break;
      case 'navigate':
        navigate(String(data.url), !!data.newTab);
        break;
      case 'reload':
        location.reload();
        break;
      case 'title':
        document.title = String(data.title);
        break;
      case 'showFlag':
        if (data.flag && typeof data.flag === 'object') showFlag(frame, data.flag);
        break;
      case 'closeFlag':
        closeFlag(frame, String(data.id));
        break;
      case 'openModal':
        if (data.modal && typeof data.modal.src === 'string' && data.modal.src.startsWith('/__app/')) showModal(frame, data.modal);
        break;
      case 'closeModal':
        if (openModal && openModal.frame === frame) closeModal(data.payload);
        break;
      case 'emit':
        for (const other of appFrames()) send(other, { type: 'event', event: data.event, payload: data.payload });
        break;
      default:
        break;
    }
  });
})();
