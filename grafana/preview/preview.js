// pxeflow dashboard preview renderer (not Grafana).
// Reads one grafana/dashboards/<dash>.json, lays its panels out by gridPos (24 columns, 30px rows
// like Grafana), substitutes the template variables and runs every target's PromQL against the
// Prometheus HTTP API found at the same origin (/api/v1/...): query_range for timeseries,
// heatmap and state-timeline panels, query (instant) for stat and table panels. Draws timeseries
// with uPlot, stats as big numbers (many-series stats as a grid of coloured cells), tables as
// tables, heatmaps as bucketed canvases. When done it sets <body data-done="1"> for the screenshot.
//
// URL parameters: dash=pxeflow-overview (file name without .json), range=<seconds back from now,
// default 600>, node=<value of $node, default the first node in natural order>.
(function () {
  'use strict';
  const params = new URLSearchParams(location.search);
  const dashName = params.get('dash') || 'pxeflow-overview';
  const range = Math.max(60, parseInt(params.get('range') || '600', 10));
  const end = Math.floor(Date.now() / 1000);
  const start = end - range;
  const step = Math.max(5, Math.ceil(range / 240 / 5) * 5);          // like Grafana's max data points
  const scrape = 5;                                                    // deploy/check-dashboards.sh scrapes every 5s
  const rateInterval = Math.max(4 * scrape, step + scrape, 60);       // Grafana: max(interval+scrape, 4*scrape), at least 1m
  const ROW = 30, GAP = 8;

  const COLORS = {
    'blue': '#5794f2', 'light-blue': '#8ab8ff', 'dark-blue': '#1f60c4', 'purple': '#b877d9',
    'light-purple': '#ca95e5', 'green': '#73bf69', 'dark-green': '#37872d', 'orange': '#ff9830',
    'red': '#f2495c', 'dark-red': '#c4162a', 'yellow': '#fade2a', 'text': '#3d71d9',
  };
  const PALETTE = ['#73bf69', '#f2cc0c', '#8ab8ff', '#ff780a', '#f2495c', '#5794f2', '#b877d9',
    '#705da0', '#37872d', '#fade2a', '#447ebc', '#c15c17', '#890f02', '#0a437c', '#6d1f62', '#584477'];
  const color = (c) => COLORS[c] || c || '#3d71d9';

  const vars = { datasource: 'prometheus' };
  const subst = (q) => q
    .replace(/\$__rate_interval/g, rateInterval + 's')
    .replace(/\$__interval/g, step + 's')
    .replace(/\$\{?(\w+)\}?/g, (m, name) => (name in vars ? vars[name] : m));

  async function api(path, p) {
    const r = await fetch('/api/v1/' + path + '?' + new URLSearchParams(p));
    const j = await r.json();
    if (j.status !== 'success') throw new Error(j.error || ('HTTP ' + r.status));
    return j.data;
  }
  const instant = (q) => api('query', { query: subst(q), time: end });
  const rangeQ = (q) => api('query_range', { query: subst(q), start, end, step });

  const legend = (fmt, metric) => {
    if (fmt) return fmt.replace(/\{\{\s*(\w+)\s*\}\}/g, (m, k) => metric[k] ?? '');
    const keys = Object.keys(metric).filter((k) => k !== '__name__');
    if (keys.length === 1) return metric[keys[0]];                    // Grafana shows a lone label's value
    return '{' + keys.map((k) => `${k}="${metric[k]}"`).join(', ') + '}';
  };

  // ---- value formatting by Grafana unit
  function fmt(v, unit) {
    if (v == null || Number.isNaN(v)) return '';
    const a = Math.abs(v);
    const si = (x, units, base) => {
      let i = 0;
      while (Math.abs(x) >= base && i < units.length - 1) { x /= base; i++; }
      return (+x.toFixed(Math.abs(x) < 10 && i > 0 ? 1 : (Math.abs(x) < 10 ? 2 : 0))) + ' ' + units[i];
    };
    switch (unit) {
      case 'percentunit': return (v * 100).toFixed(a < 0.1 ? 1 : 0) + '%';
      case 'bytes': return si(v, ['B', 'KiB', 'MiB', 'GiB', 'TiB'], 1024);
      case 'Bps': return si(v, ['B/s', 'KiB/s', 'MiB/s', 'GiB/s'], 1024);
      case 'ops': return short(v) + ' ops/s';
      case 'reqps': return short(v) + ' req/s';
      case 's':
        if (a === 0) return '0 s';
        if (a < 1) return +(v * 1000).toPrecision(3) + ' ms';
        if (a < 60) return +v.toPrecision(3) + ' s';
        if (a < 3600) return +(v / 60).toPrecision(3) + ' min';
        if (a < 86400) return +(v / 3600).toPrecision(3) + ' hour';
        return +(v / 86400).toPrecision(3) + ' day';
      default: return short(v);
    }
  }
  function short(v) {
    const a = Math.abs(v);
    if (a >= 1e6) return +(v / 1e6).toPrecision(3) + ' Mil';
    if (a >= 1e3) return +(v / 1e3).toPrecision(3) + ' K';
    if (a === 0 || a >= 100) return String(Math.round(v));
    return String(+v.toPrecision(3));
  }
  const mapping = (p, v) => {
    for (const m of (p.fieldConfig?.defaults?.mappings || [])) {
      if (m.type === 'value' && m.options && String(v) in m.options) return m.options[String(v)];
    }
    return null;
  };

  // ---- panel frame
  const gridEl = document.getElementById('grid');
  const width = gridEl.clientWidth;
  const colW = (width + GAP) / 24;
  let bottom = 0;
  function frame(p) {
    const g = p.gridPos;
    const el = document.createElement('div');
    el.className = 'panel' + (p.type === 'row' ? ' row' : '');
    el.style.left = (g.x * colW) + 'px';
    el.style.top = (g.y * (ROW + GAP)) + 'px';
    el.style.width = (g.w * colW - GAP) + 'px';
    el.style.height = (g.h * ROW + (g.h - 1) * GAP) + 'px';
    bottom = Math.max(bottom, (g.y + g.h) * (ROW + GAP));
    const t = document.createElement('div');
    t.className = 'title';
    t.textContent = subst(p.title || '');
    const body = document.createElement('div');
    body.className = 'body';
    el.append(t, body);
    gridEl.appendChild(el);
    return body;
  }
  const note = (body, cls, text) => { const d = document.createElement('div'); d.className = cls; d.textContent = text; body.appendChild(d); };

  // ---- stat: one big value, or a grid of cells when a target returns many series
  async function stat(p, body) {
    const series = [];
    for (const t of p.targets || []) {
      for (const r of (await instant(t.expr)).result) series.push({ name: legend(t.legendFormat, r.metric), v: +r.value[1] });
    }
    if (!series.length) return note(body, 'nodata', 'No data');
    const d = p.fieldConfig?.defaults || {};
    const textMode = p.options?.textMode || 'auto';
    const fixed = d.color?.mode === 'fixed' ? color(d.color.fixedColor) : color(d.thresholds?.steps?.[0]?.color);
    const show = (s) => {
      const m = mapping(p, s.v);
      return { text: m?.text ?? fmt(s.v, d.unit), bg: m?.color ? color(m.color) : fixed };
    };
    if (series.length === 1 && textMode !== 'value_and_name') {
      const s = series[0], x = show(s);
      const box = document.createElement('div');
      box.className = 'stat';
      box.style.background = x.bg;
      box.innerHTML = '<div class="v"></div>';
      box.firstChild.textContent = textMode === 'name' ? s.name : x.text;
      body.appendChild(box);
      return;
    }
    series.sort((a, b) => a.name.localeCompare(b.name, undefined, { numeric: true }));
    const box = document.createElement('div');
    box.className = 'cells';
    // fill the panel like Grafana's stat grid: choose columns so the cells are as large as fits
    const W = body.clientWidth - 8, H = body.clientHeight - 4, n = series.length;
    let best = 1, bestSize = 0;
    for (let c = 1; c <= n; c++) {
      const r = Math.ceil(n / c), size = Math.min(W / c, 2.2 * H / r);
      if (size > bestSize) { bestSize = size; best = c; }
    }
    const rowsN = Math.ceil(n / best), cellH = Math.floor((H - 3 * (rowsN - 1)) / rowsN);
    box.style.gridTemplateColumns = `repeat(${best}, 1fr)`;
    box.style.gridAutoRows = cellH + 'px';
    box.style.fontSize = Math.max(9, Math.min(22, Math.floor(cellH / 4))) + 'px';
    for (const s of series) {
      const x = show(s);
      const c = document.createElement('div');
      c.className = 'cell';
      c.style.background = x.bg;
      c.innerHTML = '<b></b><span></span>';
      c.firstChild.textContent = s.name;
      c.lastChild.textContent = x.text;
      box.appendChild(c);
    }
    body.appendChild(box);
  }

  // ---- table: instant queries with format=table, merged on shared labels (Grafana "merge")
  async function table(p, body) {
    const rows = [];
    const valueCols = [];
    const targets = p.targets || [];
    for (const [i, t] of targets.entries()) {
      const col = targets.length > 1 ? 'Value #' + (t.refId || String.fromCharCode(65 + i)) : 'Value';
      valueCols.push(col);
      for (const r of (await instant(t.expr)).result) {
        const labels = { ...r.metric }; delete labels.__name__;
        let row = rows.find((x) => Object.keys(labels).every((k) => x[k] === labels[k]));
        if (!row) { row = { ...labels }; rows.push(row); }
        row[col] = +r.value[1];
      }
    }
    if (!rows.length) return note(body, 'nodata', 'No data');
    const labelCols = [...new Set(rows.flatMap((r) => Object.keys(r)))].filter((k) => !valueCols.includes(k));
    const cols = [...labelCols, ...valueCols.filter((c) => rows.some((r) => c in r))];
    rows.sort((a, b) => String(a.node ?? '').localeCompare(String(b.node ?? ''), undefined, { numeric: true }));
    const tbl = document.createElement('table');
    tbl.className = 't';
    const tr = tbl.insertRow();
    for (const c of cols) { const th = document.createElement('th'); th.textContent = c; tr.appendChild(th); }
    for (const r of rows) {
      const row = tbl.insertRow();
      for (const c of cols) row.insertCell().textContent = typeof r[c] === 'number' ? short(r[c]) : (r[c] ?? '');
    }
    body.style.overflow = 'hidden';
    body.appendChild(tbl);
  }

  // ---- range queries aligned on one time axis
  const xs = [];
  for (let t = start; t <= end; t += step) xs.push(t);
  async function rangeSeries(p) {
    const out = [];
    for (const t of p.targets || []) {
      for (const r of (await rangeQ(t.expr)).result) {
        const ys = new Array(xs.length).fill(null);
        for (const [ts, v] of r.values) {
          const i = Math.round((ts - start) / step);
          if (i >= 0 && i < xs.length && Number.isFinite(+v)) ys[i] = +v;   // NaN (0/0) draws as a gap
        }
        out.push({ name: legend(t.legendFormat, r.metric), ys });
      }
    }
    return out;
  }
  let annotations = [];

  async function timeseries(p, body) {
    const series = await rangeSeries(p);
    if (!series.length) return note(body, 'nodata', 'No data');
    const d = p.fieldConfig?.defaults || {};
    const custom = d.custom || {};
    const bars = custom.drawStyle === 'bars';
    const stacked = custom.stacking?.mode === 'normal';
    if (stacked) {                                                     // cumulative sums, drawn top-down
      const acc = new Array(xs.length).fill(0);
      for (const s of series) s.ys = s.ys.map((v, i) => (v == null ? null : (acc[i] += v)));
    }
    const fill = (c) => c + Math.round(((custom.fillOpacity ?? 10) / 100) * 255).toString(16).padStart(2, '0');
    // own legend (laid out synchronously, so the plot can take exactly the height left over)
    const lg = document.createElement('div');
    lg.className = 'legend';
    series.forEach((s, i) => {
      const it = document.createElement('span');
      it.innerHTML = '<i></i>';
      it.firstChild.style.background = PALETTE[i % PALETTE.length];
      it.appendChild(document.createTextNode(s.name));
      lg.appendChild(it);
    });
    const holder = document.createElement('div');
    body.append(holder, lg);
    const opts = {
      width: body.clientWidth - 4,
      height: Math.max(60, body.clientHeight - lg.offsetHeight - 4),
      legend: { show: false },
      cursor: { show: false },
      scales: { x: { time: true }, y: { range: (u, lo, hi) => (lo == null ? [0, 1] : uPlot.rangeNum(lo, hi, 0.1, true)) } },
      axes: [
        { stroke: '#8e8e8e', grid: { stroke: '#2c3235', width: 1 }, ticks: { show: false }, font: '11px sans-serif' },
        { stroke: '#8e8e8e', grid: { stroke: '#2c3235', width: 1 }, ticks: { show: false }, font: '11px sans-serif',
          size: 70, values: (u, vals) => vals.map((v) => fmt(v, d.unit)) },
      ],
      series: [{}, ...series.map((s, i) => {
        const c = PALETTE[i % PALETTE.length];
        return {
          label: s.name, stroke: c, width: custom.lineWidth ?? 1, fill: fill(c), points: { show: false },
          paths: bars ? uPlot.paths.bars({ size: [0.7, 30] }) : undefined, spanGaps: false,
          value: (u, v) => fmt(v, d.unit),
        };
      })],
      hooks: { draw: [(u) => {                                         // lifecycle-event annotations
        const ctx = u.ctx;
        ctx.save();
        ctx.strokeStyle = annoColor; ctx.setLineDash([4, 4]); ctx.lineWidth = 1;
        for (const t of annotations) {
          const x = Math.round(u.valToPos(t, 'x', true));
          if (x < u.bbox.left || x > u.bbox.left + u.bbox.width) continue;
          ctx.beginPath(); ctx.moveTo(x, u.bbox.top); ctx.lineTo(x, u.bbox.top + u.bbox.height); ctx.stroke();
        }
        ctx.restore();
      }] },
    };
    const data = [xs, ...(stacked ? [...series].reverse() : series).map((s) => s.ys)];
    if (stacked) opts.series = [opts.series[0], ...opts.series.slice(1).reverse()];
    new uPlot(opts, data, holder);
  }
  let annoColor = '#ff9830';

  // ---- state timeline: one row per series, segments coloured by value mapping
  async function stateTimeline(p, body) {
    const series = await rangeSeries(p);
    if (!series.length) return note(body, 'nodata', 'No data');
    series.sort((a, b) => a.name.localeCompare(b.name, undefined, { numeric: true }));
    const distinct = [];
    for (const s of series) {
      const row = document.createElement('div');
      row.className = 'st-row';
      row.innerHTML = '<div class="lbl"></div><div class="bar"></div>';
      row.firstChild.textContent = s.name;
      const bar = row.lastChild;
      let i = 0;
      while (i < xs.length) {
        if (s.ys[i] == null) { i++; continue; }
        let j = i;
        while (j + 1 < xs.length && s.ys[j + 1] === s.ys[i]) j++;
        const v = s.ys[i];
        const m = mapping(p, v);
        if (!distinct.includes(v)) distinct.push(v);
        const seg = document.createElement('div');
        seg.className = 'seg';
        seg.style.left = (100 * i / xs.length) + '%';
        seg.style.width = (100 * (j + 1 - i) / xs.length) + '%';
        seg.style.background = m?.color ? color(m.color) : PALETTE[(series.indexOf(s) + 2) % PALETTE.length];
        if (p.options?.showValue !== 'never') seg.textContent = m?.text ?? short(v);
        bar.appendChild(seg);
        i = j + 1;
      }
      body.appendChild(row);
    }
    const axis = document.createElement('div');
    axis.className = 'st-axis';
    for (let k = 0; k <= 4; k++) {
      const sp = document.createElement('span');
      sp.style.left = (25 * k) + '%';
      sp.textContent = new Date((start + k * range / 4) * 1000).toISOString().substring(11, 16);
      axis.appendChild(sp);
    }
    body.appendChild(axis);
  }

  // ---- heatmap (calculate: true): per time step, bucket the series' values into N y-buckets
  async function heatmap(p, body) {
    const series = await rangeSeries(p);
    if (!series.length) return note(body, 'nodata', 'No data');
    const n = parseInt(p.options?.calculation?.yBuckets?.value || '20', 10);
    const unit = p.options?.yAxis?.unit;
    let lo = Infinity, hi = -Infinity;
    for (const s of series) for (const v of s.ys) if (v != null) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
    if (!(hi >= lo)) return note(body, 'nodata', 'No data');
    if (hi === lo) hi = lo + 1;
    const counts = xs.map((_, i) => {
      const c = new Array(n).fill(0);
      for (const s of series) {
        const v = s.ys[i];
        if (v != null) c[Math.min(n - 1, Math.floor((v - lo) / (hi - lo) * n))]++;
      }
      return c;
    });
    const max = Math.max(1, ...counts.flat());
    const cv = document.createElement('canvas');
    const W = body.clientWidth - 4, H = body.clientHeight - 4, L = 70, B = 20;
    cv.width = W; cv.height = H;
    body.appendChild(cv);
    const ctx = cv.getContext('2d');
    const cw = (W - L) / xs.length, ch = (H - B) / n;
    const oranges = (f) => `rgb(${Math.round(255 - 20 * f)},${Math.round(245 - 160 * f)},${Math.round(235 - 225 * f)})`;
    counts.forEach((c, i) => c.forEach((k, b) => {
      if (!k) return;
      ctx.fillStyle = oranges(k / max);
      ctx.fillRect(L + i * cw, H - B - (b + 1) * ch, Math.max(1, cw - 1), Math.max(1, ch - 1));
    }));
    ctx.fillStyle = '#8e8e8e'; ctx.font = '11px sans-serif'; ctx.textAlign = 'right';
    for (let k = 0; k <= 4; k++) {
      const v = lo + (hi - lo) * k / 4;
      ctx.fillText(fmt(v, unit), L - 6, H - B - (H - B) * k / 4 + (k === 4 ? 10 : k === 0 ? -2 : 4));
    }
    ctx.textAlign = 'center';
    for (let k = 0; k <= 4; k++) {
      ctx.fillText(new Date((start + k * range / 4) * 1000).toISOString().substring(11, 16),
        Math.min(W - 18, L + (W - L) * k / 4), H - 5);
    }
  }

  const RENDER = { stat, table, timeseries, 'state-timeline': stateTimeline, heatmap };

  async function main() {
    const dash = await (await fetch('../dashboards/' + dashName + '.json')).json();
    for (const v of dash.templating?.list || []) {
      if (v.type !== 'query') continue;
      const q = typeof v.query === 'object' ? v.query.query : v.query;
      const m = /label_values\(\s*([^,]+?)\s*,\s*(\w+)\s*\)/.exec(q || '');
      let values = [];
      if (m) values = await api('label/' + m[2] + '/values', { 'match[]': m[1], start, end });
      values.sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
      vars[v.name] = params.get(v.name) || values[0] || '';
    }
    for (const a of dash.annotations?.list || []) {
      if (!a.expr || a.enable === false) continue;
      annoColor = color(a.iconColor);
      try {
        const r = await api('query_range', { query: subst(a.expr), start, end, step: 30 });
        for (const s of r.result) for (const [t, v] of s.values) if (+v > 0) annotations.push(t);
      } catch (e) { /* annotations are decoration only */ }
    }
    const shown = Object.entries(vars).filter(([k]) => k !== 'datasource').map(([k, v]) => `$${k} = ${v}`);
    document.getElementById('meta').textContent =
      `${dash.title} · grafana/dashboards/${dashName}.json · ${new Date(start * 1000).toISOString().replace('.000Z', 'Z')} → ` +
      `${new Date(end * 1000).toISOString().substring(11, 19)}Z (${Math.round(range / 60)} min, step ${step}s, ` +
      `$__rate_interval = ${rateInterval}s)` + (shown.length ? ' · ' + shown.join(', ') : '') +
      (annotations.length ? ' · dashed lines: lifecycle-event annotations' : '');
    const jobs = [];
    for (const p of dash.panels || []) {
      const body = frame(p);
      if (p.type === 'row') continue;
      const r = RENDER[p.type];
      if (!r) { note(body, 'nodata', 'panel type ' + p.type + ' not previewed'); continue; }
      jobs.push(r(p, body).catch((e) => note(body, 'error', String(e.message || e))));
    }
    gridEl.style.height = bottom + 'px';
    await Promise.all(jobs);
  }
  main().catch((e) => note(gridEl, 'error', 'preview failed: ' + (e.message || e)))
    .finally(() => { document.body.dataset.done = '1'; });
}());
