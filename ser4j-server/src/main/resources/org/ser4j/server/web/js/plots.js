// Draws the server's waveform envelope and log-mel spectrogram (POST /api/v1/plots) and the emotion scores of a
// prediction's segments over time, and moves a playhead across them while the audio plays.
import { NO_SPEECH, colourOf, hasSpeech, percent } from './emotions.js';

/** Sizes a canvas's bitmap to its on-screen size (sharp on high-density screens) and returns its 2D context. */
function fitCanvas(canvas) {
  const scale = window.devicePixelRatio || 1;
  canvas.width = Math.max(1, Math.round(canvas.clientWidth * scale));
  canvas.height = Math.max(1, Math.round(canvas.clientHeight * scale));
  return canvas.getContext('2d');
}

/** One vertical line per column, from its lowest to its highest sample. */
export function drawWaveform(canvas, waveform) {
  const g = fitCanvas(canvas);
  const { width: w, height: h } = canvas;
  const n = waveform.min.length;
  const peak = Math.max(1e-3, ...waveform.max, ...waveform.min.map(Math.abs));
  const y = (v) => h / 2 - (v / peak) * (h / 2 - 2);
  g.clearRect(0, 0, w, h);
  g.strokeStyle = '#d5d9e0';
  g.beginPath(); g.moveTo(0, h / 2); g.lineTo(w, h / 2); g.stroke();
  g.fillStyle = '#1d4ed8';
  const columnWidth = Math.max(1, w / n);
  for (let c = 0; c < n; c++) {
    const top = y(waveform.max[c]);
    g.fillRect((c / n) * w, top, columnWidth, Math.max(1, y(waveform.min[c]) - top));
  }
}

// Stops of the "magma" colour map, from quiet (dark) to loud (light).
const MAGMA = [[0, 0, 4], [59, 15, 112], [140, 41, 129], [222, 73, 104], [254, 159, 109], [252, 253, 191]];

function magma(t) {
  const x = Math.max(0, Math.min(1, t)) * (MAGMA.length - 1);
  const i = Math.min(MAGMA.length - 2, Math.floor(x));
  const f = x - i;
  return MAGMA[i].map((a, k) => Math.round(a + (MAGMA[i + 1][k] - a) * f));
}

/** The dB matrix (bands x columns, lowest band first) as an image, low frequencies at the bottom. */
export function drawSpectrogram(canvas, spectrogram) {
  const bands = spectrogram.db.length;
  const columns = spectrogram.db[0].length;
  const image = new ImageData(columns, bands);
  for (let b = 0; b < bands; b++) {
    const row = bands - 1 - b;
    for (let c = 0; c < columns; c++) {
      const [r, g, bl] = magma((spectrogram.db[b][c] + 80) / 80);
      const at = 4 * (row * columns + c);
      image.data[at] = r; image.data[at + 1] = g; image.data[at + 2] = bl; image.data[at + 3] = 255;
    }
  }
  const small = document.createElement('canvas');
  small.width = columns;
  small.height = bands;
  small.getContext('2d').putImageData(image, 0, 0);
  const g = fitCanvas(canvas);
  g.imageSmoothingEnabled = true;
  g.drawImage(small, 0, 0, canvas.width, canvas.height);
}

const SVG_NS = 'http://www.w3.org/2000/svg';

function svgElement(name, attributes) {
  const element = document.createElementNS(SVG_NS, name);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, value);
  return element;
}

/**
 * Stacks every emotion's score over time in an <svg>, one <path class="series" data-emotion> per emotion in the
 * order of `emotions`: each speech segment is a column from its start to its end, its bands as high as its scores.
 * The drawing's units are seconds across and score (0 at the bottom, 1 at the top) up, stretched to the box, so a
 * playhead and a click position map to time as on the waveform, and resizing the page needs no redraw. Stretches
 * without speech have no scores: they are shaded in the no-speech colour.
 */
export function drawEmotionChart(svg, segments, duration, emotions) {
  svg.replaceChildren();
  svg.setAttribute('viewBox', `0 0 ${duration} 1`);
  svg.setAttribute('preserveAspectRatio', 'none');
  for (const s of segments.filter((segment) => !hasSpeech(segment))) {
    svg.append(svgElement('rect', {
      class: 'no-speech', x: s.start_s, y: 0, width: s.end_s - s.start_s, height: 1, fill: colourOf(NO_SPEECH),
    }));
  }
  const speech = segments.filter(hasSpeech);
  const below = speech.map(() => 0); // each segment's stacked score under the emotion being drawn
  for (const emotion of emotions) {
    const columns = speech.map((s, i) => {
      const bottom = below[i];
      below[i] += s.all_scores[emotion] || 0;
      return `M${s.start_s} ${1 - bottom}H${s.end_s}V${1 - below[i]}H${s.start_s}Z`;
    });
    const series = svgElement('path', {
      class: 'series', 'data-emotion': emotion, d: columns.join(''), fill: colourOf(emotion),
      stroke: 'rgba(0, 0, 0, .25)', 'stroke-width': 1, 'vector-effect': 'non-scaling-stroke',
    });
    const title = svgElement('title', {});
    title.textContent = `${emotion}: ${speech.map((s) => percent(s.all_scores[emotion] || 0)).join(', ')}`;
    series.append(title);
    svg.append(series);
  }
}

/**
 * Keeps the playheads inside `boxes` at the player's position, and makes a click on a box seek there.
 * durationOf() gives the clip length in seconds (the server's, since some formats report none to the player).
 */
export function followPlayback(player, boxes, durationOf) {
  const heads = boxes.map((box) => box.querySelector('.playhead'));
  const place = () => {
    const fraction = Math.min(1, player.currentTime / Math.max(1e-6, durationOf()));
    heads.forEach((head) => { head.style.left = `${fraction * 100}%`; });
  };
  const loop = () => {
    place();
    if (!player.paused) requestAnimationFrame(loop);
  };
  player.addEventListener('play', () => requestAnimationFrame(loop));
  player.addEventListener('seeked', place);
  player.addEventListener('timeupdate', place);
  player.addEventListener('emptied', place);
  for (const box of boxes) {
    box.addEventListener('click', (event) => {
      const rect = box.getBoundingClientRect();
      player.currentTime = ((event.clientX - rect.left) / rect.width) * durationOf();
      place();
      player.play().catch(() => {});
    });
  }
}
