// One colour per emotion, light enough for dark text on top (WCAG AA with #111).
const COLOURS = {
  neutral: '#b8bfca', calm: '#86d5cb', happy: '#ffd166', sad: '#9dbcff', angry: '#ff8f85',
  fearful: '#c9b0ff', fear: '#c9b0ff', disgust: '#a8d8aa', surprised: '#ffb8dc', surprise: '#ffb8dc',
  boredom: '#d9c7a7', other: '#d0d0d0',
};
const FALLBACK = ['#f4b183', '#b4d7a8', '#a4c2f4', '#d5a6bd', '#ffe599', '#a2c4c9'];

/** The emotion of a recording without speech (silence, steady noise): an answer, not an emotion. */
export const NO_SPEECH = 'no_speech';
const NO_SPEECH_COLOUR = '#e5e7eb';

export function colourOf(emotion, classes = []) {
  if (emotion === NO_SPEECH) return NO_SPEECH_COLOUR;
  return COLOURS[emotion] || FALLBACK[Math.max(0, classes.indexOf(emotion)) % FALLBACK.length];
}

/** How an emotion is written for people ("no speech" for no_speech). */
export function labelOf(emotion) {
  return emotion === NO_SPEECH ? 'no speech' : emotion;
}

/** Whether a prediction or segment holds speech (answers stored before the speech field count as speech). */
export function hasSpeech(p) {
  return p.speech !== false && p.emotion !== NO_SPEECH;
}

export function percent(p) {
  return `${Math.round(p * 100)} %`;
}

/** A small coloured label for an emotion. */
export function chip(emotion) {
  const span = document.createElement('span');
  span.className = 'chip';
  span.textContent = labelOf(emotion);
  span.style.background = colourOf(emotion);
  if (emotion === NO_SPEECH) span.classList.add('no-speech');
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
 * Fills a timeline element with one button per speech segment ({start_s, end_s, emotion, confidence}) over
 * `duration` seconds; clicking a segment calls onPick(segment). A segment without speech ({speech: false}) is a
 * grey gap without a label (its time and "no speech" in its tooltip), not a button.
 */
export function drawTimeline(box, segments, duration, onPick) {
  box.replaceChildren();
  for (const s of segments) {
    if (!hasSpeech(s)) {
      const gap = document.createElement('span');
      gap.className = 'gap';
      gap.style.left = `${(s.start_s / duration) * 100}%`;
      gap.style.width = `${Math.max(0.5, ((s.end_s - s.start_s) / duration) * 100)}%`;
      gap.title = `${s.start_s.toFixed(1)}–${s.end_s.toFixed(1)} s: no speech`
        + (s.no_speech_reason ? ` (${s.no_speech_reason})` : '');
      box.append(gap);
      continue;
    }
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
