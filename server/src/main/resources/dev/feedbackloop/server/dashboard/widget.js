/* feedback-loop rating widget: <feedback-rating token="..." mode="thumbs|stars|both" comment tags="a,b">.
 * No dependencies. The token is the service's per-output feedback token: the page never holds a key.
 * Votes that cannot be sent wait in localStorage and are retried with backoff; each vote carries one
 * Idempotency-Key for all its attempts, so the service stores it once. A newer vote replaces a waiting one,
 * and is sent only once the one in flight has its answer (so they reach the service in the order given).
 * A vote the service refuses is not shown: the widget goes back to the last vote it accepted. */
(() => {
  'use strict';
  if (customElements.get('feedback-rating')) return;
  const script = document.currentScript;
  const BASE = script && script.src ? new URL(script.src).origin : location.origin;
  const BOX = 'feedback-rating:outbox';
  const SHOWN = 'feedback-rating:votes';
  const SAVED = 'feedback-rating:saved';
  const live = new Set();
  const inflight = new Set();
  let timer = 0;

  const read = (k) => { try { return JSON.parse(localStorage.getItem(k)) || {}; } catch (e) { return {}; } };
  const write = (k, v) => { try { localStorage.setItem(k, JSON.stringify(v)); } catch (e) { /* private mode */ } };
  const uuid = () => crypto.randomUUID ? crypto.randomUUID()
    : ([1e7] + -1e3 + -4e3 + -8e3 + -1e11).replace(/[018]/g, (c) => (c ^ crypto.getRandomValues(new Uint8Array(1))[0] & 15 >> c / 4).toString(16));

  function tell(token, state, text) {
    for (const w of live) if (w.token === token) w.status(state, text);
  }

  /** Shows the last vote the service accepted for {@code token} again (none: nothing selected). */
  function restore(token) {
    const saved = read(SAVED)[token];
    const shown = read(SHOWN);
    if (saved) shown[token] = saved; else delete shown[token];
    write(SHOWN, shown);
    for (const w of live) if (w.token === token) w.show(saved);
  }

  /** Sends what waits whose time has come; plans the next try of what failed. */
  async function flush() {
    clearTimeout(timer);
    const box = read(BOX);
    const now = Date.now();
    for (const [token, v] of Object.entries(box)) {
      if (v.next > now || inflight.has(token)) continue;
      let r;
      inflight.add(token);
      try {
        r = await fetch(v.api + '/api/v1/votes', {
          method: 'POST', mode: 'cors', credentials: 'omit',
          headers: { 'Content-Type': 'application/json', Authorization: 'Token ' + token, 'Idempotency-Key': v.id },
          body: JSON.stringify(v.body)
        });
      } catch (e) {
        r = null;
      }
      inflight.delete(token);
      if (r && r.ok) {
        const saved = read(SAVED);
        saved[token] = v.view;
        write(SAVED, saved);
      }
      const cur = read(BOX);
      if (!cur[token] || cur[token].id !== v.id) continue; // a newer vote took its place meanwhile
      if (r && (r.ok || (r.status >= 400 && r.status < 500 && r.status !== 408 && r.status !== 429))) {
        delete cur[token];
        write(BOX, cur);
        if (r.ok) {
          tell(token, 'sent', 'Thanks, your feedback is saved.');
        } else {
          restore(token);
          let detail = '';
          try { detail = (await r.json()).detail || ''; } catch (e) { /* not JSON */ }
          tell(token, 'refused', r.status === 403 || r.status === 401
            ? 'This rating link has expired or is not valid, so the vote was not saved. Reload the page to rate again.'
            : 'The vote was not accepted: ' + (detail || r.status));
        }
      } else {
        const tries = (v.tries || 0) + 1;
        const wait = Math.min(60000, 1000 * 2 ** (tries - 1)) * (0.75 + Math.random() / 2);
        cur[token] = Object.assign(v, { tries, next: Date.now() + wait });
        write(BOX, cur);
        tell(token, 'waiting', 'Saved on this device; sending when the connection is back (try ' + tries + ').');
      }
    }
    const left = Object.values(read(BOX));
    if (left.length) timer = setTimeout(flush, Math.max(50, Math.min(...left.map((v) => v.next)) - Date.now()));
  }
  addEventListener('online', flush);
  addEventListener('storage', (e) => { if (e.key === BOX) flush(); });

  const CSS = `:host{all:initial;display:inline-block;font:14px/1.4 system-ui,sans-serif;color:#1b1f24;--b:#d0d7de;--a:#0969da;--bg:#fff;--o:#6e7781;--g:#9a6700}
@media (prefers-color-scheme:dark){:host{color:#e6edf3;--b:#30363d;--a:#79c0ff;--bg:#0d1117;--o:#8b949e;--g:#d29922}}
.w{display:flex;flex-wrap:wrap;gap:.4em;align-items:center;background:var(--bg);padding:.2em}
button{font:inherit;color:inherit;background:transparent;border:1px solid var(--b);border-radius:6px;min-width:2.2em;min-height:2.2em;cursor:pointer;transition:transform .15s}
button:hover{border-color:var(--a)}button:active{transform:scale(.92)}
button:focus-visible,textarea:focus-visible{outline:3px solid var(--a);outline-offset:2px}
button[aria-pressed=true],button[aria-checked=true]{background:var(--a);color:var(--bg);border-color:var(--a)}
.s{display:inline-flex;gap:.15em}svg{width:1.2em;height:1.2em;vertical-align:middle}.s button{border:none;font-size:1.3em;min-width:1.6em}
.s button{color:var(--o)}.s button[aria-checked=true],.s button.on{background:none;color:var(--g)}
textarea{font:inherit;color:inherit;background:var(--bg);border:1px solid var(--b);border-radius:6px;width:100%;max-width:36em;min-height:3em;box-sizing:border-box}
label{display:block;width:100%}.st{width:100%;margin:0;min-height:1.4em;font-size:.9em}
.refused{color:#cf222e}.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
@media (prefers-reduced-motion:reduce){button{transition:none}button:active{transform:none}}`;
  let sheet = null;
  const view = (v) => ({ rating: (v && v.rating) || null, thumbs: v && v.thumbs != null ? v.thumbs : null,
    notes: (v && v.notes) || '', tags: (v && v.tags) || [] });
  // a thumb drawn as SVG (Material Icons' thumb_up, Apache-2.0): no emoji font needed
  const THUMB = 'M1 21h4V9H1v12zm22-11c0-1.1-.9-2-2-2h-6.31l.95-4.57.03-.32c0-.41-.17-.79-.44-1.06L14.17 1 7.59 7.59C7.22 7.95 7 8.45 7 9v10c0 1.1.9 2 2 2h9c.83 0 1.54-.5 1.84-1.22l3.02-7.05c.09-.23.14-.47.14-.73v-2z';
  function thumb(down) {
    const ns = 'http://www.w3.org/2000/svg';
    const svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('aria-hidden', 'true');
    if (down) svg.setAttribute('transform', 'rotate(180)');
    const path = document.createElementNS(ns, 'path');
    path.setAttribute('d', THUMB);
    path.setAttribute('fill', 'currentColor');
    svg.append(path);
    return svg;
  }

  class FeedbackRating extends HTMLElement {
    connectedCallback() {
      live.add(this);
      if (this.shadowRoot) return;
      this.token = this.getAttribute('token') || '';
      this.api = (this.getAttribute('api') || BASE).replace(/\/$/, '');
      const mode = this.getAttribute('mode') || 'thumbs';
      const root = this.attachShadow({ mode: 'open' });
      if (root.adoptedStyleSheets !== undefined && 'replaceSync' in CSSStyleSheet.prototype) {
        sheet = sheet || new CSSStyleSheet();
        if (!sheet.cssRules.length) sheet.replaceSync(CSS);
        root.adoptedStyleSheets = [sheet];
      } else {
        root.append(Object.assign(document.createElement('style'), { textContent: CSS }));
      }
      this.vote = view(read(SHOWN)[this.token]);
      const w = this.node('div', { class: 'w', role: 'group', 'aria-label': this.getAttribute('label') || 'Rate this answer' });
      if (mode !== 'stars') {
        this.up = this.button('', 'Helpful', () => this.set({ thumbs: true }));
        this.down = this.button('', 'Not helpful', () => this.set({ thumbs: false }));
        this.up.append(thumb(false));
        this.down.append(thumb(true));
        w.append(this.up, this.down);
      }
      if (mode !== 'thumbs') {
        this.stars = this.node('div', { class: 's', role: 'radiogroup', 'aria-label': 'Stars, 1 to 5' });
        for (let i = 1; i <= 5; i++) {
          const b = this.node('button', { type: 'button', role: 'radio', 'aria-label': i + (i > 1 ? ' stars' : ' star') }, '★');
          b.addEventListener('click', () => this.set({ rating: i }));
          b.addEventListener('keydown', (e) => this.arrows(e, i));
          this.stars.append(b);
        }
        w.append(this.stars);
      }
      const offered = (this.getAttribute('tags') || '').split(',').map((t) => t.trim()).filter(Boolean);
      this.tagButtons = offered.map((t) => this.button(t, 'Tag ' + t, () => {
        const tags = this.vote.tags.includes(t) ? this.vote.tags.filter((x) => x !== t) : this.vote.tags.concat(t);
        this.set({ tags });
      }));
      w.append(...this.tagButtons);
      if (this.hasAttribute('comment')) {
        const id = 'c';
        this.text = this.node('textarea', { id, maxlength: '2000' });
        this.text.value = this.vote.notes;
        const send = this.button('Send comment', null, () => this.set({ notes: this.text.value.trim() }));
        w.append(this.node('label', { for: id }, 'Comment (optional)'), this.text, send);
      }
      this.st = this.node('p', { class: 'st', role: 'status', 'aria-live': 'polite' });
      w.append(this.st);
      root.append(w);
      this.render();
      if (!this.token) this.status('refused', 'This rating has no token: the page must set token="...".');
      else if (read(BOX)[this.token]) { this.status('waiting', 'Sending your earlier vote…'); flush(); }
    }

    /** Shows {@code v} as the vote (none: nothing selected), e.g. after the service refused a newer one. */
    show(v) {
      this.vote = view(v);
      if (this.text) this.text.value = this.vote.notes;
      this.render();
    }

    disconnectedCallback() {
      live.delete(this);
    }

    node(tag, attrs, text) {
      const e = document.createElement(tag);
      for (const k in attrs) e.setAttribute(k, attrs[k]);
      if (text) e.textContent = text;
      return e;
    }

    button(text, label, onclick) {
      const b = this.node('button', { type: 'button' }, text);
      if (label) b.setAttribute('aria-label', label);
      b.addEventListener('click', onclick);
      return b;
    }

    arrows(e, i) {
      const d = { ArrowRight: 1, ArrowUp: 1, ArrowLeft: -1, ArrowDown: -1 }[e.key];
      if (!d) return;
      e.preventDefault();
      const n = Math.min(5, Math.max(1, i + d));
      this.set({ rating: n });
      this.stars.children[n - 1].focus();
    }

    /** A change of the vote: shown at once, kept, and sent (replacing a vote still waiting). */
    set(change) {
      if (!this.token) return;
      Object.assign(this.vote, change);
      const v = this.vote;
      const rating = v.rating || (v.thumbs === false ? 1 : 5);
      const thumbs = v.thumbs == null ? rating >= 4 : v.thumbs;
      if (v.rating == null && v.thumbs == null) return this.render();
      const body = { rating, thumbs_up: thumbs };
      if (v.notes) body.notes = v.notes;
      if (v.tags.length) body.tags = v.tags;
      const shown = read(SHOWN);
      shown[this.token] = v;
      write(SHOWN, shown);
      const box = read(BOX);
      box[this.token] = { id: uuid(), body, view: v, api: this.api, next: 0, tries: 0 };
      write(BOX, box);
      this.render();
      this.status('waiting', 'Sending…');
      flush();
    }

    render() {
      const v = this.vote;
      if (this.up) {
        this.up.setAttribute('aria-pressed', String(v.thumbs === true));
        this.down.setAttribute('aria-pressed', String(v.thumbs === false));
      }
      if (this.stars) {
        [...this.stars.children].forEach((b, i) => {
          b.setAttribute('aria-checked', String(v.rating === i + 1));
          b.classList.toggle('on', !!v.rating && i < v.rating);
          b.tabIndex = (v.rating ? v.rating === i + 1 : i === 0) ? 0 : -1;
        });
      }
      this.tagButtons.forEach((b) => b.setAttribute('aria-pressed', String(v.tags.includes(b.textContent))));
    }

    status(state, text) {
      this.st.className = 'st ' + state;
      this.st.textContent = text;
      this.setAttribute('state', state);
    }
  }
  customElements.define('feedback-rating', FeedbackRating);
  if (Object.keys(read(BOX)).length) flush();
})();
