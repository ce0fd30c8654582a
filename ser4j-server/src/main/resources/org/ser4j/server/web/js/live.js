// "Live": streams the microphone to /api/v1/stream and lists a prediction per speech segment as it arrives; a
// stretch the server found without speech is listed as "no speech" and drawn grey, with no emotion.
import { colourOf, drawTimeline, hasSpeech, percent } from './emotions.js';
import { level, openMicrophone } from './mic.js';
import { noteAdaptation, sessionQuery } from './adaptation.js';

const $ = (id) => document.getElementById(id);

let session = null; // {mic, socket, segments} while listening

export function initLive() {
  $('live-button').addEventListener('click', () => (session ? stop() : start()));
}

async function start() {
  showError(null);
  $('live-segments').replaceChildren();
  $('live-timeline').replaceChildren();
  let mic;
  const pending = []; // audio captured before the socket is open
  let socket = null;
  try {
    mic = await openMicrophone((samples) => {
      $('live-level').style.width = `${Math.min(100, level(samples) * 400)}%`;
      if (socket && socket.readyState === WebSocket.OPEN) socket.send(samples.buffer);
      else pending.push(samples);
    });
  } catch (e) {
    showError(e.message);
    return;
  }
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const adaptTo = sessionQuery();
  socket = new WebSocket(`${scheme}://${location.host}/api/v1/stream?sample_rate=${mic.sampleRate}`
    + `&format=f32le&name=live${adaptTo ? '&' + adaptTo : ''}`);
  socket.binaryType = 'arraybuffer';
  session = { mic, socket, segments: [] };
  setListening(true, 'Connecting…');
  socket.onopen = () => {
    pending.splice(0).forEach((samples) => socket.send(samples.buffer));
    setListening(true, 'Listening: speak, then pause.');
  };
  socket.onmessage = (event) => onMessage(JSON.parse(event.data));
  socket.onerror = () => showError('The live stream to the server failed. Is "bin/ser4j serve" still running?');
  socket.onclose = () => {
    if (session && session.socket === socket) {
      finish(`Stopped. ${session.segments.filter(hasSpeech).length} segment(s) with speech.`);
    }
  };
}

/** Sends the end of the stream; the server predicts the last segment, answers "end" and closes. */
async function stop() {
  const { mic, socket } = session;
  await mic.stop();
  setListening(false, 'Finishing the last segment…');
  if (socket.readyState === WebSocket.OPEN) socket.send('end');
  else finish('Stopped.');
}

function finish(message) {
  if (session) session.mic.stop().catch(() => {});
  session = null;
  setListening(false, message);
  $('live-level').style.width = '0';
}

function onMessage(message) {
  if (message.type === 'segment') {
    session.segments.push(message);
    noteAdaptation(message.adaptation);
    $('live-segments').prepend(segmentItem(message)); // newest on top; the list is reversed, so it numbers in time order
    const last = session.segments[session.segments.length - 1];
    drawTimeline($('live-timeline'), session.segments, Math.max(10, last.end_s));
  } else if (message.type === 'error') {
    showError(message.message);
  } else if (message.type === 'end') {
    const without = message.no_speech_segments ? `, ${message.no_speech_segments} without speech` : '';
    finish(`Stopped. ${message.segments} segment(s) with speech${without} in ${message.duration_s.toFixed(1)} s.`);
  }
}

/** The list item of a streamed segment: its time and emotion with confidence, or "no speech" (reason as tooltip). */
export function segmentItem(message) {
  const li = document.createElement('li');
  const when = `${message.start_s.toFixed(1)}–${message.end_s.toFixed(1)} s: `;
  if (hasSpeech(message)) {
    const chip = document.createElement('span');
    chip.className = 'chip';
    chip.textContent = message.emotion;
    chip.style.background = colourOf(message.emotion);
    li.append(when, chip, ` ${percent(message.confidence)}`);
  } else {
    li.className = 'no-speech';
    li.append(when, 'no speech');
    if (message.no_speech_reason) li.title = message.no_speech_reason;
  }
  return li;
}

function setListening(on, text) {
  const button = $('live-button');
  button.textContent = on ? '■ Stop listening' : '● Start listening';
  button.setAttribute('aria-pressed', String(on));
  $('live-status').textContent = text;
}

function showError(text) {
  const box = $('live-error');
  box.hidden = !text;
  box.textContent = text || '';
}
