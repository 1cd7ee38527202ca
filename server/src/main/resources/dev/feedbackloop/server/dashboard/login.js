// The login form: carries the page asked for, and says why a sign-in failed (by a fixed code only).
'use strict';
(function () {
  const params = new URLSearchParams(location.search);
  const next = params.get('next');
  if (next && next.startsWith('/') && !next.startsWith('//')) {
    document.getElementById('next').value = next;
  }
  const messages = {
    unknown: 'That key is unknown or revoked. Check it and try again.',
    scope: 'That key can only capture feedback. Sign in with a read or admin key.',
    'signed-out': 'You are signed out.',
    'too-many': 'Too many failed sign-ins from this address. Wait a minute, then try again.'
  };
  const text = messages[params.get('error')];
  if (text) {
    const m = document.getElementById('message');
    m.textContent = text;
    m.hidden = false;
  }
  document.getElementById('key').focus();
})();
