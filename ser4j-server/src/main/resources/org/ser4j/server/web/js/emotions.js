// One colour per emotion, light enough for dark text on top (WCAG AA with #111).
const COLOURS = {
  neutral: '#b8bfca', calm: '#86d5cb', happy: '#ffd166', sad: '#9dbcff', angry: '#ff8f85',
  fearful: '#c9b0ff', fear: '#c9b0ff', disgust: '#a8d8aa', surprised: '#ffb8dc', surprise: '#ffb8dc',
  boredom: '#d9c7a7', other: '#d0d0d0',
};
const FALLBACK = ['#f4b183', '#b4d7a8', '#a4c2f4', '#d5a6bd', '#ffe599', '#a2c4c9'];

export function colourOf(emotion, classes = []) {
  return COLOURS[emotion] || FALLBACK[Math.max(0, classes.indexOf(emotion)) % FALLBACK.length];
}

export function percent(p) {
  return `${Math.round(p * 100)} %`;
}

/** A small coloured label for an emotion. */
export function chip(emotion) {
  const span = document.createElement('span');
  span.className = 'chip';
  span.textContent = emotion;
  span.style.background = colourOf(emotion);
  return span;
}

/** Fills a <ul class="bars"> with one bar per entry of {name: value} (values 0..1), the highest marked. */
export function drawBars(list, values, label = percent) {
  list.replaceChildren();
  const top = Math.max(...Object.values(values));
  for (const [name, value] of Object.entries(values)) {
    const li = document.createElement('li');
    if (value === top) li.className = 'best';
    const nameEl = document.createElement('span');
    nameEl.className = 'name';
    nameEl.textContent = name;
    const track = document.createElement('span');
    track.className = 'track';
    const fill = document.createElement('span');
    fill.className = 'fill';
    fill.style.display = 'block';
    fill.style.width = `${Math.max(0, Math.min(1, value)) * 100}%`;
    fill.style.background = colourOf(name);
    track.append(fill);
    const pct = document.createElement('span');
    pct.className = 'pct';
    pct.textContent = label(value);
    li.append(nameEl, track, pct);
    li.setAttribute('aria-label', `${name}: ${label(value)}`);
    list.append(li);
  }
}

/**
 * Fills a timeline element with one button per segment ({start_s, end_s, emotion, confidence}) over `duration`
 * seconds; clicking a segment calls onPick(segment).
 */
export function drawTimeline(box, segments, duration, onPick) {
  box.replaceChildren();
  for (const s of segments) {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'segment';
    b.style.left = `${(s.start_s / duration) * 100}%`;
    b.style.width = `${Math.max(0.5, ((s.end_s - s.start_s) / duration) * 100)}%`;
    b.style.background = colourOf(s.emotion);
    b.textContent = s.emotion;
    const text = `${s.start_s.toFixed(1)}–${s.end_s.toFixed(1)} s: ${s.emotion}, ${percent(s.confidence)}`;
    b.title = text;
    b.setAttribute('aria-label', text);
    if (onPick) b.addEventListener('click', () => onPick(s));
    box.append(b);
  }
}
