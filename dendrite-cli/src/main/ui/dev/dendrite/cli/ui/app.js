// The training page: receives the run's state by Server-Sent Events and redraws it as SVG.
'use strict';

const SVG = 'http://www.w3.org/2000/svg';
const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#17becf'];
const COLUMNS = ['loss', 'accuracy', 'val_loss', 'val_accuracy', 'val_rmse', 'learning_rate'];

function el(name, attributes, parent) {
  const node = document.createElementNS(SVG, name);
  for (const key in attributes) {
    node.setAttribute(key, attributes[key]);
  }
  if (parent) {
    parent.appendChild(node);
  }
  return node;
}

function text(parent, x, y, content, anchor) {
  const node = el('text', {x: x, y: y, 'text-anchor': anchor || 'start'}, parent);
  node.textContent = content;
  return node;
}

function label(value) {
  const magnitude = Math.abs(value);
  if (magnitude !== 0 && (magnitude < 0.01 || magnitude >= 10000)) {
    return value.toExponential(2);
  }
  return String(Number(value.toPrecision(3)));
}

// series: [{name, points: [[x, y], ...], dashed}]
function lineChart(svg, series, xLabel) {
  while (svg.firstChild) {
    svg.removeChild(svg.firstChild);
  }
  const all = series.flatMap(s => s.points).filter(p => p[1] !== null && isFinite(p[1]));
  if (all.length === 0) {
    text(svg, 240, 130, 'waiting for data', 'middle');
    return;
  }
  const left = 56, right = 470, top = 12, bottom = 225;
  let xMin = Math.min(...all.map(p => p[0])), xMax = Math.max(...all.map(p => p[0]));
  let yMin = Math.min(...all.map(p => p[1])), yMax = Math.max(...all.map(p => p[1]));
  if (xMax === xMin) { xMax = xMin + 1; }
  if (yMax === yMin) {
    const spread = Math.abs(yMin) * 0.1 || 1;
    yMin -= spread;
    yMax += spread;
  }
  const pad = (yMax - yMin) * 0.05;
  yMin -= pad; yMax += pad;
  const sx = x => left + (x - xMin) / (xMax - xMin) * (right - left);
  const sy = y => bottom - (y - yMin) / (yMax - yMin) * (bottom - top);
  for (let i = 0; i <= 4; i++) {
    const y = yMin + (yMax - yMin) * i / 4;
    el('line', {x1: left, x2: right, y1: sy(y), y2: sy(y), stroke: '#e4e4e4'}, svg);
    text(svg, left - 4, sy(y) + 4, label(y), 'end');
    const x = xMin + (xMax - xMin) * i / 4;
    text(svg, sx(x), bottom + 14, label(x), 'middle');
  }
  el('rect', {x: left, y: top, width: right - left, height: bottom - top, fill: 'none', stroke: '#999'}, svg);
  text(svg, (left + right) / 2, bottom + 30, xLabel, 'middle');
  series.forEach((s, i) => {
    const points = s.points.filter(p => p[1] !== null && isFinite(p[1]));
    if (points.length === 0) {
      return;
    }
    const color = COLORS[i % COLORS.length];
    const d = points.map((p, j) => (j === 0 ? 'M' : 'L') + sx(p[0]).toFixed(1) + ',' + sy(p[1]).toFixed(1)).join(' ');
    el('path', {d: d, fill: 'none', stroke: color, 'stroke-width': s.thin ? 1 : 2,
      'stroke-opacity': s.thin ? 0.5 : 1, 'stroke-dasharray': s.dashed ? '5,3' : 'none'}, svg);
    if (!s.thin) {
      points.forEach(p => el('circle', {cx: sx(p[0]), cy: sy(p[1]), r: 2.5, fill: color}, svg));
    }
    const ly = top + 14 + 14 * i;
    el('line', {x1: right - 120, x2: right - 100, y1: ly - 4, y2: ly - 4, stroke: color, 'stroke-width': 2}, svg);
    text(svg, right - 96, ly, s.name);
  });
}

function metricSeries(epochs, name, display) {
  return {name: display || name, points: epochs.map(e => [e.epoch, e.metrics[name] === undefined ? null : e.metrics[name]])};
}

function prefixed(epochs, prefix) {
  const names = new Set();
  epochs.forEach(e => Object.keys(e.metrics).filter(k => k.startsWith(prefix)).forEach(k => names.add(k)));
  return [...names].map(n => metricSeries(epochs, n, n.substring(prefix.length)));
}

function drawCharts(state) {
  const epochs = state.epochs;
  const loss = [metricSeries(epochs, 'loss', 'train'), metricSeries(epochs, 'val_loss', 'validation'),
    {name: 'batches', thin: true, points: state.batches.map(b => [b[0], b[1]])}];
  lineChart(document.getElementById('chart-loss'), loss, 'epoch');
  lineChart(document.getElementById('chart-accuracy'),
    [metricSeries(epochs, 'accuracy', 'train'), metricSeries(epochs, 'val_accuracy', 'validation')], 'epoch');
  lineChart(document.getElementById('chart-lr'), [metricSeries(epochs, 'learning_rate', 'rate')], 'epoch');
  lineChart(document.getElementById('chart-grad'), prefixed(epochs, 'grad_norm.'), 'epoch');
  lineChart(document.getElementById('chart-dead'), prefixed(epochs, 'dead_relu.'), 'epoch');
}

function drawTable(epochs) {
  const table = document.getElementById('epochs');
  const present = COLUMNS.filter(c => epochs.some(e => e.metrics[c] !== undefined));
  const head = table.tHead;
  head.textContent = '';
  const row = head.insertRow();
  ['epoch', 'seconds'].concat(present).forEach(c => {
    const th = document.createElement('th');
    th.textContent = c;
    row.appendChild(th);
  });
  const body = table.tBodies[0];
  body.textContent = '';
  epochs.forEach(e => {
    const tr = body.insertRow();
    tr.dataset.epoch = e.epoch;
    tr.insertCell().textContent = e.epoch;
    tr.insertCell().textContent = e.seconds.toFixed(2);
    present.forEach(c => {
      const td = tr.insertCell();
      td.dataset.metric = c;
      const v = e.metrics[c];
      td.textContent = v === undefined || v === null ? '' : v.toPrecision(8);
    });
  });
}

function drawConfusion(confusion) {
  const svg = document.getElementById('confusion');
  while (svg.firstChild) {
    svg.removeChild(svg.firstChild);
  }
  if (!confusion) {
    text(svg, 240, 150, 'no confusion matrix (regression, or no validation set)', 'middle');
    return;
  }
  const n = confusion.classes.length;
  const size = Math.min(400 / n, 26);
  const left = 70, top = 30;
  text(svg, left + n * size / 2, 14, 'predicted', 'middle');
  confusion.counts.forEach((row, r) => {
    const total = row.reduce((a, b) => a + b, 0) || 1;
    text(svg, left - 6, top + r * size + size * 0.65, confusion.classes[r], 'end');
    row.forEach((count, c) => {
      const f = count / total;
      const shade = Math.round(255 - 200 * f);
      el('rect', {x: left + c * size, y: top + r * size, width: size, height: size,
        fill: 'rgb(' + shade + ',' + Math.round(255 - 150 * f) + ',255)', stroke: '#ddd'}, svg);
      if (count > 0 && size >= 18) {
        const t = text(svg, left + c * size + size / 2, top + r * size + size * 0.65, String(count), 'middle');
        t.setAttribute('fill', f > 0.5 ? '#fff' : '#222');
      }
    });
  });
  text(svg, left + n * size + 10, top + 12, confusion.rows + ' rows');
}

function drawHistograms(histograms) {
  const box = document.getElementById('histograms');
  box.textContent = '';
  histograms.forEach(h => {
    const figure = document.createElement('figure');
    const caption = document.createElement('figcaption');
    caption.textContent = h.name + ' [' + label(h.min) + ', ' + label(h.max) + ']';
    figure.appendChild(caption);
    const svg = el('svg', {viewBox: '0 0 200 80'}, figure);
    const most = Math.max(...h.counts, 1);
    const width = 200 / h.counts.length;
    h.counts.forEach((count, i) => {
      const height = 76 * count / most;
      el('rect', {x: i * width, y: 78 - height, width: Math.max(1, width - 1), height: height, fill: '#3366aa'}, svg);
    });
    box.appendChild(figure);
  });
}

function drawMistakes(mistakes) {
  const box = document.getElementById('mistakes');
  box.textContent = '';
  if (mistakes.length === 0) {
    box.textContent = 'none to show (no image data, or no mistakes in the sample)';
  }
  mistakes.forEach(m => {
    const figure = document.createElement('figure');
    const canvas = document.createElement('canvas');
    canvas.width = m.side;
    canvas.height = m.side;
    const context = canvas.getContext('2d');
    const image = context.createImageData(m.side, m.side);
    m.pixels.forEach((p, i) => {
      const ink = 255 - p;
      image.data[4 * i] = ink; image.data[4 * i + 1] = ink; image.data[4 * i + 2] = ink; image.data[4 * i + 3] = 255;
    });
    context.putImageData(image, 0, 0);
    figure.appendChild(canvas);
    const caption = document.createElement('figcaption');
    caption.textContent = m.true + ' → ' + m.predicted;
    figure.appendChild(caption);
    box.appendChild(figure);
  });
}

function show(state) {
  document.getElementById('title').textContent = state.title;
  const status = document.getElementById('status');
  status.textContent = state.status;
  status.className = 'status ' + state.status;
  document.getElementById('message').textContent = state.message;
  document.getElementById('epoch-count').textContent = '· ' + state.epochs.length + ' epochs drawn';
  document.body.dataset.epochs = state.epochs.length;
  document.body.dataset.status = state.status;
  drawCharts(state);
  drawTable(state.epochs);
  drawConfusion(state.confusion);
  drawHistograms(state.histograms);
  drawMistakes(state.mistakes);
}

function connect() {
  const events = new EventSource('/events');
  events.onmessage = message => {
    const state = JSON.parse(message.data);
    show(state);
    if (state.status === 'finished') {
      events.close();
    }
  };
  events.onerror = () => {
    const status = document.getElementById('status');
    if (status.textContent !== 'finished') {
      status.textContent = 'disconnected';
      status.className = 'status disconnected';
    }
  };
}

document.getElementById('stop-form').addEventListener('submit', event => {
  event.preventDefault();
  const result = document.getElementById('stop-result');
  fetch('/api/stop', {method: 'POST', headers: {'X-Dendrite-Token': document.getElementById('token').value}})
    .then(response => response.text().then(body => { result.textContent = body; }))
    .catch(error => { result.textContent = String(error); });
});

connect();
