// Glue between the report's data (REPORT) and ECharts: no chart code of our own beyond choosing series.
(function () {
  'use strict';
  const R = REPORT;
  const $ = (id) => document.getElementById(id);
  const fmt = (v, d) => (v === null || v === undefined) ? '\u2014'
      : (typeof v === 'number' ? (Math.abs(v) >= 1e4 || (v !== 0 && Math.abs(v) < 1e-3) ? v.toExponential(3) : +v.toFixed(d === undefined ? 4 : d)) : v);
  const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;'}[c]));
  const pct = (v) => v === null || v === undefined ? '\u2014' : (100 * v).toFixed(2) + '%';

  document.title = R.title;
  $('title').textContent = R.title;
  $('status').textContent = R.status + (R.live ? ' (this page reloads itself while the run goes on)' : '');

  const charts = [];
  function chart(id, title, series, opts) {
    const c = echarts.init($(id), null, {renderer: 'svg'});
    const o = opts || {};
    c.setOption({
      animation: false,
      title: {text: title, left: 'center', textStyle: {fontSize: 13}},
      tooltip: {trigger: 'axis', valueFormatter: (v) => fmt(v, 5)},
      legend: {top: 22, type: 'scroll'},
      grid: {left: 64, right: 20, top: 56, bottom: 40},
      xAxis: {type: 'value', name: o.xName || 'epoch', nameLocation: 'middle', nameGap: 24, min: 'dataMin', max: 'dataMax'},
      yAxis: {type: o.log ? 'log' : 'value', scale: !o.log, name: o.yName || '',
          axisLabel: o.log ? {formatter: (v) => v >= 0.01 && v < 1e4 ? String(+v.toPrecision(3)) : v.toExponential(0)} : {}},
      series: series
    });
    charts.push(c);
    return c;
  }
  const byEpoch = (key) => R.epochs.map((e) => [e.epoch, e[key]]);
  const line = (name, data, extra) => Object.assign({name: name, type: 'line', data: data, showSymbol: data.length < 40, connectNulls: false}, extra || {});

  chart('loss', 'Loss', [line('train', byEpoch('trainLoss')), line('dev', byEpoch('devLoss'))]);
  chart('accuracy', 'Accuracy', [line('train (dropout on)', byEpoch('trainAccuracy')), line('dev', byEpoch('devAccuracy'))]);
  chart('lr', 'Learning rate', [line('learning rate', byEpoch('learningRate'), {step: 'end'})]);
  chart('time', 'Epoch time (s)', [{name: 'seconds', type: 'bar', data: byEpoch('seconds')}]);

  // Log axes cannot show zero or negative values: those points become gaps.
  const positive = (pts) => pts.map((p) => [p[0], p[1] !== null && p[1] > 0 ? p[1] : null]);
  const marks = R.marks.map((m) => ({xAxis: m.step, name: m.kind,
      label: {formatter: m.kind + ' @ ' + m.step, color: '#a40000'}, lineStyle: {color: '#a40000'}}));
  const withMarks = (series) => {
    if (series.length && marks.length) {
      series[0].markLine = {symbol: 'none', data: marks, tooltip: {show: false}};
    }
    return series;
  };
  const perLayer = (key, log) => R.layers.filter((l) => key !== 'grad' || l.grad.some((p) => p[1] !== null))
      .map((l) => line(l.name, log ? positive(l[key]) : l[key]));
  chart('std', 'Activation std (log)', withMarks(perLayer('std', true)), {log: true, xName: 'step'});
  chart('grad', 'Weight-gradient norm (log)', withMarks(perLayer('grad', true)), {log: true, xName: 'step'});
  chart('mean', 'Activation mean', perLayer('mean', false), {xName: 'step'});
  if (!R.layers.length) {
    $('layer-note').textContent = R.layerNote || 'No per-layer figures were recorded.';
  } else if (R.layerNote) {
    $('layer-note').textContent = R.layerNote;
  }
  if (R.marks.length) {
    $('warnings').innerHTML = '<ul class="warn">' + R.marks.map((m) => '<li>epoch ' + m.epoch + ', step ' + m.step + ': ' + esc(m.message) + '</li>').join('') + '</ul>';
  }

  function table(head, rows, cls) {
    return '<table' + (cls ? ' class="' + cls + '"' : '') + '>' + (head ? '<tr>' + head.map((h) => '<th>' + esc(h) + '</th>').join('') + '</tr>' : '')
        + rows.map((r) => '<tr>' + r.map((c) => typeof c === 'number' ? '<td class="n">' + esc(fmt(c)) + '</td>' : '<td>' + esc(c) + '</td>').join('') + '</tr>').join('') + '</table>';
  }
  const kv = (obj) => Object.keys(obj).length ? table(null, Object.entries(obj), 'kv') : '<p class="note">not recorded</p>';

  if (R.evaluation) {
    const e = R.evaluation;
    const rows = e.labels.map((l, i) => ['true ' + l].concat(e.confusion[i]));
    $('evaluation').innerHTML = '<p>On ' + esc(e.dataset) + ': accuracy ' + pct(e.accuracy) + '. Confusion matrix (rows: true class, columns: predicted):</p>'
        + table([''].concat(e.labels.map((l) => 'predicted ' + l)), rows);
  } else {
    $('evaluation').innerHTML = '<p class="note">' + esc(R.evaluationNote || 'No evaluation yet (a script\u2019s evaluate() adds it).') + '</p>';
  }
  if (R.diagnosis) {
    const d = R.diagnosis;
    $('diagnosis').innerHTML = '<p><b>' + esc(d.problem) + '</b></p>'
        + table(null, [['human-level error', pct(d.humanError)], ['training error', pct(d.trainError)], ['dev error', pct(d.devError)],
          ['avoidable bias (training \u2212 human)', pct(d.avoidableBias)], ['variance (dev \u2212 training)', pct(d.variance)], ['tolerance', pct(d.tolerance)]], 'kv')
        + '<ul>' + d.recommendations.map((r) => '<li>' + esc(r) + '</li>').join('') + '</ul>';
  } else {
    $('diagnosis').innerHTML = '<p class="note">' + esc(R.diagnosisNote || 'No diagnosis was asked for (a script\u2019s diagnose humanError: e adds it).') + '</p>';
  }
  const total = R.summary.reduce((s, r) => s + r.parameters, 0);
  $('summary').innerHTML = R.summary.length ? table(['layer', 'outputs', 'parameters', 'init'],
      R.summary.map((r) => [r.layer, r.outputs, r.parameters || '', r.init]).concat([['total trainable parameters', '', total, '']]))
      : '<p class="note">not recorded</p>';
  $('provenance').innerHTML = kv(R.provenance);
  $('machine').innerHTML = kv(R.machine);

  window.addEventListener('resize', () => charts.forEach((c) => c.resize()));
  if (R.live || Date.now() - R.writtenAt < 30000) {
    setTimeout(() => location.reload(), 3000);
  }
})();
