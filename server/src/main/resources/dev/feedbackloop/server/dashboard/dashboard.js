// The dashboard: one page, filled from the public API (/api/v1) with the session cookie.
// Everything from the data is put in the page as text (textContent), never as markup.
'use strict';
(function () {
  const params = new URLSearchParams(location.search);
  const $ = (id) => document.getElementById(id);
  const status = $('status');
  let plots = [];
  let overviewAsked = 0; // the overview's latest request: an older answer arriving after it is not shown

  // ---- small helpers -------------------------------------------------------------------------

  /** An element with attributes and children (strings become text nodes). */
  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === 'class') e.className = v;
      else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v === true ? '' : String(v));
    }
    for (const c of children.flat()) {
      if (c === null || c === undefined) continue;
      e.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return e;
  }

  // numbers as the command line prints them (Figures.java)
  const pct = (p) => (p * 100).toFixed(1) + '%';
  const range = (i) => i ? '[' + pct(i.low) + ', ' + pct(i.high) + ']' : '';
  const signed = (x) => (x >= 0 ? '+' : '') + x.toFixed(1);
  const count = (n) => Math.round(n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const pval = (p) => p < 0.0001 ? '<0.0001' : p.toFixed(4);
  const rating = (r) => r.toFixed(2);

  function say(text) {
    status.textContent = text;
  }

  /** GET or POST JSON on the API; a problem+json answer becomes an Error with its detail. */
  async function api(path, body) {
    const init = { headers: { Accept: 'application/json' }, credentials: 'same-origin' };
    if (body !== undefined) {
      init.method = 'POST';
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    const r = await fetch(path, init);
    if (r.status === 401) {
      location.assign('/login?next=' + encodeURIComponent(location.pathname + location.search));
      throw new Error('signed out');
    }
    const type = r.headers.get('Content-Type') || '';
    if (!r.ok) {
      let detail = r.status + ' ' + r.statusText;
      if (type.includes('json')) {
        const p = await r.json();
        detail = p.detail || p.title || detail;
      }
      const e = new Error(detail);
      e.status = r.status;
      throw e;
    }
    return type.includes('json') ? r.json() : r.blob();
  }

  function table(columns, rows, caption) {
    if (!rows.length) {
      return el('p', { class: 'empty' }, 'Nothing to show.');
    }
    return el('table', {},
      caption ? el('caption', { class: 'visually-hidden' }, caption) : null,
      el('thead', {}, el('tr', {}, columns.map((c) => el('th', { scope: 'col', class: c.num ? 'num' : null }, c.label)))),
      el('tbody', {}, rows.map((r) => el('tr', {}, columns.map((c, i) => {
        const v = c.value(r);
        return i === 0 ? el('th', { scope: 'row' }, v) : el('td', { class: c.num ? 'num' : null }, v);
      })))));
  }

  // ---- views -----------------------------------------------------------------------------------

  const view = params.get('entry') ? 'entry' : (params.get('view') || 'overview');
  for (const a of document.querySelectorAll('nav a')) {
    if (a.dataset.view === view) a.setAttribute('aria-current', 'page');
  }
  const section = $('view-' + view) || $('view-overview');
  section.hidden = false;

  api('/api/v1/session').then((s) => {
    $('who').textContent = 'Signed in with key ' + s.key + ' (' + s.scope + ')';
  }).catch(() => {});

  const start = { overview, explorer, entry, reports, suggestions, router, alerts }[view] || overview;
  start().catch((e) => say('Could not load: ' + e.message));

  // ---- overview ----------------------------------------------------------------------------------

  function isoWeek(d) {
    const t = new Date(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()));
    const day = t.getUTCDay() || 7;
    t.setUTCDate(t.getUTCDate() + 4 - day);
    const year = t.getUTCFullYear();
    const week = Math.ceil(((t - Date.UTC(year, 0, 1)) / 86400000 + 1) / 7);
    return year + '-W' + String(week).padStart(2, '0');
  }

  function periodOptions(current) {
    const now = new Date();
    const options = [['7d', 'Last 7 days'], ['30d', 'Last 30 days'], ['90d', 'Last 90 days']];
    for (let i = 0; i < 4; i++) {
      const w = isoWeek(new Date(now.getFullYear(), now.getMonth(), now.getDate() - 7 * i));
      options.push([w, 'Week ' + w]);
    }
    for (let i = 0; i < 4; i++) {
      const m = new Date(now.getFullYear(), now.getMonth() - i, 1);
      const label = m.getFullYear() + '-' + String(m.getMonth() + 1).padStart(2, '0');
      options.push([label, 'Month ' + label]);
    }
    if (!options.some((o) => o[0] === current)) options.push([current, current]);
    return options;
  }

  function fill(select, values, current) {
    const keep = select.options[0];
    select.replaceChildren(keep);
    const all = new Set(values);
    if (current) all.add(current);
    for (const v of [...all].sort()) select.append(el('option', { value: v }, v));
    select.value = current || '';
  }

  function overviewState() {
    const p = new URLSearchParams(location.search);
    return {
      period: p.get('period') || '30d', framework: p.get('framework') || '', model: p.get('model') || '',
      tag: p.get('tag') || '', bucket: p.get('bucket') || (p.get('period') === '90d' ? 'week' : 'day')
    };
  }

  async function overview() {
    const state = overviewState();
    $('empty-curl').textContent = $('empty-curl').textContent.replace('http://HOST', location.origin);
    const period = $('f-period');
    for (const [v, label] of periodOptions(state.period)) period.append(el('option', { value: v }, label));
    period.value = state.period;
    $('f-bucket').value = state.bucket;
    $('filters').addEventListener('change', () => {
      const next = new URLSearchParams();
      for (const name of ['period', 'framework', 'model', 'tag', 'bucket']) {
        const v = $('f-' + name).value;
        if (v && !(name === 'bucket' && v === 'day')) next.set(name, v);
      }
      history.pushState(null, '', '/?' + next.toString());
      loadOverview(true);
    });
    window.addEventListener('popstate', () => loadOverview(true));
    await loadOverview(true);
    // live: new feedback appears without a reload (the answer is at most ~5 s old, so a poll is cheap)
    setInterval(() => {
      if (document.visibilityState === 'visible') loadOverview(false).catch(() => {});
    }, 5000);
  }

  let lastOverview = null;

  async function loadOverview(announce) {
    const s = overviewState();
    const asked = ++overviewAsked;
    const q = new URLSearchParams({ period: s.period, bucket: s.bucket });
    for (const k of ['framework', 'model', 'tag']) if (s[k]) q.set(k, s[k]);
    if (announce) say('Loading the overview…');
    document.body.classList.add('loading');
    try {
      const o = await api('/api/v1/overview?' + q.toString());
      if (asked !== overviewAsked) {
        return; // the view changed (or a newer poll went out) while this was on its way
      }
      const same = JSON.stringify(Object.assign({}, o, { computed_at: null }));
      if (!announce && same === lastOverview) {
        return; // nothing new: leave the page (and the reader's focus) alone
      }
      lastOverview = same;
      showOverview(o, s);
      if (!performance.getEntriesByName('overview-shown').length) {
        performance.mark('overview-shown'); // the first meaningful paint: numbers and charts are in place
      }
      say(announce ? 'Overview of ' + o.period + (Object.keys(o.filters).length ? ' for ' + Object.entries(o.filters)
        .map(([k, v]) => k + ' ' + v).join(', ') : '') + ': ' + count(o.current.count) + ' entries.' : status.textContent);
      loadPhrases(s.period, Object.keys(o.filters));
    } finally {
      document.body.classList.remove('loading');
    }
  }

  function showOverview(o, s) {
    fill($('f-framework'), Object.keys(o.frameworks), s.framework);
    fill($('f-model'), Object.keys(o.models), s.model);
    fill($('f-tag'), Object.keys(o.tags), s.tag);
    $('f-period').value = s.period;
    $('f-bucket').value = s.bucket;
    const c = o.current;
    const p = o.previous;
    $('overview-empty').hidden = c.count > 0;
    $('c-rate').textContent = c.count ? pct(c.success_rate) : '–';
    $('c-rate-ci').textContent = c.count ? '95% interval ' + range(c.ci) : 'no entries';
    $('c-count').textContent = count(c.count);
    $('c-count-prev').textContent = count(p.count) + ' in the previous period';
    $('c-avg').textContent = c.count ? rating(c.avg_rating) : '–';
    $('c-avg-prev').textContent = p.count ? rating(p.avg_rating) + ' in the previous period' : 'previous period empty';
    if (o.change) {
      $('c-change').textContent = signed(o.change.points) + ' points';
      $('c-change-sub').textContent = '[' + signed(o.change.ci.low) + ', ' + signed(o.change.ci.high) + '], p = '
        + pval(o.change.p_value) + (o.change.significant ? ': significant' : ': not significant');
      $('c-change').className = 'big ' + (o.change.significant ? (o.change.points < 0 ? 'bad' : 'good') : '');
    } else {
      $('c-change').textContent = '–';
      $('c-change').className = 'big';
      $('c-change-sub').textContent = 'nothing to compare with';
    }
    drawCharts(o.points);
    const groupColumns = (kind) => [
      { label: kind, value: (r) => el('a', { href: '/?' + filterLink(kind, r[0]) }, r[0]) },
      { label: 'Entries', num: true, value: (r) => count(r[1].count) },
      { label: 'Success', num: true, value: (r) => pct(r[1].success_rate) },
      { label: '95% interval', num: true, value: (r) => range(r[1].ci) },
      { label: 'Avg rating', num: true, value: (r) => rating(r[1].avg_rating) },
      { label: 'Support', value: (r) => r[1].enough_data ? 'enough' : 'too few' }];
    $('table-frameworks').replaceChildren(table(groupColumns('framework'), Object.entries(o.frameworks), 'Frameworks'));
    $('table-models').replaceChildren(table(groupColumns('model'), Object.entries(o.models), 'Models'));
    $('table-tags').replaceChildren(table(groupColumns('tag'), Object.entries(o.tags), 'Tags'));
    // The headline difference is the one within task types (adjusted); the raw one is beside it, and a
    // finding whose two disagree is shown with its note even when only the raw one is significant.
    const shown = o.findings.filter((f) => f.significant || f.note);
    const types = Object.entries(o.task_types || {});
    $('task-types').textContent = types.length
      ? 'Compared within task types: ' + types.map(([t, c]) => t + ' ' + count(c.count)
        + (c.classified ? ' (' + count(c.classified) + ' classified)' : '')).join(', ')
        + '. Significant findings, and raw differences that task types explain (with a note).'
      : 'Compared over all entries (task types are not known for all of this period\'s entries): significant findings.';
    const points = (d, i) => signed(d * 100) + ' [' + signed(i.low * 100) + ', ' + signed(i.high * 100) + ']';
    $('findings').replaceChildren(shown.length ? table([
      { label: 'Group', value: (f) => f.task_type ? el('span', {}, f.kind + ' ' + f.name + ' ',
        el('span', { class: 'sub' }, 'in ' + f.task_type + ' tasks')) : f.kind + ' ' + f.name },
      { label: 'Success with', num: true, value: (f) => pct(f.rate_with) + ' of ' + count(f.support) },
      { label: 'Without', num: true, value: (f) => pct(f.rate_without) + ' of ' + count(f.support_without) },
      { label: types.length ? 'Difference within task types (points)' : 'Difference (points)', num: true, value: (f) => el('strong', {}, points(f.effect, f.ci)) },
      { label: 'Raw difference', num: true, value: (f) => f.raw ? points(f.raw.effect, f.raw.ci)
          + (f.raw.significant ? '' : ' (n.s.)') : '' },
      { label: 'q (BH)', num: true, value: (f) => pval(f.q_value) + (f.significant ? '' : ' (n.s.)') },
      { label: 'Note', value: (f) => f.note ? el('span', { class: 'note' }, f.note) : '' }], shown, 'Findings')
      : el('p', { class: 'empty' }, 'No finding is significant after false-discovery control'
        + (o.current.count < 2 * o.min_support ? ': with fewer than ' + count(2 * o.min_support)
          + ' entries, capture more feedback first.' : '.')));
  }

  function filterLink(kind, name) {
    const s = overviewState();
    const q = new URLSearchParams();
    if (s.period !== '30d') q.set('period', s.period);
    for (const k of ['framework', 'model', 'tag']) if (s[k]) q.set(k, s[k]);
    q.set(kind, name);
    return q.toString();
  }

  function drawCharts(points) {
    for (const p of plots) p.destroy();
    plots = [];
    const rate = $('chart-rate');
    const volume = $('chart-volume');
    if (!points.length || typeof uPlot === 'undefined') {
      rate.replaceChildren(el('p', { class: 'empty' }, 'No points to draw.'));
      volume.replaceChildren();
      return;
    }
    rate.replaceChildren();
    volume.replaceChildren();
    const xs = points.map((p) => Date.parse(p.start + 'T00:00:00') / 1000);
    const width = Math.max(280, rate.clientWidth || 600);
    const dark = matchMedia('(prefers-color-scheme: dark)').matches;
    const axis = { stroke: dark ? '#ddd' : '#333', grid: { stroke: dark ? '#444' : '#e5e5e5' } };
    plots.push(new uPlot({
      width, height: 240, legend: { show: true },
      scales: { y: { range: [0, 100] } },
      series: [{}, { label: 'success %', stroke: '#1f6feb', width: 2, value: (u, v) => v == null ? '–' : v.toFixed(1) + '%' },
        { label: 'low', stroke: 'transparent', show: true, value: (u, v) => v == null ? '–' : v.toFixed(1) + '%' },
        { label: 'high', stroke: 'transparent', value: (u, v) => v == null ? '–' : v.toFixed(1) + '%' }],
      bands: [{ series: [3, 2], fill: 'rgba(31,111,235,0.18)' }],
      axes: [axis, Object.assign({ values: (u, vs) => vs.map((v) => v + '%') }, axis)]
    }, [xs, points.map((p) => p.success_rate * 100), points.map((p) => p.ci.low * 100),
      points.map((p) => p.ci.high * 100)], rate));
    plots.push(new uPlot({
      width: Math.max(260, volume.clientWidth || 300), height: 240, legend: { show: true },
      series: [{}, { label: 'entries', stroke: '#8250df', fill: 'rgba(130,80,223,0.25)', width: 1,
        paths: uPlot.paths.bars({ size: [0.6, 40] }) }],
      axes: [axis, axis]
    }, [xs, points.map((p) => p.count)], volume));
  }

  // Phrases come from the analysis (/api/v1/analysis), which knows a number of days back from now and
  // no filters: the note under the heading says what they cover when that differs from the view.
  async function loadPhrases(period, filters) {
    const days = { '7d': 7, '30d': 30, '90d': 90 }[period] || 30;
    $('phrases-note').textContent = 'From the analysis of the last ' + days + ' days, all entries'
      + (period in { '7d': 1, '30d': 1, '90d': 1 } ? '' : ' (not ' + period + ': calendar periods use the last 30 days)')
      + (filters.length ? '; the ' + filters.join(' and ') + ' filter' + (filters.length > 1 ? 's do' : ' does')
        + ' not apply to phrases' : '') + '.';
    try {
      const a = await api('/api/v1/analysis?days=' + days);
      const rows = (a.common_negative_patterns || []).slice(0, 10);
      $('phrases').replaceChildren(table([
        { label: 'Phrase', value: (r) => r.phrase },
        { label: 'Source', value: (r) => r.source },
        { label: 'z', num: true, value: (r) => r.z_score.toFixed(2) },
        { label: 'Failed entries with it', num: true, value: (r) => count(r.negative_entries_with) },
        { label: 'Successful entries with it', num: true, value: (r) => count(r.positive_entries_with) }], rows, 'Phrases'));
    } catch (e) {
      $('phrases').replaceChildren(el('p', { class: 'empty' }, e.status === 422
        ? 'Not enough feedback in the last ' + days + ' days for phrase statistics: ' + e.message : 'Could not load: ' + e.message));
    }
  }

  // ---- explorer ----------------------------------------------------------------------------------

  let cursor = null;
  const selected = new Set();

  async function explorer() {
    const form = $('search');
    for (const [k, v] of params) {
      const input = form.elements[k];
      if (input) input.value = k === 'since' || k === 'until' ? v.slice(0, 10) : v;
    }
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const q = new URLSearchParams({ view: 'explorer' });
      for (const input of form.elements) if (input.name && input.value) q.set(input.name, input.value);
      history.pushState(null, '', '/?' + q.toString());
      search(true);
    });
    $('more').addEventListener('click', () => search(false));
    $('export-csv').addEventListener('click', () => exportSelected('csv'));
    $('export-jsonl').addEventListener('click', () => exportSelected('jsonl'));
    await search(true);
  }

  async function search(fresh) {
    const p = new URLSearchParams(location.search);
    const q = new URLSearchParams({ limit: '50' });
    for (const k of ['q', 'framework', 'model', 'tags', 'min_rating', 'max_rating', 'thumbs_up']) {
      if (p.get(k)) q.set(k, p.get(k));
    }
    if (p.get('since')) q.set('since', p.get('since') + 'T00:00:00');
    if (p.get('until')) q.set('until', p.get('until') + 'T23:59:59');
    if (!fresh && cursor) q.set('cursor', cursor);
    say('Searching…');
    let page;
    try {
      page = await api('/api/v1/feedback?' + q.toString());
    } catch (e) {
      say('Search failed: ' + e.message);
      return;
    }
    const results = $('results');
    let body = results.querySelector('tbody');
    if (fresh || !body) {
      selected.clear();
      updateSelection();
      body = el('tbody');
      results.replaceChildren(el('table', {}, el('caption', { class: 'visually-hidden' }, 'Feedback entries, newest first'),
        el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, el('span', { class: 'visually-hidden' }, 'Select')),
          ['Time', 'Rating', 'Thumbs', 'Framework', 'Prompt', 'Notes'].map((h) => el('th', { scope: 'col' }, h)))), body));
    }
    for (const e of page.entries) {
      const box = el('input', { type: 'checkbox', 'aria-label': 'Select entry ' + e.feedback_id });
      box.addEventListener('change', () => {
        if (box.checked) selected.add(e.feedback_id); else selected.delete(e.feedback_id);
        updateSelection();
      });
      body.append(el('tr', {}, el('td', {}, box),
        el('td', {}, el('a', { href: '/?entry=' + encodeURIComponent(e.feedback_id) }, e.timestamp.replace('T', ' ').slice(0, 19))),
        el('td', { class: 'num' }, String(e.rating)),
        el('td', {}, e.thumbs_up ? 'up' : 'down'),
        el('td', {}, (e.context && e.context.framework) || ''),
        el('td', { class: 'text' }, short(e.prompt, 120)),
        el('td', { class: 'text' }, short(e.notes || '', 80))));
    }
    cursor = page.next_cursor;
    $('more').hidden = !cursor;
    const shown = body.children.length;
    $('examined').textContent = page.examined ? count(page.examined) + ' entries looked at for this page' : '';
    say(shown ? count(shown) + ' entries shown' + (cursor ? '; more with "Load more"' : '') + '.'
      : cursor ? 'No match among the entries looked at so far: "Load more" searches older ones.'
        : 'No entries match. Loosen the filters, or capture feedback first (feedback demo).');
  }

  function short(text, n) {
    return text.length > n ? text.slice(0, n - 1) + '…' : text;
  }

  function updateSelection() {
    $('export-csv').disabled = $('export-jsonl').disabled = selected.size === 0;
    $('selected-count').textContent = selected.size ? count(selected.size) + ' selected' : '';
  }

  async function exportSelected(format) {
    const blob = await api('/api/v1/feedback/export', { ids: [...selected], format });
    const a = el('a', { href: URL.createObjectURL(blob), download: 'feedback-selection.' + format });
    document.body.append(a);
    a.click();
    a.remove();
    say('Exported ' + count(selected.size) + ' entries as ' + format.toUpperCase() + '.');
  }

  // ---- one entry ------------------------------------------------------------------------------------

  async function entry() {
    const id = params.get('entry');
    let e;
    try {
      e = await api('/api/v1/feedback/' + encodeURIComponent(id));
    } catch (err) {
      $('entry').replaceChildren(el('p', { class: 'empty' }, err.status === 404
        ? 'No feedback entry has this id. It may have been deleted; search for it in the explorer.' : err.message));
      return;
    }
    const ctx = e.context || {};
    const routingKeys = ['task_type', 'primary_framework', 'framework', 'techniques', 'model', 'model_recommendation',
      'confidence', 'rule_framework', 'mode'];
    const fmt = (v) => typeof v === 'string' ? v : JSON.stringify(v);
    const dl = (pairs) => el('dl', { class: 'facts' }, pairs.flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v)]));
    $('entry-title').textContent = 'Feedback entry ' + e.feedback_id;
    $('entry').replaceChildren(
      dl([['Time', e.timestamp], ['Rating', String(e.rating) + ' of 5'], ['Thumbs', e.thumbs_up ? 'up' : 'down'],
        ['Tags', (e.tags || []).join(', ') || 'none']]),
      el('h2', {}, 'Prompt'), el('pre', { class: 'text' }, e.prompt),
      el('h2', {}, 'Output'), el('pre', { class: 'text' }, e.output),
      el('h2', {}, 'Notes'), el('p', {}, e.notes || 'none'),
      el('h2', {}, 'Routing decision'),
      Object.keys(ctx).some((k) => routingKeys.includes(k))
        ? dl(routingKeys.filter((k) => k in ctx).map((k) => [k, fmt(ctx[k])]))
        : el('p', {}, 'This entry was not attributed to a routing decision.'),
      el('h2', {}, 'Votes'),
      ctx.output_id || ctx.rater_id ? dl([['Output', fmt(ctx.output_id || '')], ['Rater', fmt(ctx.rater_id || '')]])
        : el('p', {}, 'A single capture, not a vote on a kept output.'),
      el('div', { id: 'entry-votes' }),
      el('h2', {}, 'Context'),
      Object.keys(ctx).length ? dl(Object.entries(ctx).map(([k, v]) => [k, fmt(v)])) : el('p', {}, 'none'));
    say('');
    if (ctx.output_id && ctx.rater_id) {
      const v = await api('/api/v1/feedback/' + encodeURIComponent(id) + '/votes');
      $('entry-votes').replaceChildren(v.replaced.length ? table([
        { label: 'Earlier vote', value: (r) => r.timestamp.replace('T', ' ').slice(0, 19) },
        { label: 'Rating', num: true, value: (r) => String(r.rating) },
        { label: 'Thumbs', value: (r) => r.thumbs_up ? 'up' : 'down' },
        { label: 'Notes', value: (r) => r.notes || '' }], v.replaced, 'Earlier votes')
        : el('p', {}, 'This is the rater\'s only vote on this output.'));
    }
  }

  // ---- reports ------------------------------------------------------------------------------------

  async function reports() {
    const generate = async (kind) => {
      say('Generating the ' + kind + ' report…');
      const r = await api('/api/v1/reports/' + kind);
      say('Generated the ' + kind + ' report ' + r.period + '.');
      await listReports();
    };
    $('gen-weekly').addEventListener('click', () => generate('weekly').catch((e) => say(e.message)));
    $('gen-monthly').addEventListener('click', () => generate('monthly').catch((e) => say(e.message)));
    await listReports();
  }

  async function listReports() {
    const r = await api('/api/v1/reports');
    $('reports').replaceChildren(r.reports.length ? table([
      { label: 'Report', value: (x) => x.period + ' ' + x.label },
      { label: 'View', value: (x) => el('a', { href: x.href + '?format=html', target: '_blank', rel: 'noopener' }, 'HTML report') },
      { label: 'Download', value: (x) => el('span', {}, el('a', { href: x.href + '?format=html&download=true' }, 'HTML'), ' · ',
          el('a', { href: x.href + '?format=markdown&download=true' }, 'Markdown'), ' · ',
          el('a', { href: x.href + '?format=json&download=true' }, 'JSON')) }], r.reports, 'Saved reports')
      : el('p', { class: 'empty' }, 'No reports saved in the last 12 weeks or months: generate one above, or run '
        + '"feedback report --period weekly" on the server\'s machine.'));
  }

  // ---- suggestions --------------------------------------------------------------------------------

  async function suggestions() {
    $('suggest-form').addEventListener('submit', async (e) => {
      e.preventDefault();
      const body = { days: Number($('g-days').value) || 7 };
      if ($('g-framework').value.trim()) body.framework = $('g-framework').value.trim();
      say('Asking for suggestions…');
      try {
        const r = await api('/api/v1/suggestions', body);
        const prov = r.provenance || r;
        $('suggestions').replaceChildren(
          el('p', {}, 'Source: ' + (prov.source || 'unknown') + (prov.model ? ' (' + prov.model + ')' : '')
            + (prov.fallback_reason ? '; fell back to rules: ' + prov.fallback_reason : '')),
          ...(r.notes || []).map((n) => el('p', { class: 'sub' }, n)),
          r.suggestions.length ? el('ol', {}, r.suggestions.map((s) => el('li', {}, el('strong', {}, s.technique),
            el('p', {}, s.reasoning), s.example ? el('pre', { class: 'text' }, s.example) : null,
            s.addresses ? el('p', { class: 'sub' }, 'Evidence: ' + s.addresses) : null)))
            : el('p', { class: 'empty' }, 'No suggestions.'));
        say('');
      } catch (err) {
        $('suggestions').replaceChildren(el('p', { class: 'empty' }, err.status === 422
          ? 'Not enough feedback for suggestions: ' + err.message : err.message));
        say('');
      }
    });
    $('rewrite-form').addEventListener('submit', async (e) => {
      e.preventDefault();
      say('Rewriting…');
      try {
        const r = await api('/api/v1/rewrite', { prompt: $('r-prompt').value });
        const prov = r.provenance || r;
        $('rewrite').replaceChildren(el('p', {}, 'Source: ' + (prov.source || 'unknown')),
          el('h3', {}, 'Rewritten prompt'), el('pre', { class: 'text' }, r.rewritten_prompt),
          el('ul', {}, (r.changes || []).map((c) => el('li', {}, c.change + ': ' + c.reason))),
          ...(r.notes || []).map((n) => el('p', { class: 'sub' }, n)));
        say('');
      } catch (err) {
        $('rewrite').replaceChildren(el('p', { class: 'empty' }, err.message));
        say('');
      }
    });
  }

  // ---- router ----------------------------------------------------------------------------------------

  function candidates(cands) {
    return table([
      { label: 'Framework', value: (c) => c.framework },
      { label: 'Source', value: (c) => c.source },
      { label: 'Outcomes', num: true, value: (c) => count(c.outcomes) },
      { label: 'Positive', num: true, value: (c) => count(c.positives) },
      { label: 'Posterior mean', num: true, value: (c) => pct(c.posterior_mean) },
      { label: '95% credible interval', num: true, value: (c) => range({ low: c.credible_interval_95[0], high: c.credible_interval_95[1] }) },
      { label: 'P(best)', num: true, value: (c) => pct(c.probability_best) },
      { label: 'Over time', value: (c) => el('a', { href: '/?' + new URLSearchParams({ period: '90d', framework: c.framework, bucket: 'week' }) }, 'overview') }],
    cands, 'Candidates');
  }

  // How the success rate of a task type's routed prompts moved: a weekly line with its 95% band, and per
  // week what was chosen how often (a table, which is also what a screen reader gets).
  function trend(t) {
    const weeks = (t.trend && t.trend.weeks) || [];
    const rated = weeks.filter((w) => w.outcomes > 0);
    if (!rated.length) {
      return el('p', { class: 'empty' }, 'No routed prompts of this type were rated in the last 90 days.');
    }
    const plot = el('div', { class: 'plot trend-plot', role: 'img',
      'aria-label': 'Weekly success rate of routed ' + t.task_type + ' prompts with its 95% interval' });
    const chosen = (w) => Object.entries(w.chosen).sort((a, b) => b[1] - a[1]).map(([f, n]) => f + ' ' + count(n)).join(', ');
    return el('div', { class: 'trend' },
      el('figure', { class: 'chart' }, el('figcaption', {}, 'Success rate of routed prompts per week (last 90 days), 95% interval as a band'), plot),
      table([
        { label: 'Week of', value: (w) => w.start },
        { label: 'Rated', num: true, value: (w) => count(w.outcomes) },
        { label: 'Success', num: true, value: (w) => pct(w.success_rate) },
        { label: '95% interval', num: true, value: (w) => range(w.ci) },
        { label: 'Chosen (rated outcomes per framework)', value: chosen }],
      rated, 'Routed prompts per week'));
  }

  function drawTrend(section, t) {
    const box = section.querySelector('.trend-plot');
    if (!box || typeof uPlot === 'undefined') return;
    const weeks = t.trend.weeks;
    const xs = weeks.map((w) => Date.parse(w.start + 'T00:00:00Z') / 1000);
    const at = (f) => weeks.map((w) => w.outcomes > 0 ? f(w) * 100 : null);
    const dark = matchMedia('(prefers-color-scheme: dark)').matches;
    const axis = { stroke: dark ? '#ddd' : '#333', grid: { stroke: dark ? '#444' : '#e5e5e5' } };
    const shown = (u, v) => v == null ? '–' : v.toFixed(1) + '%';
    plots.push(new uPlot({
      width: Math.max(280, box.clientWidth || 600), height: 240, legend: { show: true },
      scales: { y: { range: [0, 100] } },
      series: [{}, { label: 'success %', stroke: '#1f6feb', width: 2, value: shown, spanGaps: true, points: { show: true } },
        { label: 'low', stroke: 'transparent', value: shown }, { label: 'high', stroke: 'transparent', value: shown }],
      bands: [{ series: [3, 2], fill: 'rgba(31,111,235,0.18)' }],
      axes: [axis, Object.assign({ values: (u, vs) => vs.map((v) => v + '%') }, axis)]
    }, [xs, at((w) => w.success_rate), at((w) => w.ci.low), at((w) => w.ci.high)], box));
  }

  async function router() {
    api('/api/v1/router').then((r) => {
      const sections = r.task_types.map((t) => {
        const d = t.decision;
        const cands = (d.explanation && d.explanation.candidates) || [];
        return el('section', { 'aria-label': 'Task type ' + t.task_type },
          el('h2', {}, t.task_type), el('p', { class: 'sub' }, t.description || ''),
          el('p', {}, 'Chosen now: ' + d.primary_framework + ' (' + d.mode + ', confidence ' + pct(d.confidence) + ').'),
          cands.length ? candidates(cands) : el('p', { class: 'empty' }, 'No attributed feedback for this type yet: the rules decide ('
            + d.rule_framework + '). Capture feedback with the routing decision (capture --routing) to let it learn.'),
          el('h3', {}, 'How routed prompts fared'), trend(t));
      });
      $('router-types').replaceChildren(...sections);
      sections.forEach((section, i) => drawTrend(section, r.task_types[i]));
    }).catch((e) => $('router-types').replaceChildren(el('p', { class: 'empty' }, e.message)));
    $('route-form').addEventListener('submit', async (e) => {
      e.preventDefault();
      say('Routing…');
      try {
        const d = await api('/api/v1/route', { task: $('x-task').value, explain: true });
        const cands = (d.explanation && d.explanation.candidates) || [];
        $('route').replaceChildren(
          el('p', {}, 'Task type ' + d.task_type + ': ' + d.primary_framework + ' (confidence ' + pct(d.confidence)
            + ', ' + d.mode + ').'),
          el('p', { class: 'sub' }, d.reasoning),
          cands.length ? candidates(cands) : el('p', { class: 'empty' }, 'No learned numbers for this task type yet: the rules decided. '
            + 'Capture feedback attributed to routing decisions (capture --routing) to let the router learn.'));
        say('');
      } catch (err) {
        $('route').replaceChildren(el('p', { class: 'empty' }, err.message));
        say('');
      }
    });
  }

  // ---- alerts -----------------------------------------------------------------------------------------

  const when = (iso) => iso ? iso.replace('T', ' ').slice(0, 16) + ' UTC' : '';
  const pp = (x) => (x >= 0 ? '+' : '') + Number(x).toFixed(1);

  /** One alert: what dropped, from what to what with intervals, since when, how sure, why, examples. */
  function alertCard(a) {
    const b = a.baseline;
    const c = a.current;
    const d = a.difference_points;
    const ev = a.evidence || {};
    const rate = (p) => pct(p.success_rate) + ' [' + pct(p.ci95[0]) + ', ' + pct(p.ci95[1]) + ']';
    const link = typeof a.dashboard === 'string' && a.dashboard.startsWith('/?') ? a.dashboard : null;
    return el('article', { class: 'alert', 'aria-label': 'Alert: ' + a.summary },
      el('h2', {}, a.summary),
      el('p', {}, 'From ' + rate(b) + ' (' + b.from + ' to ' + b.to + ', ' + count(b.votes) + ' votes) to ' + rate(c)
        + ' since ' + a.since + ' (' + count(c.votes) + ' votes): ' + pp(d.estimate) + ' points, 95% interval ['
        + pp(d.ci95[0]) + ', ' + pp(d.ci95[1]) + '].'),
      el('p', { class: 'sub' }, 'Detected on ' + a.detected_on + ', raised ' + when(a.raised_at) + '.'),
      el('p', {}, 'How sure: ' + (ev.statement || '') + (typeof ev.e_value === 'number'
        ? ' (evidence ' + ev.e_value.toPrecision(3) + ')' : '') + '.'),
      (a.findings || []).length ? [el('h3', {}, 'Explained by'), el('ul', {}, a.findings.map((f) => el('li', {}, f.text)))] : null,
      (a.examples || []).length ? [el('h3', {}, 'Example failures'), el('ul', {}, a.examples.map((x) => el('li', {},
        el('a', { href: '/?entry=' + encodeURIComponent(x.entry_id) }, 'rating ' + x.rating + ': ' + x.prompt),
        x.notes ? el('span', { class: 'sub' }, ' (notes: ' + x.notes + ')') : null)))] : null,
      link ? el('p', {}, el('a', { href: link }, 'Open the overview of this period and group')) : null);
  }

  async function alerts() {
    say('Loading the alerts…');
    const [a, d] = await Promise.all([api('/api/v1/alerts'), api('/api/v1/alerts/deliveries')]);
    $('alerts').replaceChildren(...(a.alerts.length ? a.alerts.map(alertCard) : [el('p', { class: 'empty' },
      'No alerts yet. Alerts go to destinations added on the server\'s machine, for example ',
      el('code', {}, 'feedback alerts add ops --type webhook --url https://ops.example/hooks/feedback'), ' or ',
      el('code', {}, 'feedback alerts add team --type slack --url https://hooks.slack.com/services/...'),
      '; ', el('code', {}, 'feedback serve'), ' then looks for drops daily (', el('code', {}, 'feedback alerts check'),
      ' looks now).')]));
    const dead = d.deliveries.filter((x) => x.state === 'dead');
    $('dead-letters').replaceChildren(dead.length ? el('p', { class: 'message', role: 'alert' },
      count(dead.length) + (dead.length === 1 ? ' delivery' : ' deliveries') + ' gave up (dead letter'
      + (dead.length === 1 ? '' : 's') + '): ' + dead.map((x) => x.kind + ' to ' + x.destination
        + (x.last_error ? ' (' + x.last_error + ')' : '')).join('; ') + '. They are not sent again.') : '');
    $('deliveries').replaceChildren(table([
      { label: 'Queued', value: (x) => when(x.created_at) },
      { label: 'Kind', value: (x) => x.kind },
      { label: 'Destination', value: (x) => x.destination },
      { label: 'State', value: (x) => x.state === 'dead' ? el('span', { class: 'dead' }, 'dead letter')
          : x.state === 'pending' ? 'pending, next try ' + when(x.next_attempt_at) : x.state },
      { label: 'Attempts', num: true, value: (x) => String(x.attempts) },
      { label: 'Last answer', value: (x) => x.last_status || '' },
      { label: 'Last error', value: (x) => x.last_error || '' },
      { label: 'Updated', value: (x) => when(x.updated_at) }], d.deliveries, 'Deliveries'));
    $('destinations').replaceChildren(d.destinations.length ? table([
      { label: 'Name', value: (x) => x.name },
      { label: 'Type', value: (x) => x.type },
      { label: 'Target', value: (x) => x.target },
      { label: 'Signed', value: (x) => x.signed ? 'yes' : '' }], d.destinations, 'Destinations')
      : el('p', { class: 'empty' }, 'No destinations: add one with feedback alerts add (see above).'));
    say(count(a.alerts.length) + ' alerts, ' + count(d.deliveries.length) + ' deliveries, ' + count(dead.length) + ' dead.');
  }
})();
