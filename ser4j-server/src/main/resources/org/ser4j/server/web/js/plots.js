// Draws the server's waveform envelope and log-mel spectrogram (POST /api/v1/plots), and moves a playhead across
// them while the audio plays.

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
