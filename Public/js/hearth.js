/*
 * Hearth: progressive enhancement only. Every page works without this file.
 * Loaded with <script src="/js/hearth.js" defer>; CSP-safe (no inline script,
 * no eval, no inline styles).
 *
 * Idle session warning. A signed-in page carries
 *   <body data-idle-timeout="900" data-idle-warning="120">
 * (seconds). (timeout - warning) seconds after the last server contact we show
 * a modal "You will be signed out soon" dialog. "Stay signed in" POSTs
 * /session/extend with the CSRF token from <meta name="csrf-token">; at the
 * timeout we go to /sign-in?timeout=1.
 */
(function () {
  'use strict';

  var body = document.body;
  var timeout = parseInt(body.getAttribute('data-idle-timeout'), 10);
  var warning = parseInt(body.getAttribute('data-idle-warning'), 10);
  if (!(timeout > 0)) return; // not signed in, or no timeout configured
  if (!(warning >= 0) || warning > timeout) warning = Math.min(120, timeout);

  // Other tabs share the session cookie, so a page load or an extension in
  // any tab keeps this one alive too. localStorage can throw (private modes).
  var STORAGE_KEY = 'hearth-session-activity';

  var lastActivity = Date.now(); // the page load was a server contact
  var dialog = null;
  var returnFocusTo = null;
  var lastMinutes = null;
  var tick = null;

  function share(time) {
    try { window.localStorage.setItem(STORAGE_KEY, String(time)); } catch (e) { /* ignore */ }
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) { node.setAttribute(name, attrs[name]); });
    (children || []).forEach(function (child) {
      node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
    });
    return node;
  }

  function minutesText(seconds) {
    var minutes = Math.max(1, Math.ceil(seconds / 60));
    return minutes + (minutes === 1 ? ' minute' : ' minutes');
  }

  // Wall-clock time, not a counted-down timer: browsers throttle timers in
  // background tabs and sleeping laptops stop them altogether.
  function secondsLeft() {
    return timeout - (Date.now() - lastActivity) / 1000;
  }

  function build() {
    var countdown = el('span', { 'class': 'h-timeout-warning__countdown' });
    var live = el('p', { 'class': 'h-visually-hidden', 'aria-live': 'polite' });
    var stay = el('button', { type: 'button', 'class': 'h-button' }, ['Stay signed in']);
    var signOut = el('a', { href: '/sign-out', 'class': 'h-link' }, ['Sign out']);
    var error = el('p', { 'class': 'h-error-message', hidden: '' },
      ['We could not keep you signed in. Try again.']);

    // <dialog> with showModal() makes the rest of the page inert and gives
    // Escape for free; role="alertdialog" because it interrupts the user.
    var supportsDialog = typeof document.createElement('dialog').showModal === 'function';
    var box = el(supportsDialog ? 'dialog' : 'div', {
      'class': 'h-timeout-warning',
      role: 'alertdialog',
      'aria-modal': 'true',
      'aria-labelledby': 'h-timeout-warning-heading',
      'aria-describedby': 'h-timeout-warning-description'
    }, [
      el('h2', { id: 'h-timeout-warning-heading', 'class': 'h-heading-m', tabindex: '-1' },
        ['You will be signed out soon']),
      el('p', { id: 'h-timeout-warning-description', 'class': 'h-body' }, [
        'To protect the information in Hearth, we will sign you out in ', countdown,
        ' if you do not do anything. Anything you have not saved will be lost.'
      ]),
      live,
      error,
      el('div', { 'class': 'h-button-group' }, [stay, signOut])
    ]);
    if (!supportsDialog) box.hidden = true;

    stay.addEventListener('click', staySignedIn);
    signOut.addEventListener('click', function (event) {
      // Signing out is a POST with a CSRF token: reuse the header's form.
      var form = document.getElementById('sign-out-form');
      if (form) {
        event.preventDefault();
        form.submit();
      }
    });
    // Escape means stay signed in. Cancelling the keydown stops <dialog>
    // closing itself before the extension has worked; "cancel" still covers
    // other close requests (such as Android's back gesture).
    box.addEventListener('keydown', function (event) {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      staySignedIn();
    });
    box.addEventListener('cancel', function (event) {
      event.preventDefault();
      staySignedIn();
    });

    body.appendChild(box);
    return { box: box, countdown: countdown, live: live, error: error, modal: supportsDialog };
  }

  function show() {
    if (!dialog) dialog = build();
    if (isOpen()) return;
    returnFocusTo = document.activeElement;
    lastMinutes = null;
    dialog.error.hidden = true;
    dialog.live.textContent = '';
    updateCountdown();
    if (dialog.modal) dialog.box.showModal(); else dialog.box.hidden = false;
    dialog.box.querySelector('h2').focus();
  }

  function hide() {
    if (!isOpen()) return;
    if (dialog.modal) dialog.box.close(); else dialog.box.hidden = true;
    if (returnFocusTo && typeof returnFocusTo.focus === 'function') returnFocusTo.focus();
  }

  function isOpen() {
    return !!dialog && (dialog.modal ? dialog.box.open : !dialog.box.hidden);
  }

  // Written only when the whole-minute figure changes, so a screen reader is
  // told at most once a minute. The description is read when the dialog opens;
  // the polite live region repeats later changes.
  function updateCountdown() {
    var text = minutesText(secondsLeft());
    if (text === lastMinutes) return;
    if (lastMinutes !== null) dialog.live.textContent = 'You will be signed out in ' + text + '.';
    lastMinutes = text;
    dialog.countdown.textContent = text;
  }

  function reset(time) {
    lastActivity = time;
    hide();
  }

  function staySignedIn() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    var token = meta ? meta.getAttribute('content') : '';
    fetch('/session/extend', {
      method: 'POST',
      body: new URLSearchParams({ _csrf: token }),
      credentials: 'same-origin'
    }).then(function (response) {
      if (response.status === 401 || response.status === 403) return expire();
      if (!response.ok) throw new Error('HTTP ' + response.status);
      var now = Date.now();
      share(now);
      reset(now);
    }).catch(function () {
      // Keep the dialog open so the user can retry or sign out.
      if (dialog) dialog.error.hidden = false;
    });
  }

  function expire() {
    clearInterval(tick);
    window.location.assign('/sign-in?timeout=1');
  }

  window.addEventListener('storage', function (event) {
    var time = parseInt(event.newValue, 10);
    if (event.key === STORAGE_KEY && time > lastActivity) reset(time);
  });

  share(lastActivity);

  tick = setInterval(function () {
    var left = secondsLeft();
    if (left <= 0) expire();
    else if (left <= warning) { show(); updateCountdown(); }
  }, 1000);
})();
