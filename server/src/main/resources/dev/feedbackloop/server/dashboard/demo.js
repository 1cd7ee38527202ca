// The widget demo: a token from ?token=, else one asked for with the dashboard session (admin).
'use strict';
(async function () {
  const slot = document.getElementById('slot');
  let token = new URLSearchParams(location.search).get('token');
  if (!token) {
    try {
      const r = await fetch('/api/v1/feedback-tokens', {
        method: 'POST', credentials: 'same-origin', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ prompt: 'Explain recursion to a ten-year-old.', output: 'Recursion is when something is'
          + ' described using a smaller copy of itself, like a set of nesting dolls.', output_id: 'widget-demo',
          context: { framework: 'demo' } })
      });
      const body = await r.json();
      if (!r.ok) throw new Error(body.detail || r.status);
      token = body.token;
    } catch (e) {
      document.getElementById('demo-status').textContent = 'No token: ' + e.message
        + '. Sign in with an admin key at /login, or give ?token=... in the address.';
      return;
    }
  }
  const w = document.createElement('feedback-rating');
  w.setAttribute('token', token);
  w.setAttribute('mode', 'both');
  w.setAttribute('comment', '');
  w.setAttribute('tags', 'wrong,too long,great');
  slot.replaceChildren(w);
})();
