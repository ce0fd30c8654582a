// Adaptation to the voice of whoever uses this tab: when the served model adapts, every clip and live segment is
// sent with one session id per browser tab (kept in sessionStorage), and the server answers adapted to the clips
// with speech it has seen in that session. "Reset" forgets them (e.g. when someone else takes over the microphone).
import { describe, request } from './api.js';

const KEY = 'ser4j-session';
let enabled = false;
let fullEffect = 5;

export function initAdaptation(model) {
  enabled = Boolean(model.adapts);
  fullEffect = model.clips_for_full_effect || fullEffect;
  for (const button of document.querySelectorAll('.adaptation-reset')) button.addEventListener('click', reset);
  if (enabled) show('Adapting to your voice: your first clip starts it.');
}

/** "session=ID" for the query string, or '' when the model does not adapt. */
export function sessionQuery() {
  return enabled ? `session=${encodeURIComponent(sessionId())}` : '';
}

/** Shows how far the answer was adapted ({mode, group, clips} of a prediction; null: nothing to say). */
export function noteAdaptation(adaptation) {
  if (!enabled || !adaptation) return;
  const n = adaptation.mode === 'session' ? adaptation.clips : 0;
  if (n === 0) show('Adapting to your voice: no clip with speech yet.');
  else if (n < fullEffect) show(`Adapting to your voice: ${n} of ${fullEffect} clips.`);
  else show(`Adapted to your voice (${n} clips).`);
}

function sessionId() {
  let id = sessionStorage.getItem(KEY);
  if (!id) {
    const bytes = crypto.getRandomValues(new Uint8Array(12));
    id = 'tab-' + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
    sessionStorage.setItem(KEY, id);
  }
  return id;
}

async function reset() {
  try {
    await request(`/api/v1/sessions/${encodeURIComponent(sessionId())}`, { method: 'DELETE' });
  } catch (e) {
    if (e.status !== 404) { // nothing stored yet is fine
      show(`Reset failed: ${describe(e).detail}`);
      return;
    }
  }
  sessionStorage.removeItem(KEY);
  show('Adapting to your voice: started afresh.');
}

function show(text) {
  for (const p of document.querySelectorAll('.adaptation-status')) {
    p.hidden = false;
    p.querySelector('.adaptation-text').textContent = text;
  }
}
